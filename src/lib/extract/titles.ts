/**
 * Titles, words of address, ranks and family names (data/titles.yaml), indexed
 * for token-by-token matching.
 */
import { PhraseTrie, phraseNorms, readYamlData } from './tokens.ts';
import { canonicalDisplay } from '../text/fold.ts';

export interface TitleDef {
  /** Canonical display form ("Phó Bí thư Thường trực"). */
  name: string;
  /** A role even without a unit (Thủ tướng). */
  standalone: boolean;
  /** Head of the unit the title itself names ("Quận ủy viên" → "Quận ủy"). */
  unit: string | null;
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
}

interface TitlesFile {
  titles: { name: string; standalone?: boolean; unit?: string }[];
  honorifics?: string[];
  ranks?: string[];
  familyNames?: string[];
  notPersonAfter?: string[];
  notNames?: string[];
  notInNames?: string[];
}

let tables: TitleTables | null = null;

export function titleTables(): TitleTables {
  if (tables) return tables;
  const data = readYamlData<TitlesFile>('titles.yaml');
  if (!data || !Array.isArray(data.titles)) throw new Error('data/titles.yaml: expected a list under "titles"');
  const titles = new PhraseTrie<TitleDef>();
  data.titles.forEach((t, i) => {
    if (typeof t?.name !== 'string') throw new Error(`data/titles.yaml: title ${i + 1} needs a "name"`);
    titles.add(phraseNorms(t.name), { name: canonicalDisplay(t.name), standalone: t.standalone === true, unit: t.unit ?? null });
  });
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
  tables = { titles, honorifics, ranks, families, notPersonAfter, notPersonAfterMax, notNames, notInNames };
  return tables;
}
