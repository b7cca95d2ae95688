/**
 * Document mentions: resolutions, directives, conclusions, regulations,
 * charters, congress resolutions, and state documents with full codes.
 *
 * One anchored scan finds kind words ("Nghị quyết", "chỉ thị", …) and bare
 * codes ("04-NQ/TW"); at each anchor a bounded, sticky parse reads the head
 * (code, number, plenum, congress, title) and its trailing attributes (date,
 * issuer, term). Every regular expression is anchored (sticky) or a single
 * pass over the text with bounded quantifiers: linear in the text.
 *
 * Resolution prefers the registry (data/documents.yaml). A document the
 * registry does not know becomes its own entity, keyed by what the text states
 * (kind + code/number + issuer + term or year). Precision over recall: when
 * the text does not say enough to tell documents apart (a central number with
 * no term, date or registry entry; a local number whose committee cannot be
 * placed), no mention is emitted rather than a guess that could merge two
 * documents.
 *
 * Keys ("document/<id>"): a registry entry's id; otherwise built from what the
 * text states, in the registry's own id scheme, so that adding the document to
 * the registry later can keep the same id:
 *   central Party   <kind>-<code>-khoa-<term>        chi-thi-25-ct-tw-khoa-ix
 *                   (numbers restart every term: the term is part of the key;
 *                   from "khóa …", or from a stated date or year)
 *   local Party     <kind>-<code>-<committee>-<year>  chi-thi-15-ct-tu-thanh-uy-ha-noi-2019
 *   state           <kind>-<number>-<year>-<kind>-<issuer>  nghi-dinh-79-2010-nd-cp
 *                   (national issuers only: every province numbers its own UBND/HĐND documents)
 *   plenum          <kind>-trung-uong-<n>-khoa-<term> nghi-quyet-trung-uong-5-khoa-xii
 *   congress        nghi-quyet-dai-hoi-<congress>, or the local congress's full name
 *                   nghi-quyet-dai-hoi-dang-bo-quan-tay-ho-lan-thu-vi
 *
 * Ambiguity, decided least wrong (see each resolver's comment): a plenum or
 * code without a term takes the latest registry document issued by the
 * article's date, or, undated, the term the article names elsewhere; "Thành ủy"
 * without a name is the committee the caller gives, the one the article names,
 * or the registry locality whose places the article names.
 */
import type { ArticleFile } from '../model/article.ts';
import { titleTables } from './titles.ts';
import type { KbDocumentInfo } from '../model/kb.ts';
import { slugify } from '../text/slug.ts';
import { canonicalDisplay, foldChars, foldName, foldTitle } from '../text/fold.ts';
import {
  canonicalNumber,
  canonicalTerm,
  documentKind,
  formatDocumentCode,
  fromRoman,
  kindFromAbbr,
  kindFromFoldedWord,
  parseDocumentCode,
  plenumNumber,
  type DocumentCode,
  type DocumentKindId,
} from '../text/document-codes.ts';
import { termAt, type DocumentRegistry, type RegistryDocument } from './document-registry.ts';
import { sentenceAt, type ArticleText } from '../markdown/text.ts';
import type { Mention } from '../model/mention.ts';

export interface DocumentContext {
  /** Local committees the article is set under ("Thành ủy Hà Nội"), e.g. from the places extractor. */
  committees?: readonly string[];
}

export interface DocumentMentionAttrs {
  name: string;
  document: KbDocumentInfo;
  registry: boolean;
  aliases?: string[];
  /** Display name of document.replacedBy (a registry document no article may mention, so it may have no entity). */
  replacedByName?: string;
}

// ---------------------------------------------------------------------------
// Patterns. Anchors run over the original text; heads and attributes run sticky
// over the folded copy (same offsets, lower-case ASCII letters).

// Over the folded text: kind words, or the middle of a code ("4-nq/", "5/nq-", "4/nd-"); the
// boundaries and the code's start are checked in code (a lookbehind at every position is slow).
const ANCHOR_RE = /nghi (?:quyet|dinh)|chi thi|ket luan|quy(?:et)? (?:dinh|che)|huong dan|thong tu|dieu le|\d\s?[-/]\s?(?:nq|ct|kl|qd|hd|qc|nd|tt)\s?[-/]|nq\s?t\.?[wu]\s?\d/g;
// "NQ TƯ 4", "NQTW4" (capitals in the text).
const ABBREVIATED_PLENUM = /nq\s?(t\.?[wu])\s?(\d{1,2})(?!\d)/dy;
const BARE_CODE = /\d{1,4}\s?(?:\/\s?(?:19|20)\d\d\s?)?[-/]\s?(?:nq|ct|kl|qdi?|hd|qc|nd|tt)\s?[-/]\s?[a-z.]{1,10}\d{0,2}/y;

