/**
 * Laws, codes, ordinances and the Constitution, named by kind and name: "Luật
 * Đất đai năm 2013", "Bộ luật Hình sự", "Luật PCTN", "Hiến pháp 1992".
 *
 * Known laws (data/laws.yaml) are read longest first; a law the table does not
 * know is read when its name is visibly closed ("Luật Thủ đô," / "Luật Thủ đô
 * năm 2012"). Which version a mention means:
 *   - a year written after the name ("năm 2013", "2013") is that version;
 *   - no year: the version in force at the article's date, the latest passed in
 *     or before its year (a table law), so "Luật Đất đai" in a 2008 story is the
 *     2003 law and in a 2017 story the 2013 law;
 *   - no year and no date (or a law not in the table): an entity of its own,
 *     named without a year, never merged into one of the versions.
 * Keys are the final entity ids: document/luat-dat-dai-2013, document/bo-luat-hinh-su.
 */
import { z } from 'zod';
import type { ArticleFile } from '../model/article.ts';
import type { KbDocumentInfo } from '../model/kb.ts';
import type { Mention } from '../model/mention.ts';
import { sentenceAt, type ArticleText } from '../markdown/text.ts';
import { canonicalDisplay } from '../text/fold.ts';
import { slugify } from '../text/slug.ts';
import { readDataFile } from './data-file.ts';
import { PhraseTrie, phraseNorms, tokenize, type Token } from './tokens.ts';
import { unitTables } from './units.ts';
import { worldPlaceAt } from './countries.ts';

const lawsFileSchema = z
  .object({
    notAfter: z.array(z.string().min(1)),
    kinds: z.array(z.object({ id: z.string().min(1), word: z.string().min(1) }).strict()).min(1),
    laws: z.array(
      z
        .object({
          kind: z.string().min(1),
          name: z.string(),
          years: z.array(z.number().int().min(1900).max(2100)).min(1),
          aliases: z.array(z.string().min(1)).optional(),
          forms: z.array(z.string().min(1)).optional(),
        })
        .strict(),
    ),
  })
  .strict();

interface LawDef {
  kindId: string;
  kindWord: string;
  /** "Đất đai"; empty for the Constitution. */
  name: string;
  years: number[];
}

interface LawTables {
  /** Kind word + name or alias → the law. */
  known: PhraseTrie<LawDef>;
  /** Kind words alone, for laws the table does not know. */
  kinds: PhraseTrie<{ id: string; word: string }>;
  /** Words a lower-case kind word may not follow ("pháp luật"). */
  notAfter: Set<string>;
}

let tables: LawTables | null = null;

function lawTables(): LawTables {
  if (tables) return tables;
  const data = readDataFile('laws.yaml', lawsFileSchema);
  const kindWords = new Map(data.kinds.map((k) => [k.id, canonicalDisplay(k.word)]));
  const known = new PhraseTrie<LawDef>();
  const kinds = new PhraseTrie<{ id: string; word: string }>();
  for (const [id, word] of kindWords) kinds.add(phraseNorms(word), { id, word });
  for (const law of data.laws) {
    const kindWord = kindWords.get(law.kind);
    if (!kindWord) throw new Error(`data/laws.yaml: ${law.name}: unknown kind "${law.kind}" (kinds: ${[...kindWords.keys()].join(', ')})`);
    const def: LawDef = { kindId: law.kind, kindWord, name: canonicalDisplay(law.name), years: [...law.years].sort((a, b) => a - b) };
    for (const n of [law.name, ...(law.aliases ?? [])]) known.add(phraseNorms(`${kindWord} ${n}`.trim()), def);
    for (const f of law.forms ?? []) known.add(phraseNorms(f), def);
  }
  tables = { known, kinds, notAfter: new Set(data.notAfter.map((w) => phraseNorms(w)[0]!)) };
  return tables;
}

/** A cheap test for a kind word in a block (any case: "Bộ luật", "luật", "Hiến pháp", "Pháp lệnh"). */
const KIND_HINT = /luật|hiến pháp|pháp lệnh/i;
const ISSUER: Record<string, string> = { 'phap-lenh': 'Ủy ban Thường vụ Quốc hội' };
const YEAR = /^(?:19|20)\d\d$/;
const CLOSERS = new Set([',', '.', ';', ':', '(', ')', '"', '“', '”', '!', '?']);
/** Words that end an unknown law's name ("Luật Thủ đô năm 2012", "Luật Thủ đô và …"). */
const NAME_ENDS = new Set(['năm', 'số', 'và', 'của', 'đã', 'được', 'có', 'sẽ', 'này', 'mới', 'hiện', 'hành', 'quy', 'sửa']);
const MAX_UNKNOWN_WORDS = 6;

/** The year written right after a law's name ("năm 2013", "2013", "(sửa đổi) năm 2014"), and where it ends. */
function yearAfter(tokens: readonly Token[], j: number): { year: number; next: number } | null {
  let k = j;
  if (tokens[k]?.raw === '(' && tokens[k + 1]?.norm === 'sửa' && tokens[k + 2]?.norm === 'đổi' && tokens[k + 3]?.raw === ')') k += 4;
  if (tokens[k]?.norm === 'năm') k++;
  const t = tokens[k];
  if (t && YEAR.test(t.raw)) return { year: Number(t.raw), next: k + 1 };
  return null;
}

