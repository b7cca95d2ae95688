/**
 * `npm run site:limits -- [--dist DIR]`: measure a built site (default dist/)
 * against the static hosts of data/hosts.yaml (docs/deploy.md). Exits 1 when
 * no host takes it, 2 on a usage error.
 */
import { parseCommandLine } from './cli.ts';
import { existsSync } from 'node:fs';
import { readDataFile } from '../src/lib/extract/data-file.ts';
import { hostsFileSchema, judgeHosts, measureSite } from '../src/lib/site/limits.ts';

const USAGE = 'usage: npm run site:limits -- [--dist DIR]';
const { values } = parseCommandLine(USAGE, { options: { dist: { type: 'string', default: 'dist' }, help: { type: 'boolean', default: false } } });
if (!existsSync(values.dist)) {
  console.error(`${values.dist}: no such folder (build the site first: npm run build)\n${USAGE}`);
  process.exit(2);
}
const site = measureSite(values.dist);
const n = (x: number): string => x.toLocaleString('en');
console.log(`${values.dist}: ${n(site.files)} files, ${n(site.bytes)} bytes; largest file ${site.largestFile?.path ?? '—'} (${n(site.largestFile?.bytes ?? 0)} bytes); fullest folder ${site.fullestFolder.path || '.'} (${n(site.fullestFolder.entries)} entries)`);
const verdicts = judgeHosts(site, readDataFile('hosts.yaml', hostsFileSchema).hosts);
for (const v of verdicts) console.log(`${v.fits ? 'fits  ' : 'MISSES'} ${v.host}${v.checks.length > 0 ? `: ${v.checks.map((c) => c.limit).join('; ')}` : ''}`);
process.exit(verdicts.some((v) => v.fits) ? 0 : 1);