const CODE_HEAD = /\s(?:so\s?)?(\d{1,4}\s?(?:\/\s?(?:19|20)\d\d\s?)?[-/]\s?[a-z]{2,3}\s?[-/]\s?[a-z.]{1,10}\d{0,2})/dy;
// A number, not a date (15/5), a decimal (1,5), a code (…-NQ) or a quantity.
const NUMBER_HEAD = /\s(so\s?)?(\d{1,4})(?![\d]|[.,/-]\d|\s?[-/]\s?[a-z]|\s(?:thang|ngay)(?!\s?\d)|\s(?:lan|nguoi|ty|trieu|nghin)(?![a-z])|\s?%)/y;
// More numbers of one kind and issuer: "Chỉ thị 03, 05 của Bộ Chính trị", "Nghị quyết số 18 và 19".
const NUMBER_MORE = /\s?(?:,|va)\s?(?:so\s?)?(\d{1,3})(?![\d]|[.,/-]\d|\s?[-/]\s?[a-z]|\s(?:thang|ngay)(?!\s?\d)|\s(?:nam|lan|nguoi|ty|trieu|nghin)(?![a-z])|\s?%)/y;
const PLENUM_HEAD = /\s(?:hoi nghi\s)?(?:lan thu\s(tu|nam|sau|bay|tam|chin|muoi|\d{1,2})\s)?(?:ban chap hanh\s|bch\s?)?(trung uong|t\.?w|t\.?u)(?:\s?dang)?(?:\s?(?:lan thu\s?)?(\d{1,2}|tu|sau|bay|tam|chin|muoi)(?![\p{L}\d])|\s(nam)(?!\s?\d))?/duy;
// "… lần thứ XXI Đảng bộ thành phố" is a local congress: a national one is not followed by "Đảng bộ".
const CONGRESS_NATIONAL = /\sdai hoi\s(?:dai bieu\s)?(?:toan quoc\s)?(?:dang\s)?(?:toan quoc\s)?(?:lan thu\s)?([ivxl]{1,6})(?![\p{L}\d]|\s(?:cua\s)?dang bo)(?:\s(?:cua\s)?dang(?:\scong san viet nam)?(?![\p{L}]))?/duy;
/** National congresses so far (the XIV met in 2026); a higher number is a local congress. */
const MAX_NATIONAL_CONGRESS = 14;
const CONGRESS_LOCAL = /\sdai hoi\s(?:dai bieu\s)?dang bo\s(tinh|thanh pho|quan|huyen|thi xa|phuong|xa|thi tran)\s/y;
const CONGRESS_NUMBER = /\slan thu\s([ivxl]{1,6})(?![\p{L}\d])/duy;
const CONGRESS_YEARS = /\s?[(,]?\s?nhiem ky\s((?:19|20)\d\d)\s?[-–—]\s?((?:19|20)\d\d)\)?/y;
const CHARTER = /\s(?:cua\s)?dang(?:\scong san viet nam)?(?![\p{L}]|\s(?:bo|vien|uy|doan)(?![\p{L}]))/uy;
const TITLE_HEAD = /\s(?:so\s\d{1,4}\s)?[“"]?\s?ve\s/y;

const TRAIL_DATE = /[\s,]*(?:ban hanh\s)?ngay\s?(\d{1,2})\s?[-/.]\s?(\d{1,2})\s?[-/.]\s?((?:19|20)\d\d)/y;
const TRAIL_DATE_WORDS = /[\s,]*ngay\s(\d{1,2})\sthang\s(\d{1,2})\snam\s((?:19|20)\d\d)/y;
const TRAIL_YEAR = /[\s,]*\(?nam\s((?:19|20)\d\d)\)?(?![\d])/y;
const TRAIL_TERM = /[\s,]*\(?\s?khoa\s?([ivxl]{1,6}|\d{1,2})(?![\p{L}\d])/duy;
const TRAIL_TERM_MORE = /\s?(?:,|va|&)\s?(?:khoa\s?)?([ivxl]{1,6}|\d{1,2})(?![\p{L}\d]|\s?[-/])/duy;
const TRAIL_CLOSE = /\s?\)/y;
const TRAIL_OF = /[\s,]*cua\s/y;
const ISSUER_CENTRAL = /(bo chinh tri|ban bi thu|ban chap hanh trung uong|bch\s?trung uong|bch\s?tw|trung uong)(?:\sdang)?(?:\s(?:khoa\s[ivxl]{1,6}\s)?(?:ban chap hanh trung uong|bch trung uong)(?:\sdang)?)?(?![\p{L}])/uy;
const ISSUER_LOCAL = /(?:ban thuong vu\s)?(thanh|tinh|quan|huyen|thi) uy(?![\p{L}])/uy;
const ISSUER_STATE = /(chinh phu|thu tuong chinh phu|thu tuong|quoc hoi|uy ban thuong vu quoc hoi)(?![\p{L}])/uy;

// A capitalised name in the original text, up to four words ("Hà Nội", "Hai Bà Trưng").
const PROPER_NAME = /(?:(?:Thành phố|TP\.?)\s)?(\p{Lu}[\p{L}]*(?:\s\p{Lu}[\p{L}]*){0,5})/uy;
const COMMITTEE_NAMES = /(Thành|Tỉnh|Quận|Huyện|Thị) (?:ủy|uỷ)\s(?:(?:Thành phố|TP\.?)\s?)?(\p{Lu}[\p{L}]*(?:\s\p{Lu}[\p{L}]*){0,5})/gu;
// Over the folded text; the numeral is checked in capitals in the original.
const TERM_IN_TEXT = /khoa\s?\(?([ivxl]{1,6})(?![a-z0-9])/g;
// A term of a local committee, a people's council or the National Assembly ("Quốc hội khóa XIV"), not of the Central Committee.
const OTHER_TERM_CONTEXT = /dang bo|(?:tinh|thanh|quan|huyen|thi|dang) uy|quoc hoi|hdnd|hoi dong nhan dan|doan|hoi /;

// Family names (titles.yaml, folded) end a place name: "Thành ủy Hà Nội Đinh Tiến Dũng" is the committee of Hà Nội.
let foldedFamilies: Set<string> | null = null;
function isFamilyName(word: string): boolean {
  foldedFamilies ??= new Set([...titleTables().families].map((f) => foldChars(f)));
  return foldedFamilies.has(foldChars(word));
}

// Capitalised words that end a place name ("Thành ủy Hà Nội Khóa XVII", "… Hà Nội Về việc").
const STOP_WORDS = new Set(['khoa', 've', 'nam', 'ngay', 'lan', 'nhiem', 'tai', 'va']);

const LEVEL_WORD: Record<string, string> = { thanh: 'Thành ủy', tinh: 'Tỉnh ủy', quan: 'Quận ủy', huyen: 'Huyện ủy', thi: 'Thị ủy' };
const LEVEL_CODE: Record<string, string> = { thanh: 'TU', tinh: 'TU', quan: 'QU', huyen: 'HU', thi: 'TU' };
const CONGRESS_LEVEL: Record<string, string> = {
  tinh: 'tỉnh', 'thanh pho': 'thành phố', quan: 'quận', huyen: 'huyện', 'thi xa': 'thị xã', phuong: 'phường', xa: 'xã', 'thi tran': 'thị trấn',
};

const MAX_TRAIL = 8;

// ---------------------------------------------------------------------------

type Issuer =
  | { level: 'central'; name: string }
  | { level: 'local'; committee: string | null; levelWord: string; code: string }
  | { level: 'state'; name: string; code: string };

interface Trailing {
  end: number;
  /** End of the issuer phrase, when there is one (part of the surface of number heads). */
  issuerEnd: number;
  /** End of the term list directly after the head. */
  termEnd: number;
  date: string | null;
  year: number | null;
  terms: string[];
  issuer: Issuer | null;
}

type Head =
  | { type: 'code'; kind: DocumentKindId | null; code: DocumentCode }
  | { type: 'number'; kind: DocumentKindId; number: string; more: string[] }
  | { type: 'plenum'; kind: DocumentKindId; plenum: number }
  | { type: 'congress'; congress: string }
  | { type: 'local-congress'; name: string; number: string | null; years: string | null }
  | { type: 'title'; kind: DocumentKindId; docs: RegistryDocument[] }
  | { type: 'charter'; doc: RegistryDocument | null };

interface Resolved {
  id: string;
  kind: DocumentKindId;
  name: string;
  info: KbDocumentInfo;
  registry: boolean;
  aliases: string[];
}

interface ParsedMention {
  start: number;
  end: number;
  head: Head;
  trail: Trailing;
}

class ArticleScope {
  private maxTerm: string | null | undefined;
  private committees = new Map<string, string | null>();
  readonly text: string;
  readonly folded: string;
  readonly article: ArticleFile;
  readonly registry: DocumentRegistry;
  readonly context: DocumentContext | undefined;
  constructor(text: string, folded: string, article: ArticleFile, registry: DocumentRegistry, context: DocumentContext | undefined) {
    this.text = text;
    this.folded = folded;
    this.article = article;
    this.registry = registry;
    this.context = context;
  }

  get published(): string | null {
    return this.article.published;
  }

  /** The highest term (khóa) the article names: the article was written during it or later. */
  highestTerm(): string | null {
    if (this.maxTerm !== undefined) return this.maxTerm;
    let best = 0;
    for (const m of this.folded.matchAll(TERM_IN_TEXT)) {
      const at = m.index + m[0].length - m[1]!.length;
      if (!isUpperRoman(this.text, at, m[1]!)) continue;
      if (OTHER_TERM_CONTEXT.test(this.folded.slice(Math.max(0, m.index - 40), m.index))) continue;
      const n = fromRoman(m[1]!);
      if (n !== null && n <= MAX_NATIONAL_CONGRESS && n > best) best = n;
    }
    this.maxTerm = best > 0 ? canonicalTerm(String(best)) : null;
    return this.maxTerm;
  }

  /** The committee "Thành ủy"/"Tỉnh ủy"/… with no name means in this article, or null if unknown. */
  committeeFor(levelKey: string): string | null {
    if (this.committees.has(levelKey)) return this.committees.get(levelKey)!;
    const levelWord = LEVEL_WORD[levelKey]!;
    let found: string | null = null;
    // 1. Named by the caller (places extractor).
    const given = (this.context?.committees ?? []).filter((c) => c.startsWith(levelWord));
    if (given.length === 1) found = given[0]!;
    // 2. Named in the article itself ("Thành ủy Việt Trì"), if by exactly one name.
    if (!found) {
      const names = new Set<string>();
      for (const m of this.text.matchAll(COMMITTEE_NAMES)) {
        if (LEVEL_WORD[foldChars(m[1]!)] !== levelWord) continue;
        const place = trimPlaceName(m[2]!);
        if (place) names.add(`${levelWord} ${place}`);
      }
      if (names.size === 1) found = [...names][0]!;
    }
    // 3. The article names a place of a registry locality ("quận Tây Hồ" → Thành ủy Hà Nội).
    if (!found) {
      const hits = new Set<string>();
      for (const locality of this.registry.localities) {
        if (!locality.committee.startsWith(levelWord)) continue;
        if (locality.names.some((name) => containsWord(this.folded, foldName(name)))) hits.add(locality.committee);
      }
      if (hits.size === 1) found = [...hits][0]!;
    }
    this.committees.set(levelKey, found);
    return found;
  }
}

/** Extract every document mention of one article. */
export function extractDocuments(
  article: ArticleFile,
  text: ArticleText,
  registry: DocumentRegistry,
  context?: DocumentContext,
): Mention[] {
  const source = text.text;
  const folded = foldChars(source);
  ANCHOR_RE.lastIndex = 0;
  const first = ANCHOR_RE.exec(folded);
  if (!first) return [];
  const scope = new ArticleScope(source, folded, article, registry, context);

  const parsed: ParsedMention[] = [];
  for (let m: RegExpExecArray | null = first; m; m = ANCHOR_RE.exec(folded)) {
    let result: ParsedMention | null = null;
    if (m[0].charCodeAt(0) === 110 /* n */ && m[0][1] === 'q') {
      if (!isWordChar(folded.charCodeAt(m.index - 1))) result = parseAbbreviatedPlenum(scope, m.index);
    } else if (isDigit(m[0].charCodeAt(0))) {
      const start = codeStart(folded, m.index);
      if (start >= 0) result = parseBareCode(scope, start);
    } else {
      const start = m.index;
      const wordEnd = start + m[0].length;
      if (!isWordChar(folded.charCodeAt(start - 1)) && !isWordChar(folded.charCodeAt(wordEnd))) {
        result = parseKindHead(scope, start, wordEnd, source.slice(start, wordEnd));
      }
    }
    if (result) {
      parsed.push(result);
      // "Chỉ thị 03, 05 của Bộ Chính trị": one mention per number, on the same span.
      if (result.head.type === 'number') {
        for (const number of result.head.more) parsed.push({ ...result, head: { ...result.head, number, more: [] } });
      }
      if (result.end > ANCHOR_RE.lastIndex) ANCHOR_RE.lastIndex = result.end;
    }
  }

  // Resolve stated documents first, so an issuer-less "Nghị quyết 39" can follow an earlier "39-NQ/TW" of the article.
  const byKindNumber = new Map<string, Resolved>();
  const resolvedAll: (Resolved[] | null)[] = parsed.map((p) => {
    if (p.head.type === 'number' && p.trail.issuer === null) return null;
    const resolved = resolveMention(scope, p);
    for (const r of resolved) {
      if (r.info.number && (p.head.type === 'code' || p.head.type === 'number')) {
        byKindNumber.set(`${r.kind}|${r.info.number}`, r);
      }
    }
    return resolved;
  });
  const plenumTerms = collectPlenumTerms(parsed);

  const mentions: Mention[] = [];
  parsed.forEach((p, index) => {
    let resolved = resolvedAll[index];
    // "Nghị định 02 của Chính phủ": an issuer without a year does not name one document either.
    if (resolved === null || (resolved.length === 0 && p.head.type === 'number')) {
      const head = p.head as Extract<Head, { type: 'number' }>;
      const antecedent = byKindNumber.get(`${head.kind}|${head.number}`);
      resolved = antecedent ? [antecedent] : resolveByTitle(scope, head.kind, p.trail.end, head.number);
      if (resolved.length === 0) resolved = resolveByIssuerInArticle(scope, head.kind, head.number);
      // Open world: a document named by kind and number that nothing tells apart
      // ("Nghị định số 49") is an entity of this article alone, never merged into
      // another article's document of the same number.
      if (resolved.length === 0) resolved = [articleLocal(scope, head.kind, head.number)];
    } else if (p.head.type === 'plenum' && resolved.length === 0 && p.trail.terms.length === 0) {
      resolved = resolvePlenumWithoutTerm(scope, p.head.kind, p.head.plenum, plenumTerms);
    }
    const end = surfaceEnd(p);
    const surface = source.slice(p.start, end);
    for (const r of resolved) {
      const attrs: DocumentMentionAttrs = { name: r.name, document: r.info, registry: r.registry };
      if (r.aliases.length > 0) attrs.aliases = r.aliases;
      const successor = r.info.replacedBy ? registry.byId.get(r.info.replacedBy.slice('document/'.length)) : undefined;
      if (successor) attrs.replacedByName = successor.name;
      mentions.push({
        type: 'document',
        start: p.start,
        end,
        surface,
        sentence: sentenceAt(text, p.start),
        key: `document/${r.id}`,
        attrs: attrs as unknown as Record<string, unknown>,
      });
    }
  });
  return mentions;
}

// ---------------------------------------------------------------------------
// Parsing

function sticky(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(s);
}

function parseKindHead(scope: ArticleScope, start: number, wordEnd: number, word: string): ParsedMention | null {
  const { folded, text } = scope;
  const kind = kindFromFoldedWord(foldChars(word));
  if (!kind) return null;
  const capitalised = /^\p{Lu}/u.test(word);

  if (kind === 'dieu-le') {
    const m = sticky(CHARTER, folded, wordEnd);
    if (!m || !/^\s(?:của\s)?Đảng/u.test(text.slice(wordEnd, wordEnd + 8))) return null;
    const end = wordEnd + m[0].length;
    const doc = scope.registry.byName.get('dieu le dang') ?? null;
    return { start, end, head: { type: 'charter', doc }, trail: emptyTrail(end) };
  }

  let m = sticky(CODE_HEAD, folded, wordEnd);
  if (m) {
    const rawStart = m.indices![1]![0];
    let end = m.indices![1]![1];
    while (end > rawStart && text[end - 1] === '.') end--;
    const code = parseDocumentCode(text.slice(rawStart, end));
    if (code) {
      const trail = parseTrailing(scope, end);
      return { start, end, head: { type: 'code', kind, code }, trail };
    }
  }

  m = sticky(NUMBER_HEAD, folded, wordEnd);
  if (m && (capitalised || m[1])) {
    let end = wordEnd + m[0].length;
    const more: string[] = [];
    for (let i = 0; i < 4; i++) {
      const next = sticky(NUMBER_MORE, folded, end);
      if (!next) break;
      more.push(canonicalNumber(next[1]!));
      end += next[0].length;
    }
    const trail = parseTrailing(scope, end);
    return { start, end, head: { type: 'number', kind, number: canonicalNumber(m[2]!), more }, trail };
  }

  if (kind === 'nghi-quyet' || kind === 'ket-luan') {
    m = sticky(PLENUM_HEAD, folded, wordEnd);
    if (m && isCentralToken(text, m.indices![2]!)) {
      const plenum = plenumNumber(m[3] ?? m[1] ?? m[4] ?? '');
      if (plenum !== null && (m[1] === undefined || m[3] === undefined)) {
        const end = wordEnd + m[0].length;
        return { start, end, head: { type: 'plenum', kind, plenum }, trail: parseTrailing(scope, end) };
      }
    }
  }

  if (kind === 'nghi-quyet' && capitalised) {
    m = sticky(CONGRESS_NATIONAL, folded, wordEnd);
    if (m && isUpperRoman(text, m.indices![1]![0], m[1]!)) {
      const congress = canonicalTerm(m[1]!);
      if (congress && fromRoman(congress)! <= MAX_NATIONAL_CONGRESS) {
        const end = wordEnd + m[0].length;
        return { start, end, head: { type: 'congress', congress }, trail: emptyTrail(end) };
      }
    }
    const local = parseLocalCongress(scope, wordEnd);
    if (local) return { start, end: local.end, head: local.head, trail: emptyTrail(local.end) };
  }

  m = sticky(TITLE_HEAD, folded, wordEnd);
  if (m) {
    const titleAt = wordEnd + m[0].length;
    const titled = matchTitles(scope, kind, titleAt);
    if (titled.length > 0) {
      const end = advanceWords(folded, titleAt, scope.registry.titles.get(kind)!.find((t) => t.doc === titled[0])!.prefix.split(' ').length);
      return { start, end, head: { type: 'title', kind, docs: titled }, trail: emptyTrail(end) };
    }
  }
  return null;
}

function parseAbbreviatedPlenum(scope: ArticleScope, start: number): ParsedMention | null {
  const m = sticky(ABBREVIATED_PLENUM, scope.folded, start);
  if (!m || scope.text.slice(start, start + 2) !== 'NQ' || !isCentralToken(scope.text, m.indices![1]!)) return null;
  const plenum = plenumNumber(m[2]!);
  if (plenum === null) return null;
  const end = start + m[0].length;
  return { start, end, head: { type: 'plenum', kind: 'nghi-quyet', plenum }, trail: parseTrailing(scope, end) };
}

function parseBareCode(scope: ArticleScope, start: number): ParsedMention | null {
  const m = sticky(BARE_CODE, scope.folded, start);
  if (!m) return null;
  let end = start + m[0].length;
  while (end > start && scope.text[end - 1] === '.') end--;
  const code = parseDocumentCode(scope.text.slice(start, end));
  if (!code) return null;
  return { start, end, head: { type: 'code', kind: null, code }, trail: parseTrailing(scope, end) };
}

function parseLocalCongress(scope: ArticleScope, at: number): { end: number; head: Head } | null {
  const { folded, text } = scope;
  const m = sticky(CONGRESS_LOCAL, folded, at);
  if (!m) return null;
  const nameAt = at + m[0].length;
  const n = sticky(PROPER_NAME, text, nameAt);
  if (!n) return null;
  const place = trimPlaceName(n[1]!);
  if (!place) return null;
  let end = nameAt + n[0].length - (n[1]!.length - place.length);
  const level = CONGRESS_LEVEL[m[1]!]!;
  let number: string | null = null;
  let years: string | null = null;
  const num = sticky(CONGRESS_NUMBER, folded, end);
  if (num && isUpperRoman(text, num.indices![1]![0], num[1]!)) {
    number = canonicalTerm(num[1]!);
    end += num[0].length;
  }
  const y = sticky(CONGRESS_YEARS, folded, end);
  if (y) years = `${y[1]}–${y[2]}`;
  if (!number && !years) return null; // "Nghị quyết Đại hội Đảng bộ tỉnh" alone: which congress?
  if (!number && y) end += y[0].length;
  const name = `Nghị quyết Đại hội Đảng bộ ${level} ${place}` + (number ? ` lần thứ ${number}` : ` nhiệm kỳ ${years}`);
  return { end, head: { type: 'local-congress', name, number, years } };
}

function emptyTrail(end: number): Trailing {
  return { end, issuerEnd: end, termEnd: end, date: null, year: null, terms: [], issuer: null };
}

/** Date, year, issuer and term(s) after a head, in any order, each at most once. */
function parseTrailing(scope: ArticleScope, at: number): Trailing {
  const { folded, text } = scope;
  const trail = emptyTrail(at);
  let pos = at;
  for (let step = 0; step < MAX_TRAIL; step++) {
    // Each attribute starts with its own letter: try only the patterns that can match.
    let next = pos;
    while (next < folded.length && next - pos < 4 && (folded[next] === ' ' || folded[next] === ',' || folded[next] === '(')) next++;
    const c = folded[next];
    if (c !== 'n' && c !== 'b' && c !== 'k' && c !== 'c') break;
    let m: RegExpExecArray | null;
    if (!trail.date && (c === 'n' || c === 'b') && (m = sticky(TRAIL_DATE, folded, pos) ?? sticky(TRAIL_DATE_WORDS, folded, pos))) {
      const date = isoDate(m[3]!, m[2]!, m[1]!);
      if (!date) break;
      trail.date = date;
      pos += m[0].length;
      continue;
    }
    if (!trail.year && !trail.date && (m = sticky(TRAIL_YEAR, folded, pos))) {
      trail.year = Number(m[1]);
      pos += m[0].length;
      continue;
    }
    if (trail.terms.length === 0 && (m = sticky(TRAIL_TERM, folded, pos))) {
      const terms = readTerms(scope, pos, m);
      if (!terms) break;
      trail.terms = terms.terms;
      pos = terms.end;
      if (step === 0) trail.termEnd = pos;
      continue;
    }
    if (!trail.issuer && (m = sticky(TRAIL_OF, folded, pos))) {
      const issuer = readIssuer(scope, pos + m[0].length);
      if (!issuer) break;
      trail.issuer = issuer.issuer;
      pos = issuer.end;
      trail.issuerEnd = pos;
      continue;
    }
    break;
  }
  trail.end = pos;
  return trail;
}

function readTerms(scope: ArticleScope, pos: number, first: RegExpExecArray): { terms: string[]; end: number } | null {
  const { folded, text } = scope;
  const terms: string[] = [];
  let end = pos + first[0].length;
  const add = (raw: string, at: number): boolean => {
    if (/^[ivxl]+$/.test(raw) && !isUpperRoman(text, at, raw)) return false;
    const term = canonicalTerm(raw);
    if (!term) return false;
    if (!terms.includes(term)) terms.push(term);
    return true;
  };
  if (!add(first[1]!, first.indices![1]![0])) return null;
  for (let i = 0; i < 4; i++) {
    const more = sticky(TRAIL_TERM_MORE, folded, end);
    if (!more || !add(more[1]!, more.indices![1]![0])) break;
    end += more[0].length;
  }
  const close = sticky(TRAIL_CLOSE, folded, end);
  if (close && hasCharBetween(folded, '(', pos, end)) end += close[0].length;
  return { terms, end };
}

function readIssuer(scope: ArticleScope, at: number): { issuer: Issuer; end: number } | null {
  const { folded, text } = scope;
  let m = sticky(ISSUER_CENTRAL, folded, at);
  if (m) {
    const name = m[1]!.startsWith('bo chinh') ? 'Bộ Chính trị' : m[1]!.startsWith('ban bi') ? 'Ban Bí thư' : 'Ban Chấp hành Trung ương';
    return { issuer: { level: 'central', name }, end: at + m[0].length };
  }
  m = sticky(ISSUER_LOCAL, folded, at);
  if (m) {
    const levelKey = m[1]!;
    let end = at + m[0].length;
    let committee: string | null = null;
    const n = text[end] === ' ' ? sticky(PROPER_NAME, text, end + 1) : null;
    const place = n ? trimPlaceName(n[1]!) : null;
    if (n && place) {
      committee = `${LEVEL_WORD[levelKey]} ${place}`;
      end = end + 1 + n[0].length - (n[1]!.length - place.length);
    } else {
      committee = scope.committeeFor(levelKey);
    }
    return { issuer: { level: 'local', committee, levelWord: LEVEL_WORD[levelKey]!, code: LEVEL_CODE[levelKey]! }, end };
  }
  m = sticky(ISSUER_STATE, folded, at);
  if (m) {
    const key = m[1]!;
    const [name, code] = key === 'chinh phu' ? ['Chính phủ', 'CP']
      : key.startsWith('thu tuong') ? ['Thủ tướng Chính phủ', 'TTg']
      : key === 'quoc hoi' ? ['Quốc hội', 'QH'] : ['Ủy ban Thường vụ Quốc hội', 'UBTVQH'];
    return { issuer: { level: 'state', name, code }, end: at + m[0].length };
  }
  return null;
}

function surfaceEnd(p: ParsedMention): number {
  switch (p.head.type) {
    case 'number':
      return p.trail.issuer ? p.trail.issuerEnd : p.end;
    case 'plenum':
      return Math.max(p.end, p.trail.termEnd);
    default:
      return p.end;
  }
}

// ---------------------------------------------------------------------------
// Resolution

function resolveMention(scope: ArticleScope, p: ParsedMention): Resolved[] {
  const { head, trail } = p;
  switch (head.type) {
    case 'charter':
      return head.doc ? [fromRegistry(head.doc)] : [];
    case 'congress': {
      const doc = scope.registry.byCongress.get(head.congress);
      if (doc) return [fromRegistry(doc)];
      const name = `Nghị quyết Đại hội ${head.congress} của Đảng`;
      return [unknown(`nghi-quyet-dai-hoi-${head.congress.toLowerCase()}`, name, 'nghi-quyet', null, null, 'Đại hội đại biểu toàn quốc', head.congress, null)];
    }
    case 'local-congress': {
      const issuer = head.name.replace(/^Nghị quyết Đại hội /, '').replace(/ (lần thứ|nhiệm kỳ) .*$/, '');
      return [unknown(slugify(head.name), head.name, 'nghi-quyet', null, null, issuer, head.number ?? head.years, null)];
    }
    case 'title':
      return pickInForce(scope, head.docs);
    case 'plenum':
      return trail.terms.flatMap((term) => resolvePlenum(scope, head.kind, head.plenum, term));
    case 'code':
      return resolveCode(scope, head.kind, head.code, trail);
    case 'number': {
      const issuer = trail.issuer!;
      const abbr = documentKind(head.kind).abbr;
      if (!abbr) return [];
      const code: DocumentCode = issuer.level === 'central'
        ? { number: head.number, kindAbbr: abbr, issuerCode: 'TW', year: null, party: true }
        : issuer.level === 'local'
          ? { number: head.number, kindAbbr: abbr, issuerCode: issuer.code, year: null, party: true }
          : { number: head.number, kindAbbr: abbr, issuerCode: issuer.code, year: null, party: false };
      return resolveCode(scope, head.kind, code, trail, false);
    }
  }
}

/** State issuers whose numbering is nationwide: the Government, the Prime Minister, the National Assembly and its standing committee, ministries. */
const NATIONAL_STATE_ISSUER = /^(?:CP|TTg|QH\d{0,2}|UBTVQH\d{0,2}|NHNN|VPCP|TANDTC|VKSNDTC|B[A-ZĐ]{1,8})$/u;

function resolveCode(scope: ArticleScope, kindWord: DocumentKindId | null, code: DocumentCode, trail: Trailing, codeWritten = true): Resolved[] {
  const { registry } = scope;
  const kind = kindWord ?? kindFromAbbr(code.kindAbbr, code.party);
  if (!kind) return [];
  const written = formatDocumentCode(code);
  const candidates = registry.byCode.get(written) ?? [];
  const statedYear = code.year ?? (trail.date ? Number(trail.date.slice(0, 4)) : trail.year);

  if (code.party && code.issuerCode === 'TW') {
    const term = trail.terms[0] ?? (trail.date ? termAt(registry, trail.date) : null)
      ?? (trail.year !== null ? termOfYear(scope, trail.year) : null);
    if (term) {
      const hit = candidates.filter((d) => d.term === term);
      if (hit.length === 1) return [fromRegistry(hit[0]!)];
      const issuer = trail.issuer?.level === 'central' ? trail.issuer.name : null;
      return [unknown(`${kind}-${slugify(written)}-khoa-${term.toLowerCase()}`, `${documentKind(kind).word} ${written}`, kind, written, code.number, issuer, term, trail.date)];
    }
    const chosen = chooseUndated(scope, candidates, trail.end);
    return chosen ? [fromRegistry(chosen)] : [];
  }

  if (code.party) {
    // Local Party committee: the committee must be known (named, or placed through the article).
    let committee: string | null = trail.issuer?.level === 'local' ? trail.issuer.committee : null;
    if (!committee) {
      const levelKey = code.issuerCode === 'QU' ? 'quan' : code.issuerCode === 'HU' ? 'huyen' : code.issuerCode === 'TU' ? null : undefined;
      if (levelKey === null) committee = scope.committeeFor('thanh') ?? scope.committeeFor('tinh');
      else if (levelKey) committee = scope.committeeFor(levelKey);
    }
    if (!committee) return [];
    const sameIssuer = candidates.filter((d) => d.issuer !== null && foldName(d.issuer) === foldName(committee!));
    const fitting = statedYear !== null ? sameIssuer.filter((d) => d.date?.startsWith(String(statedYear))) : sameIssuer;
    const chosen = statedYear !== null ? (fitting.length === 1 ? fitting[0]! : null) : chooseUndated(scope, fitting, trail.end);
    if (chosen) return [fromRegistry(chosen)];
    if (statedYear === null) return [];
    return [unknown(`${kind}-${slugify(written)}-${slugify(committee)}-${statedYear}`, `${documentKind(kind).word} ${written} của ${committee}`, kind, written, code.number, committee, null, trail.date)];
  }

  // State documents: numbering restarts every year, so the year must be known; and the issuer
  // must be national (every province has its own UBND and HĐND numbering, which the code does not name).
  if (!NATIONAL_STATE_ISSUER.test(code.issuerCode)) return [];
  if (statedYear === null) {
    const only = candidates.length === 1 ? candidates[0]! : null;
    return only ? [fromRegistry(only)] : [];
  }
  const hit = candidates.filter((d) => d.date?.startsWith(String(statedYear)) || d.parsedCode?.year === statedYear);
  if (hit.length === 1) return [fromRegistry(hit[0]!)];
  const issuer = trail.issuer?.level === 'state' ? trail.issuer.name : null;
  // "Nghị định 79/2010/NĐ-CP" and "Nghị định số 79 năm 2010 của Chính phủ": one key.
  const id = `${kind}-${slugify(`${code.number} ${statedYear} ${code.kindAbbr} ${code.issuerCode}`)}`;
  const writtenCode = codeWritten ? written : null;
  const name = writtenCode ? `${documentKind(kind).word} ${writtenCode}` : `${documentKind(kind).word} số ${code.number} năm ${statedYear} của ${issuer ?? code.issuerCode}`;
  return [unknown(id, name, kind, writtenCode, code.number, issuer, null, trail.date)];
}

/**
 * Several registry documents share a code (numbers restart every term): with the
 * article's date, the latest one issued by then; without it, a title after the
 * mention; else the only candidate; else nothing (ambiguous).
 */
function chooseUndated(scope: ArticleScope, candidates: RegistryDocument[], after: number): RegistryDocument | null {
  if (candidates.length === 0) return null;
  const published = scope.published;
  if (published) {
    const before = candidates.filter((d) => d.date === null || d.date <= published);
    return before.length > 0 ? before[before.length - 1]! : null;
  }
  if (candidates.length === 1) return candidates[0]!;
  const titled = candidates.filter((d) => d.title && titleFollows(scope, after, foldTitle(d.title)));
  return titled.length === 1 ? titled[0]! : null;
}

function resolvePlenum(scope: ArticleScope, kind: DocumentKindId, plenum: number, term: string): Resolved[] {
  const doc = scope.registry.byPlenum.get(`${kind}|${plenum}|${term}`);
  if (doc) return [fromRegistry(doc)];
  const word = documentKind(kind).word;
  const name = `${word} Trung ương ${plenum} khóa ${term}`;
  return [unknown(slugify(name), name, kind, null, null, 'Ban Chấp hành Trung ương', term, null)];
}

/**
 * "Nghị quyết Trung ương 4" with no term: (1) the term the article gives the
 * same plenum elsewhere, if only one; (2) with the article's date, the latest
 * such resolution issued by then; (3) undated, the highest term the article
 * names marks the time it was written: the resolution of that term, else the
 * latest one before it. With none of these, no mention (a guess could merge
 * khóa XI and XII).
 */
function resolvePlenumWithoutTerm(scope: ArticleScope, kind: DocumentKindId, plenum: number, plenumTerms: Map<string, Set<string>>): Resolved[] {
  const stated = plenumTerms.get(`${kind}|${plenum}`);
  if (stated && stated.size === 1) return resolvePlenum(scope, kind, plenum, [...stated][0]!);
  const docs = scope.registry.byPlenumAnyTerm.get(`${kind}|${plenum}`) ?? [];
  const published = scope.published;
  if (published) {
    const before = docs.filter((d) => d.date !== null && d.date <= published);
    return before.length > 0 ? [fromRegistry(before[before.length - 1]!)] : [];
  }
  const highest = scope.highestTerm();
  if (!highest) return [];
  const limit = fromRoman(highest)!;
  const upTo = docs.filter((d) => d.term !== null && fromRoman(d.term)! <= limit);
  return upTo.length > 0 ? [fromRegistry(upTo[upTo.length - 1]!)] : [];
}

function collectPlenumTerms(parsed: ParsedMention[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of parsed) {
    if (p.head.type !== 'plenum' || p.trail.terms.length === 0) continue;
    const key = `${p.head.kind}|${p.head.plenum}`;
    const set = out.get(key) ?? new Set<string>();
    for (const t of p.trail.terms) set.add(t);
    out.set(key, set);
  }
  return out;
}

/** An issuer-less "Chỉ thị 05 về đẩy mạnh học tập …": the registry document of that number and title. */
function resolveByTitle(scope: ArticleScope, kind: DocumentKindId, at: number, number: string): Resolved[] {
  const m = sticky(TITLE_HEAD, scope.folded, at);
  if (!m) return [];
  const docs = matchTitles(scope, kind, at + m[0].length).filter((d) => d.number === number);
  return pickInForce(scope, docs);
}

/**
 * An issuer-less "Nghị quyết 35" with nothing else to go on: the registry
 * document of that kind and number whose issuer the article names, when the
 * article names the issuer of exactly one of them ("Chính phủ" → 35/NQ-CP;
 * "Bộ Chính trị" → 35-NQ/TW), and, for a dated article, issued by then.
 */
function resolveByIssuerInArticle(scope: ArticleScope, kind: DocumentKindId, number: string): Resolved[] {
  let candidates = scope.registry.byKindNumber.get(`${kind}|${number}`) ?? [];
  const published = scope.published;
  if (published) candidates = candidates.filter((d) => d.date !== null && d.date <= published);
  const named = candidates.filter((d) => d.issuer !== null && issuerNamed(scope, d.issuer));
  if (named.length === 0) return [];
  // Several documents of one issuer (numbers restart): the latest, if the article is dated; else none.
  const issuers = new Set(named.map((d) => d.issuer));
  if (issuers.size !== 1) return [];
  if (named.length === 1) return [fromRegistry(named[0]!)];
  return published ? [fromRegistry(named[named.length - 1]!)] : [];
}

// How an article names an issuer (folded), beyond the issuer's own name.
const ISSUER_NAMES: Record<string, string[]> = {
  'ban chap hanh trung uong': ['ban chap hanh trung uong', 'hoi nghi trung uong'],
  'thu tuong chinh phu': ['thu tuong'],
};

function issuerNamed(scope: ArticleScope, issuer: string): boolean {
  const folded = foldName(issuer);
  return (ISSUER_NAMES[folded] ?? [folded]).some((name) => containsWord(scope.folded, name));
}

/** Registry documents of this kind whose title the text at `at` (just after "về") starts with. */
function matchTitles(scope: ArticleScope, kind: DocumentKindId, at: number): RegistryDocument[] {
  const titles = scope.registry.titles.get(kind);
  if (!titles) return [];
  const window = foldTitle(scope.folded.slice(at, at + TITLE_WINDOW));
  const out: RegistryDocument[] = [];
  for (const t of titles) if (window.startsWith(t.prefix)) out.push(t.doc);
  return out;
}

const TITLE_WINDOW = 200;

/** Does the text at `at` (after "về", or anywhere in the next words if !exact) continue with the title's first twelve words? */
function titleFollows(scope: ArticleScope, at: number, foldedTitle: string): boolean {
  const words = foldedTitle.split(' ').slice(0, 12).join(' ');
  const window = foldTitle(scope.folded.slice(at, at + words.length * 2 + 80));
  return window.includes(words);
}

/** Documents sharing a title (47-QĐ/TW replaced by 37-QĐ/TW): the one in force when the article was written. */
function pickInForce(scope: ArticleScope, docs: RegistryDocument[]): Resolved[] {
  if (docs.length === 0) return [];
  if (docs.length === 1) return [fromRegistry(docs[0]!)];
  const published = scope.published;
  if (!published) return [];
  const issued = docs.filter((d) => d.date !== null && d.date <= published);
  const inForce = issued.filter((d) => {
    const successor = d.replacedBy ? scope.registry.byId.get(d.replacedBy) : null;
    return !successor || successor.date === null || successor.date > published;
  });
  return inForce.length === 1 ? [fromRegistry(inForce[0]!)] : [];
}

function termOfYear(scope: ArticleScope, year: number): string | null {
  // A year that saw a congress is split between two terms: do not guess.
  const start = termAt(scope.registry, `${year}-01-01`);
  const end = termAt(scope.registry, `${year}-12-31`);
  return start === end ? start : null;
}

function fromRegistry(doc: RegistryDocument): Resolved {
  return {
    id: doc.id,
    kind: doc.kind,
    name: doc.name,
    registry: true,
    aliases: doc.aliases,
    info: {
      kind: doc.kindName,
      code: doc.code,
      number: doc.number,
      issuer: doc.issuer,
      term: doc.term,
      date: doc.date,
      replacedBy: doc.replacedBy ? `document/${doc.replacedBy}` : null,
    },
  };
}

function unknown(
  id: string,
  name: string,
  kind: DocumentKindId,
  code: string | null,
  number: string | null,
  issuer: string | null,
  term: string | null,
  date: string | null,
): Resolved {
  return {
    id,
    kind,
    name: canonicalDisplay(name),
    registry: false,
    aliases: [],
    info: { kind: documentKind(kind).word.toLowerCase(), code, number, issuer, term, date, replacedBy: null },
  };
}

/** A document known only by kind and number in one article: its id carries the article's. */
function articleLocal(scope: ArticleScope, kind: DocumentKindId, number: string): Resolved {
  const word = documentKind(kind).word;
  return unknown(`${kind}-${number}-bai-${slugify(scope.article.id)}`, `${word} ${number}`, kind, null, number, null, null, null);
}

// ---------------------------------------------------------------------------
// Small helpers

function isUpperRoman(text: string, at: number, raw: string): boolean {
  return text.slice(at, at + raw.length) === raw.toUpperCase();
}

function isoDate(year: string, month: string, day: string): string | null {
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Cut a captured run of capitalised words down to the place name: before a stop
 * word ("Khóa", "Về", a Roman numeral) and before a person's name that follows
 * it ("Hà Nội Đinh Tiến Dũng" → "Hà Nội"; "Tây Hồ" stays whole though Hồ is
 * also a family name: a person's name has two to four words).
 */
function trimPlaceName(name: string): string | null {
  let words = name.split(' ');
  const stop = words.findIndex((w, i) => i > 0 && (STOP_WORDS.has(foldChars(w)) || /^[IVXL]+$/.test(w)));
  if (stop > 0) words = words.slice(0, stop);
  for (let i = words.length - 2; i >= 1; i--) {
    if (isFamilyName(words[i]!) && words.length - i <= 4) {
      words = words.slice(0, i);
      break;
    }
  }
  const place = words.slice(0, 4).join(' ');
  return place.length >= 2 ? place : null;
}

/** `needle` occurs in `haystack` (both folded) between word boundaries. */
function containsWord(haystack: string, needle: string): boolean {
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return false;
    const before = at === 0 ? ' ' : haystack[at - 1]!;
    const after = haystack[at + needle.length] ?? ' ';
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true;
    from = at + 1;
  }
}

/** The token read as "Trung ương" in a plenum phrase: "trung ương" in any case, or TW/TƯ/T.Ư in capitals (not "từ"). */
function isCentralToken(text: string, span: [number, number]): boolean {
  const token = text.slice(span[0], span[1]);
  return /^trung ương$/iu.test(token) || /^T\.?[WƯ]$/u.test(token);
}

/** Offset after the n-th word (run of folded letters/digits) from `at`. */
function advanceWords(folded: string, at: number, n: number): number {
  let pos = at;
  for (let count = 0; count < n && pos < folded.length; count++) {
    while (pos < folded.length && !/[a-z0-9]/.test(folded[pos]!)) pos++;
    while (pos < folded.length && /[a-z0-9]/.test(folded[pos]!)) pos++;
  }
  return pos;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A letter or digit of the folded text (NaN outside it is not). */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || isDigit(c) || c > 127;
}

/**
 * Where the code whose kind part the anchor found begins: back over the number
 * (and over a "/2014" year and the number before it); -1 when the code is glued
 * to a word or another number ("A4-NQ/", "1.05-CT/").
 */
function codeStart(folded: string, digitAt: number): number {
  const backDigits = (from: number): number => {
    let i = from;
    while (i > 0 && from - i < 4 && isDigit(folded.charCodeAt(i - 1))) i--;
    return i;
  };
  let start = backDigits(digitAt + 1);
  let before = start - 1;
  if (folded[before] === ' ') before--;
  if (folded[before] === '/' && start - 1 >= 0 && digitAt + 1 - start === 4) {
    let yearSep = before - 1;
    if (folded[yearSep] === ' ') yearSep--;
    if (isDigit(folded.charCodeAt(yearSep))) start = backDigits(yearSep + 1);
  }
  const prev = folded.charCodeAt(start - 1);
  if (isWordChar(prev) || prev === 47 /* / */ || prev === 45 /* - */ || prev === 46 /* . */ || prev === 44 /* , */) return -1;
  return start;
}

function hasCharBetween(text: string, ch: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text[i] === ch) return true;
  return false;
}
