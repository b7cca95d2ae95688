/**
 * Countries and major foreign places (data/countries.yaml): their names as
 * places, and as the country of a foreign office ("Thủ tướng Nhật Bản").
 *
 * A name is read only as written with its capitals ("Mỹ", not the "mỹ" of "mỹ
 * phẩm"), and not inside a longer capitalised run ("Tân Hoa xã", "Michael
 * Jordan", "Thái Bình"). A one-syllable name (Anh, Nga, Đức, Pháp, Ý …) is
 * also a word or a given name, so it is read only where a sentence cannot be
 * starting with the pronoun or the word ("Anh cho biết"), and not right after
 * a word of address ("chị Nga").
 */
import { z } from 'zod';
import { readDataFile } from './data-file.ts';
import { PhraseTrie, phraseNorms, tokenize, type Token } from './tokens.ts';
import { titleTables } from './titles.ts';
import { loadGazetteer } from './places.ts';

export interface WorldPlace {
  /** "place:world:US" for a country, "place:world:US:washington" for a city. */
  key: string;
  name: string;
  /** kb.json level: "country", or "foreign" for a territory or a city. */
  level: 'country' | 'foreign';
  code: string;
  /** The country of a city. */
  parentKey: string | null;
}

interface Form {
  place: WorldPlace;
  /** Which tokens of the form are capitalised in the data (they must be in the text). */
  caps: boolean[];
}

export interface WorldGazetteer {
  forms: PhraseTrie<Form>;
  byCode: Map<string, WorldPlace>;
  /** "anh hùng", "pháp luật": two-word phrases a one-syllable name starts (matching form). */
  notCountryWords: Set<string>;
}

const countrySchema = z
  .object({
    code: z.string().regex(/^[A-Z]{2}$/),
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).optional(),
    /** A city, or one city's spellings, the first heading its page ("Matxcơva", "Moscow"). */
    cities: z.array(z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])).optional(),
    territory: z.boolean().optional(),
  })
  .strict();
const fileSchema = z.object({ notCountryWords: z.array(z.string().min(1)), countries: z.array(countrySchema) }).strict();

let world: WorldGazetteer | null = null;

export function loadWorld(): WorldGazetteer {
  if (world) return world;
  const data = readDataFile('countries.yaml', fileSchema);
  const forms = new PhraseTrie<Form>();
  const byCode = new Map<string, WorldPlace>();
  const add = (written: string, place: WorldPlace): void => {
    const tokens = tokenize(written.normalize('NFC'));
    forms.add(phraseNorms(written), { place, caps: tokens.map((t) => t.cap) });
  };
  for (const c of data.countries) {
    const country: WorldPlace = { key: `place:world:${c.code}`, name: c.name, level: c.territory ? 'foreign' : 'country', code: c.code, parentKey: null };
    byCode.set(c.code, country);
    for (const n of [c.name, ...(c.aliases ?? [])]) add(n, country);
    for (const entry of c.cities ?? []) {
      const [name, ...others] = typeof entry === 'string' ? [entry] : entry;
      const city: WorldPlace = { key: `place:world:${c.code}:${phraseNorms(name!).join('-')}`, name: name!, level: 'foreign', code: c.code, parentKey: country.key };
      for (const written of [name!, ...others]) add(written, city);
    }
  }
  world = { forms, byCode, notCountryWords: new Set(data.notCountryWords.map((w) => phraseNorms(w).join(' '))) };
  return world;
}

/** Written with the data's capitals, and not read out of an abbreviation's expansion ("PLVN", "UBMTTQVN"). */
function capsMatch(tokens: readonly Token[], i: number, caps: readonly boolean[]): boolean {
  for (let k = 0; k < caps.length; k++) {
    const t = tokens[i + k]!;
    if (t.expandedFrom || (caps[k] && !t.cap)) return false;
  }
  return true;
}

/**
 * A country or foreign place at tokens[i] right after a word that names it
 * ("Bộ Tư pháp Mỹ", "Thủ tướng Anh Tony Blair"): only its capitals are checked.
 */
export function worldPlaceAt(tokens: readonly Token[], i: number): { length: number; place: WorldPlace } | null {
  const m = loadWorld().forms.longest(tokens, i);
  const form = m?.values.find((f) => capsMatch(tokens, i, f.caps));
  return m && form ? { length: m.length, place: form.place } : null;
}

/** A country written after a title or a body's name, with "tại <place>" after it when written. */
export interface CountryAfter {
  place: WorldPlace;
  /** "Đại sứ quán Việt Nam tại Singapore": where the body sits. */
  at: WorldPlace | null;
  /** Offsets and token count of the country's own words (not of "tại …"). */
  start: number;
  end: number;
  words: number;
  /** Token index after everything read ("tại …" included). */
  next: number;
}

/** The country at tokens[i] (worldPlaceAt) and a "tại <place>" right after it. */
export function countryAfter(tokens: readonly Token[], i: number): CountryAfter | null {
  const w = worldPlaceAt(tokens, i);
  if (!w) return null;
  const after = i + w.length;
  const at = tokens[after]?.norm === 'tại' ? worldPlaceAt(tokens, after + 1) : null;
  return { place: w.place, at: at?.place ?? null, start: tokens[i]!.start, end: tokens[after - 1]!.end, words: w.length, next: at ? after + 1 + at.length : after };
}

const SENTENCE_START = new Set(['.', '!', '?', ':', '"', '“', '(', '-', '–', '—', '…']);

/** The country or foreign place written at tokens[i], or null. `addressWords`: "anh", "chị", "ông" … (titles.yaml). */
export function matchWorldPlace(
  tokens: readonly Token[],
  i: number,
  isAddressWord: (t: Token) => boolean,
): { length: number; place: WorldPlace } | null {
  const m = loadWorld().forms.longest(tokens, i);
  if (!m) return null;
  const form = m.values.find((f) => capsMatch(tokens, i, f.caps));
  if (!form) return null;
  const prev = tokens[i - 1];
  const next = tokens[i + m.length];
  // Inside a longer capitalised run: another name ("Tân Hoa xã" aside, "Michael Jordan", "Thái Bình").
  // ("Tại Ấn Độ", "Theo Nhật Bản": a sentence's capitalised first word does not belong to the name,
  // unless the two are a place's name: "Thủ Đức" is a district, not Germany.)
  if (prev?.word && prev.titleCase && (!titleTables().notInNames.has(prev.norm) || loadGazetteer().names.longest(tokens, i - 1))) return null;
  if (next?.word && next.titleCase) return null;
  if (m.length === 1) {
    // One syllable: a pronoun or a word at a sentence start, a given name after a word of address,
    // or the first half of another word ("Anh hùng", "Pháp luật").
    if (!prev || SENTENCE_START.has(prev.raw)) return null;
    if (prev.word && isAddressWord(prev)) return null;
    if (next?.word && loadWorld().notCountryWords.has(`${tokens[i]!.norm} ${next.norm}`)) return null;
  }
  return { length: m.length, place: form.place };
}
