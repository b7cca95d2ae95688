/**
 * Titles, words of address, ranks and family names (data/titles.yaml), indexed
 * for token-by-token matching.
 */
import { PhraseTrie, phraseNorms } from './tokens.ts';
import { readDataFile } from './data-file.ts';
import { titlesFileSchema } from './lexicon-schema.ts';
import { canonicalDisplay } from '../text/fold.ts';

export interface TitleDef {
  /** Canonical display form ("Phó Bí thư Thường trực"). */
  name: string;
  /** A role even without a unit (Thủ tướng). */
  standalone: boolean;
  /** Head of the unit the title itself names ("Quận ủy viên" → "Quận ủy"). */
  unit: string | null;
  /** The national unit of the title when none is written ("Thủ tướng" → "Chính phủ"). */
  impliedUnit: string | null;
  /** The unit when a country follows, with "{country}" ("Chính phủ {country}"); null: the country itself. */
  foreignUnit: string | null;
  /** "Bộ" for "Bộ trưởng Tài chính" → "Bộ Tài chính". */
  unitPrefix: string | null;
}

export interface TitleTables {
  titles: PhraseTrie<TitleDef>;
  honorifics: PhraseTrie<string>;
  ranks: PhraseTrie<string>;
  /** Family names, matching form (lower case, canonical tones). */
  families: Set<string>;
  /** Words after which a bare name is a street or building ("đường Lê Hồng Phong"). */
  notPersonAfter: PhraseTrie<true>;
  /** The longest notPersonAfter phrase, in tokens. */
  notPersonAfterMax: number;
  /** Phrases that are never a person's name ("Hà Lan"). */
  notNames: PhraseTrie<true>;
  /** Words a name stops before ("Lúc", "Sáng"), matching form. */
  notInNames: Set<string>;
  /** Words that make a capitalised Latin run a brand or an organisation ("City", "Honda"), matching form. */
  notForeignNameWords: Set<string>;
  /** "nguyên", "cựu", "từng là": before a title, a former role. */
  formerWords: PhraseTrie<true>;
  /** Verbs only a person does ("nói", "cho biết"): evidence for a foreign name standing alone. */
  personVerbs: PhraseTrie<true>;
}

let tables: TitleTables | null = null;

export function titleTables(): TitleTables {
  if (tables) return tables;
  const data = readDataFile('titles.yaml', titlesFileSchema);
  const titles = new PhraseTrie<TitleDef>();
  const listed = new Set(data.titles.map((t) => phraseNorms(t.name).join(' ')));
  for (const t of data.titles) {
    const def: TitleDef = {
      name: canonicalDisplay(t.name),
      standalone: t.standalone === true,
      unit: t.unit ?? null,
      impliedUnit: t.impliedUnit ? canonicalDisplay(t.impliedUnit) : null,
      foreignUnit: t.foreignUnit ?? null,
      unitPrefix: t.unitPrefix ?? null,
    };
    titles.add(phraseNorms(t.name), def);
    // Every title's deputy ("Phó Giám đốc"), unless listed with fields of its own.
    const deputy = phraseNorms(`Phó ${t.name}`);
    if (!t.name.startsWith('Phó ') && !listed.has(deputy.join(' '))) titles.add(deputy, { ...def, name: `Phó ${def.name}` });
  }
  const honorifics = new PhraseTrie<string>();
  for (const h of data.honorifics ?? []) honorifics.add(phraseNorms(h), canonicalDisplay(h));
  const ranks = new PhraseTrie<string>();
  for (const r of data.ranks ?? []) ranks.add(phraseNorms(r), canonicalDisplay(r));
  const families = new Set((data.familyNames ?? []).map((f) => phraseNorms(f)[0]!));
  const notPersonAfter = new PhraseTrie<true>();
  let notPersonAfterMax = 0;
  for (const w of data.notPersonAfter ?? []) {
    const norms = phraseNorms(w);
    notPersonAfter.add(norms, true);
    notPersonAfterMax = Math.max(notPersonAfterMax, norms.length);
  }
  const notNames = new PhraseTrie<true>();
  for (const n of data.notNames ?? []) notNames.add(phraseNorms(n), true);
  const notInNames = new Set((data.notInNames ?? []).map((w) => phraseNorms(w)[0]!));
  const notForeignNameWords = new Set((data.notForeignNameWords ?? []).map((w) => phraseNorms(w)[0]!));
  const formerWords = new PhraseTrie<true>();
  for (const w of data.formerWords ?? []) formerWords.add(phraseNorms(w), true);
  const personVerbs = new PhraseTrie<true>();
  for (const w of data.personVerbs ?? []) personVerbs.add(phraseNorms(w), true);
  tables = { titles, honorifics, ranks, families, notPersonAfter, notPersonAfterMax, notNames, notInNames, notForeignNameWords, formerWords, personVerbs };
  return tables;
}