/** An unknown law: a capitalised first word, then up to a few words, closed by punctuation or a year. */
function unknownLawName(tokens: readonly Token[], j: number): number {
  const first = tokens[j];
  if (!first?.word || !first.titleCase) return 0;
  let k = j + 1;
  while (k < tokens.length && k - j < MAX_UNKNOWN_WORDS && tokens[k]!.word && !NAME_ENDS.has(tokens[k]!.norm) && !YEAR.test(tokens[k]!.raw)) k++;
  const after = tokens[k];
  const closed = !after || CLOSERS.has(after.raw) || after.norm === 'năm' || YEAR.test(after.raw);
  return closed ? k - j : 0;
}

/** An organisation word ("Công ty", "Đại học") ends right before tokens[i]. */
function orgWordEndsAt(tokens: readonly Token[], i: number): boolean {
  for (let k = 1; k <= 4 && i - k >= 0; k++) {
    const m = unitTables().orgWords.longest(tokens, i - k, i);
    if (m?.length === k) return true;
  }
  return false;
}

/** A country or place abroad written at tokens[i] (not Việt Nam). */
function foreignAt(tokens: readonly Token[], i: number): boolean {
  const w = tokens[i] ? worldPlaceAt(tokens, i) : null;
  return !!w && w.place.code !== 'VN';
}

function articleYear(article: ArticleFile): number | null {
  const m = article.published ? /^(\d{4})/.exec(article.published) : null;
  return m ? Number(m[1]) : null;
}

export function extractLaws(article: ArticleFile, text: ArticleText): Mention[] {
  const t = lawTables();
  const mentions: Mention[] = [];
  const year = articleYear(article);
  for (const block of text.blocks) {
    // Most blocks name no law: look for a kind word before tokenizing.
    if (!KIND_HINT.test(text.text.slice(block.start, block.end))) continue;
    const tokens = tokenize(text.text, block.start, block.end);
    for (let i = 0; i < tokens.length; i++) {
      const kind = t.kinds.longest(tokens, i);
      if (!kind) continue;
      const kindDef = kind.values[0]!;
      const prev = tokens[i - 1];
      if (!tokens[i]!.cap && prev?.word && t.notAfter.has(prev.norm)) continue;
      // "Công ty Luật …", "Trường Đại học Luật …": an organisation's name.
      if (orgWordEndsAt(tokens, i)) continue;
      let def: LawDef | null = null;
      let end = i + kind.length;
      const known = t.known.longest(tokens, i);
      // A known law: the word after the kind word is capitalised ("Luật Đất đai", "Bộ luật Hình sự"), or the kind word is ("Hiến pháp").
      const knownOk = !!known && (tokens[i]!.cap || (known.length > kind.length && tokens[i + kind.length]!.cap));
      if (known && knownOk) {
        def = known.values[0]!;
        end = i + known.length;
      } else {
        // A law the table does not know: its kind word capitalised, its name not a country ("luật Mỹ").
        const n = tokens[i]!.cap ? unknownLawName(tokens, end) : 0;
        if (n === 0 || worldPlaceAt(tokens, end)) continue;
        end += n;
      }
      // "Hiến pháp Mỹ", "Bộ luật Hình sự của Pháp": another country's law, not ours.
      if (foreignAt(tokens, end) || (tokens[end]?.norm === 'của' && foreignAt(tokens, end + 1))) continue;
      const stated = yearAfter(tokens, end);
      let version: number | null = stated?.year ?? null;
      if (version === null && def && year !== null) version = def.years.filter((y) => y <= year).pop() ?? null;
      const written = text.text.slice(tokens[i]!.start, tokens[end - 1]!.end);
      const baseName = def ? `${def.kindWord} ${def.name}`.trim() : canonicalDisplay(`${kindDef.word} ${text.text.slice(tokens[i + kind.length]!.start, tokens[end - 1]!.end)}`);
      const name = version !== null ? `${baseName} ${version}` : baseName;
      const info: KbDocumentInfo = {
        kind: kindDef.word.toLowerCase(),
        code: null,
        number: null,
        issuer: ISSUER[kindDef.id] ?? 'Quốc hội',
        term: null,
        date: version !== null ? String(version) : null,
        replacedBy: null,
      };
      const spanEnd = stated ? tokens[stated.next - 1]!.end : tokens[end - 1]!.end;
      mentions.push({
        type: 'document',
        start: tokens[i]!.start,
        end: spanEnd,
        surface: text.text.slice(tokens[i]!.start, spanEnd),
        sentence: sentenceAt(text, tokens[i]!.start),
        key: `document/${slugify(name)}`,
        attrs: { name, document: info, aliases: [canonicalDisplay(written)], registry: false },
      });
      i = (stated?.next ?? end) - 1;
    }
  }
  return mentions;
}
