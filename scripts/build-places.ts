/**
 * Regenerates data/places.json, the compact gazetteer the place extractor loads,
 * from the MIT-licensed gazetteer in ../shared/gazetteer (not part of a clone).
 *
 *   npm run places -- --out data/places.json [--gazetteer ../shared/gazetteer]
 *
 * --out is required: the file is committed, and nothing rewrites it unless told to.
 * Each era is a list of [code, name, kind, parentCode|null]; kind is the
 * gazetteer's unit type shortened (see KIND_OF_TYPE). provinceTo2025 maps a
 * pre-2025 province code to its 2025 province (for comparing areas across eras).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCommandLine } from './cli.ts';

const USAGE = 'usage: npm run places -- --out data/places.json [--gazetteer ../shared/gazetteer]';
const { values } = parseCommandLine(USAGE, {
  options: {
    out: { type: 'string' },
    gazetteer: { type: 'string', default: '../shared/gazetteer' },
    help: { type: 'boolean', default: false },
  },
});
if (!values.out) {
  console.error(`--out is required (the committed file is data/places.json)\n${USAGE}`);
  process.exit(2);
}

interface GazetteerUnit {
  code: string;
  name: string;
  fullName: string;
  level: string;
  parent: string | null;
  era: string;
  type: string;
}

const KIND_OF_TYPE: Record<string, string> = {
  municipality: 'city',
  province: 'province',
  urban_district: 'quan',
  district: 'huyen',
  district_level_town: 'thixa',
  provincial_city: 'tp',
  municipal_city: 'tp',
  ward: 'phuong',
  commune: 'xa',
  commune_level_town: 'thitran',
  special_administrative_region: 'dackhu',
};

const gazDir = path.resolve(values.gazetteer);
const out = path.resolve(values.out);
const unitsFile = path.join(gazDir, 'vn-admin-units.json');
const mappingFile = path.join(gazDir, 'vn-admin-2025-mapping.json');
if (!fs.existsSync(unitsFile)) {
  console.error(`build-places: ${unitsFile} not found; pass --gazetteer <folder with vn-admin-units.json>`);
  process.exit(1);
}
const gaz = JSON.parse(fs.readFileSync(unitsFile, 'utf8')) as { units: GazetteerUnit[] };
const mapping = JSON.parse(fs.readFileSync(mappingFile, 'utf8')) as { provinces: Record<string, string[]> };

const eras: Record<string, [string, string, string, string | null][]> = { 'pre-2025': [], '2025': [] };
for (const u of gaz.units) {
  const kind = KIND_OF_TYPE[u.type];
  if (!kind) throw new Error(`${unitsFile}: unit ${u.era}/${u.code} has unknown type "${u.type}"; add it to KIND_OF_TYPE`);
  const list = eras[u.era];
  if (!list) throw new Error(`${unitsFile}: unit ${u.code} has unknown era "${u.era}"`);
  list.push([u.code, u.name.normalize('NFC'), kind, u.parent]);
}
const provinceTo2025: Record<string, string> = {};
for (const [oldCode, targets] of Object.entries(mapping.provinces)) provinceTo2025[oldCode] = targets[0]!;

const lines = [
  '{',
  `"about": "Compact gazetteer derived by scripts/build-places.ts from vn-admin-units.json and vn-admin-2025-mapping.json (MIT, see places.LICENSE). Rows: [code, name, kind, parent].",`,
  `"provinceTo2025": ${JSON.stringify(provinceTo2025)},`,
  '"eras": {',
  Object.entries(eras)
    .map(([era, rows]) => `${JSON.stringify(era)}: [\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]`)
    .join(',\n'),
  '}',
  '}',
];
fs.writeFileSync(out, lines.join('\n') + '\n');
fs.writeFileSync(path.join(path.dirname(out), 'places.LICENSE'), fs.readFileSync(path.join(gazDir, 'LICENSE'), 'utf8'));
console.log(`build-places: wrote ${out} (${eras['pre-2025']!.length} pre-2025 + ${eras['2025']!.length} 2025 units)`);
