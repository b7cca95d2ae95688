/**
 * The grammar of document mentions: what a mention looks like. One anchored
 * scan finds kind words ("Nghị quyết", "chỉ thị", …) and bare codes
 * ("04-NQ/TW"); at each anchor a bounded, sticky parse reads the head (code,
 * number, plenum, congress, title) and its trailing attributes (date, issuer,
 * term). Every regular expression is anchored (sticky) or a single pass over
 * the text with bounded quantifiers: linear in the text. Which document a
 * mention is, is document-resolution.ts's question.
 */
import type { ArticleFile } from '../model/article.ts';
import { titleTables } from './titles.ts';
import { foldChars, foldName, foldTitle } from '../text/fold.ts';
import {
  canonicalNumber,
  canonicalTerm,
  fromRoman,
  kindFromFoldedWord,
  parseDocumentCode,
  plenumNumber,
  type DocumentCode,
  type DocumentKindId,
} from '../text/document-codes.ts';
import type { DocumentRegistry, RegistryDocument } from './document-registry.ts';

export interface DocumentContext {
  /** Local committees the article is set under ("Thành ủy Hà Nội"), e.g. from the places extractor. */
  committees?: readonly string[];
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
export const TITLE_HEAD = /\s(?:so\s\d{1,4}\s)?[“"]?\s?ve\s/y;

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

export type Issuer =
  | { level: 'central'; name: string }
  | { level: 'local'; committee: string | null; levelWord: string; code: string }
  | { level: 'state'; name: string; code: string };

export interface Trailing {
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

export type Head =
  | { type: 'code'; kind: DocumentKindId | null; code: DocumentCode }
  | { type: 'number'; kind: DocumentKindId; number: string; more: string[] }
  | { type: 'plenum'; kind: DocumentKindId; plenum: number }
  | { type: 'congress'; congress: string }
  | { type: 'local-congress'; name: string; number: string | null; years: string | null }
  | { type: 'title'; kind: DocumentKindId; docs: RegistryDocument[] }
  | { type: 'charter'; doc: RegistryDocument | null };

export interface ParsedMention {
  start: number;
  end: number;
  head: Head;
  trail: Trailing;
}

export class ArticleScope {
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

/** Could the (folded) text name a document at all? A cheap test before any parsing. */
export function mayNameDocument(folded: string): boolean {
  ANCHOR_RE.lastIndex = 0;
  const hit = ANCHOR_RE.test(folded);
  ANCHOR_RE.lastIndex = 0;
  return hit;
}

/** Every document mention the article's text states, in text order (a number list gives one per number). */
export function parseDocumentMentions(scope: ArticleScope): ParsedMention[] {
  const { folded, text: source } = scope;
  ANCHOR_RE.lastIndex = 0;
  const parsed: ParsedMention[] = [];
  for (let m = ANCHOR_RE.exec(folded); m; m = ANCHOR_RE.exec(folded)) {
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

  return parsed;
}

// ---------------------------------------------------------------------------
// Parsing

export function sticky(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(s);
}

export function parseKindHead(scope: ArticleScope, start: number, wordEnd: number, word: string): ParsedMention | null {
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

export function parseAbbreviatedPlenum(scope: ArticleScope, start: number): ParsedMention | null {
  const m = sticky(ABBREVIATED_PLENUM, scope.folded, start);
  if (!m || scope.text.slice(start, start + 2) !== 'NQ' || !isCentralToken(scope.text, m.indices![1]!)) return null;
  const plenum = plenumNumber(m[2]!);
  if (plenum === null) return null;
  const end = start + m[0].length;
  return { start, end, head: { type: 'plenum', kind: 'nghi-quyet', plenum }, trail: parseTrailing(scope, end) };
}

export function parseBareCode(scope: ArticleScope, start: number): ParsedMention | null {
  const m = sticky(BARE_CODE, scope.folded, start);
  if (!m) return null;
  let end = start + m[0].length;
  while (end > start && scope.text[end - 1] === '.') end--;
  const code = parseDocumentCode(scope.text.slice(start, end));
  if (!code) return null;
  return { start, end, head: { type: 'code', kind: null, code }, trail: parseTrailing(scope, end) };
}

export function parseLocalCongress(scope: ArticleScope, at: number): { end: number; head: Head } | null {
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

export function emptyTrail(end: number): Trailing {
  return { end, issuerEnd: end, termEnd: end, date: null, year: null, terms: [], issuer: null };
}

/** Date, year, issuer and term(s) after a head, in any order, each at most once. */
export function parseTrailing(scope: ArticleScope, at: number): Trailing {
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

export function readTerms(scope: ArticleScope, pos: number, first: RegExpExecArray): { terms: string[]; end: number } | null {
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

export function readIssuer(scope: ArticleScope, at: number): { issuer: Issuer; end: number } | null {
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

export function surfaceEnd(p: ParsedMention): number {
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
// Small helpers

export function isUpperRoman(text: string, at: number, raw: string): boolean {
  return text.slice(at, at + raw.length) === raw.toUpperCase();
}

export function isoDate(year: string, month: string, day: string): string | null {
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
export function trimPlaceName(name: string): string | null {
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
export function containsWord(haystack: string, needle: string): boolean {
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
export function isCentralToken(text: string, span: [number, number]): boolean {
  const token = text.slice(span[0], span[1]);
  return /^trung ương$/iu.test(token) || /^T\.?[WƯ]$/u.test(token);
}

/** Offset after the n-th word (run of folded letters/digits) from `at`. */
export function advanceWords(folded: string, at: number, n: number): number {
  let pos = at;
  for (let count = 0; count < n && pos < folded.length; count++) {
    while (pos < folded.length && !/[a-z0-9]/.test(folded[pos]!)) pos++;
    while (pos < folded.length && /[a-z0-9]/.test(folded[pos]!)) pos++;
  }
  return pos;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A letter or digit of the folded text (NaN outside it is not). */
export function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || isDigit(c) || c > 127;
}

/**
 * Where the code whose kind part the anchor found begins: back over the number
 * (and over a "/2014" year and the number before it); -1 when the code is glued
 * to a word or another number ("A4-NQ/", "1.05-CT/").
 */
export function codeStart(folded: string, digitAt: number): number {
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

export function hasCharBetween(text: string, ch: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text[i] === ch) return true;
  return false;
}

/** Registry documents of this kind whose title the text at `at` (just after "về") starts with. */
export function matchTitles(scope: ArticleScope, kind: DocumentKindId, at: number): RegistryDocument[] {
  const titles = scope.registry.titles.get(kind);
  if (!titles) return [];
  const window = foldTitle(scope.folded.slice(at, at + TITLE_WINDOW));
  const out: RegistryDocument[] = [];
  for (const t of titles) if (window.startsWith(t.prefix)) out.push(t.doc);
  return out;
}

export const TITLE_WINDOW = 200;

/** Does the text at `at` (after "về", or anywhere in the next words if !exact) continue with the title's first twelve words? */
export function titleFollows(scope: ArticleScope, at: number, foldedTitle: string): boolean {
  const words = foldedTitle.split(' ').slice(0, 12).join(' ');
  const window = foldTitle(scope.folded.slice(at, at + words.length * 2 + 80));
  return window.includes(words);
}
