/**
 * Party and state document codes and names: parsing and normalisation.
 *
 * Pure functions over strings, free of Node-only imports: the extractor uses
 * them on article text and the search page uses them (in the browser) to
 * rewrite what users type ("NQ TƯ 4", "05/CT-TW", "chi thi so 05") into the
 * same canonical key as the document's page.
 *
 * Vocabulary (see domain.md): a Party code is "<number>-<KIND>/<ISSUER>"
 * (05-CT/TW, 24-CT/TU), a state code "<number>[/<year>]/<KIND>-<ISSUER>"
 * (35/NQ-CP, 108/2014/NĐ-CP). TW, TƯ, T.Ư and "Trung ương" are one issuer;
 * TU (no horn) is a provincial or city committee (Tỉnh ủy/Thành ủy).
 */
import { foldChars } from './fold.ts';

export type DocumentKindId =
  | 'nghi-quyet'
  | 'chi-thi'
  | 'ket-luan'
  | 'quy-dinh'
  | 'quyet-dinh'
  | 'huong-dan'
  | 'quy-che'
  | 'nghi-dinh'
  | 'thong-tu'
  | 'dieu-le';

export interface DocumentKind {
  id: DocumentKindId;
  /** Display word, as in "Nghị quyết Trung ương 4". */
  word: string;
  /** Abbreviation used inside codes, or null when the kind has none. */
  abbr: string | null;
}

/** The kinds of documents we recognise. Order matters only for abbreviation look-up (first wins). */
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  { id: 'nghi-quyet', word: 'Nghị quyết', abbr: 'NQ' },
  { id: 'chi-thi', word: 'Chỉ thị', abbr: 'CT' },
  { id: 'ket-luan', word: 'Kết luận', abbr: 'KL' },
  { id: 'quy-dinh', word: 'Quy định', abbr: 'QĐ' },
  { id: 'quyet-dinh', word: 'Quyết định', abbr: 'QĐ' },
  { id: 'huong-dan', word: 'Hướng dẫn', abbr: 'HD' },
  { id: 'quy-che', word: 'Quy chế', abbr: 'QC' },
  { id: 'nghi-dinh', word: 'Nghị định', abbr: 'NĐ' },
  { id: 'thong-tu', word: 'Thông tư', abbr: 'TT' },
  { id: 'dieu-le', word: 'Điều lệ', abbr: null },
];

const KIND_BY_ID = new Map(DOCUMENT_KINDS.map((k) => [k.id, k]));

export function documentKind(id: DocumentKindId): DocumentKind {
  return KIND_BY_ID.get(id)!;
}

/** Kind from a folded kind word ("nghi quyet") or code abbreviation ("nq"), or null. */
export function kindFromFoldedWord(folded: string): DocumentKindId | null {
  return KIND_WORDS.get(folded) ?? KIND_WORDS.get(folded.replace(/\s+/g, ' ').trim()) ?? null;
}

const KIND_WORDS = new Map<string, DocumentKindId>([
  ['nghi quyet', 'nghi-quyet'],
  ['chi thi', 'chi-thi'],
  ['ket luan', 'ket-luan'],
  ['quy dinh', 'quy-dinh'],
  ['quyet dinh', 'quyet-dinh'],
  ['huong dan', 'huong-dan'],
  ['quy che', 'quy-che'],
  ['nghi dinh', 'nghi-dinh'],
  ['thong tu', 'thong-tu'],
  ['dieu le', 'dieu-le'],
]);

/** Canonical abbreviation of a code's kind part: "QD"/"QĐ"/"qđ" → "QĐ", "QĐi" → "QĐ", "nd" → "NĐ". */
export function canonicalKindAbbr(raw: string): string | null {
  const folded = foldChars(raw).replace(/\s+/g, '');
  switch (folded) {
    case 'nq': return 'NQ';
    case 'ct': return 'CT';
    case 'kl': return 'KL';
    case 'qd': case 'qdi': return 'QĐ';
    case 'hd': return 'HD';
    case 'qc': return 'QC';
    case 'nd': return 'NĐ';
    case 'tt': return 'TT';
    default: return null;
  }
}

/** The kind an abbreviation stands for; QĐ is a Quy định in Party codes, a Quyết định in state codes. */
export function kindFromAbbr(abbr: string, partyIssuer: boolean): DocumentKindId | null {
  switch (abbr) {
    case 'NQ': return 'nghi-quyet';
    case 'CT': return 'chi-thi';
    case 'KL': return 'ket-luan';
    case 'QĐ': return partyIssuer ? 'quy-dinh' : 'quyet-dinh';
    case 'HD': return 'huong-dan';
    case 'QC': return 'quy-che';
    case 'NĐ': return 'nghi-dinh';
    case 'TT': return 'thong-tu';
    default: return null;
  }
}

/**
 * Canonical issuer part of a code. "TƯ", "T.Ư", "TW", "T.W", "Trung ương" → "TW";
 * "TU" (no horn) stays "TU" (Tỉnh ủy/Thành ủy). Returns null for what is not an issuer code.
 */
export function canonicalIssuerCode(raw: string): string | null {
  const compact = raw.replace(/[\s.]/g, '');
  if (compact === '') return null;
  if (/^(?:TƯ|Tư|tư|TW|Tw|tw)$/u.test(compact)) return 'TW';
  if (/^trung\s*(?:ương|uong)$/iu.test(raw.trim())) return 'TW';
  if (/^ttg$/i.test(compact)) return 'TTg';
  if (!/^[A-Za-zĐđƯư0-9]{1,10}$/u.test(compact)) return null;
  return compact.toUpperCase().replace(/Ư/g, 'Ư');
}

/** Party issuers: the central level (…TW), provincial/city (TU), district (HU, QU), Party committees (ĐU…), caucuses (BCS…). */
export function isPartyIssuer(code: string): boolean {
  return code === 'TW' || code === 'TU' || code === 'HU' || code === 'QU' || code === 'TƯ' ||
    code.endsWith('TW') || code.startsWith('ĐU') || code.startsWith('BCS');
}

export interface DocumentCode {
  number: string;
  /** Canonical abbreviation (NQ, CT, KL, QĐ, …). */
  kindAbbr: string;
  issuerCode: string;
  /** Year written inside a state code (108/2014/NĐ-CP), else null. */
  year: number | null;
  party: boolean;
}

/** Numbers are written with at least two digits in codes: "5" → "05", "021" → "21". */
export function canonicalNumber(raw: string): string {
  const n = raw.replace(/^0+(?=\d)/, '');
  return n.length < 2 ? n.padStart(2, '0') : n;
}

// <number>[/<year>] <sep> <KIND> <sep> <ISSUER>, spaces allowed around separators.
const CODE_RE = /^(\d{1,4})\s?(?:\/\s?((?:19|20)\d\d)\s?)?[-/]\s?([A-Za-zĐđ]{2,3})\s?[-/]\s?([A-Za-zĐđƯư.]{1,10}\d{0,2})$/u;

/** Parse one code written in any of its usual forms; null if it is not a document code. */
export function parseDocumentCode(raw: string): DocumentCode | null {
  const m = CODE_RE.exec(raw.trim());
  if (!m) return null;
  const kindAbbr = canonicalKindAbbr(m[3]!);
  const issuerCode = canonicalIssuerCode(m[4]!);
  if (!kindAbbr || !issuerCode) return null;
  return {
    number: canonicalNumber(m[1]!),
    kindAbbr,
    issuerCode,
    year: m[2] ? Number(m[2]) : null,
    party: isPartyIssuer(issuerCode),
  };
}

/** Canonical written form: Party "05-CT/TW", state "108/2014/NĐ-CP" or "35/NQ-CP". */
export function formatDocumentCode(code: DocumentCode): string {
  if (code.party) return `${code.number}-${code.kindAbbr}/${code.issuerCode}`;
  return code.year !== null
    ? `${code.number}/${code.year}/${code.kindAbbr}-${code.issuerCode}`
    : `${code.number}/${code.kindAbbr}-${code.issuerCode}`;
}

// ---------------------------------------------------------------------------
// Terms (khóa) and ordinals

const ROMAN_VALUES: [number, string][] = [[10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];

export function toRoman(n: number): string {
  let out = '';
  let rest = n;
  for (const [value, letters] of ROMAN_VALUES) {
    while (rest >= value) { out += letters; rest -= value; }
  }
  return out;
}

export function fromRoman(roman: string): number | null {
  const s = roman.toUpperCase();
  if (!/^[IVXL]{1,8}$/.test(s)) return null;
  const value: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = value[s[i]!]!;
    const next = i + 1 < s.length ? value[s[i + 1]!]! : 0;
    total += v < next ? -v : v;
  }
  return total > 0 && toRoman(total) === s ? total : null;
}

/** A term written as a Roman or Arabic number ("XII", "xii", "12") → canonical Roman, or null. */
export function canonicalTerm(raw: string): string | null {
  const s = raw.trim();
  if (/^\d{1,2}$/.test(s)) {
    const n = Number(s);
    return n >= 1 && n <= 30 ? toRoman(n) : null;
  }
  const n = fromRoman(s);
  return n !== null && n <= 30 ? toRoman(n) : null;
}

const ORDINALS = new Map<string, number>([
  ['nhat', 1], ['mot', 1], ['hai', 2], ['ba', 3], ['tu', 4], ['bon', 4], ['nam', 5], ['sau', 6],
  ['bay', 7], ['tam', 8], ['chin', 9], ['muoi', 10],
]);

/** "4", "IV", "tư" (folded "tu"), "tám" → 4, 4, 4, 8; null otherwise. */
export function plenumNumber(foldedWord: string): number | null {
  if (/^\d{1,2}$/.test(foldedWord)) {
    const n = Number(foldedWord);
    return n >= 1 && n <= 30 ? n : null;
  }
  const ordinal = ORDINALS.get(foldedWord);
  if (ordinal !== undefined) return ordinal;
  return null;
}

// ---------------------------------------------------------------------------
// References: what a piece of text (a query, a name, an alias) says about a document

export interface DocumentRef {
  kind: DocumentKindId | null;
  /** Canonical number ("05"), or null. */
  number: string | null;
  kindAbbr: string | null;
  issuerCode: string | null;
  year: number | null;
  /** "Trung ương 4": the plenum's number. */
  plenum: number | null;
  /** Terms stated (canonical Roman), possibly several ("khóa XI, XII"). */
  terms: string[];
  /** "Điều lệ Đảng". */
  charter: boolean;
  /** A national congress resolution ("Nghị quyết Đại hội XIII"): the congress as a Roman number. */
  congress: string | null;
}

function emptyRef(): DocumentRef {
  return { kind: null, number: null, kindAbbr: null, issuerCode: null, year: null, plenum: null, terms: [], charter: false, congress: null };
}

const KIND_ALT = 'nghi quyet|chi thi|ket luan|quy dinh|quyet dinh|huong dan|quy che|nghi dinh|thong tu';
const ABBR_ALT = 'nq|ct|kl|qd|hd|qc|nd|tt';
const TW_ALT = 'trung uong|tw|tu|t\\.u|t\\.w|bch ?tw|bch ?tu|ban chap hanh trung uong(?: dang)?';

// All over the folded query with single spaces (see parseDocumentQuery). Each is linear:
// fixed words and single optional separators, no nested quantifiers.
const codeRe = new RegExp(`^(?:(${KIND_ALT}|${ABBR_ALT}) ?(?:so ?)?)?(\\d{1,4} ?(?:\\/ ?(?:19|20)\\d\\d ?)?[-/] ?[a-z]{2,3} ?[-/] ?[a-z.]{1,10}\\d{0,2})$`);
const numberRe = new RegExp(`^(${KIND_ALT}|${ABBR_ALT}) ?(?:so ?)?(\\d{1,4})$`);
const plenumRe = new RegExp(`^(nghi quyet|ket luan|nq|kl) ?(?:hoi nghi ?)?(?:${TW_ALT}) ?(?:lan thu ?)?(\\d{1,2}|[a-z]{2,5})(?:[ ,(]+(.*))?$`);
const congressRe = /^(?:nghi quyet|nq) ?dai hoi(?: dai bieu)?(?: toan quoc)?(?: dang)?(?: toan quoc)? ?(?:lan thu ?)?([ivxl]{1,6}|\d{1,2})(?: cua dang)?$/;

/** Terms in a folded tail like "(khoa xi, xii)", "khoa xi, khoa xii", "khoa 12", "xi va xii". */
export function parseTermList(foldedTail: string): string[] | null {
  const parts = foldedTail.replace(/[()]/g, ' ').replace(/\bkhoa\b/g, ' ').split(/,| va | & /);
  const terms: string[] = [];
  for (const part of parts) {
    const t = part.trim();
    if (t === '') continue;
    const term = canonicalTerm(t);
    if (!term) return null;
    if (!terms.includes(term)) terms.push(term);
  }
  return terms;
}

/**
 * Parse what a user typed (or a document's name or alias) as a document
 * reference. Diacritics, case, old/new tone placement and spacing do not
 * matter. Returns null when the query is not a document reference.
 *
 *   "05-CT/TW", "05/CT-TW", "CT 05", "Chỉ thị số 05", "chi thi 05"  → Chỉ thị 05
 *   "NQ TƯ 4", "NQTW4", "Nghị quyết TW 4", "Nghị quyết Trung ương 4 (Khoá XII)" → NQ of plenum 4
 */
export function parseDocumentQuery(query: string): DocumentRef | null {
  const original = query.normalize('NFC').replace(/\s+/g, ' ').replace(/[“”"‘’]/g, '').trim();
  if (original === '' || original.length > 200) return null;
  const folded = foldChars(original); // same length as original
  if (/^dieu le( cua)? dang( cong san viet nam)?$/.test(folded)) return { ...emptyRef(), kind: 'dieu-le', charter: true };

  // Glued forms: "nqtw4" → "nq tw 4", "ct05" → "ct 05".
  const spaced = folded.replace(/^(nq|kl)(tw|tu)(\d)/, '$1 $2 $3').replace(/^(nq|ct|kl|qd|hd|qc|nd|tt)(\d)/, '$1 $2');

  let m = codeRe.exec(spaced);
  if (m) {
    // The code ends the query; read it from the original, where TƯ (central) and TU (province) still differ.
    const rawCode = spaced.length === original.length ? original.slice(original.length - m[2]!.length) : m[2]!;
    const code = parseDocumentCode(rawCode);
    if (!code) return null;
    const kindWord = m[1] ? kindFromFoldedWord(m[1]) ?? kindFromAbbr(canonicalKindAbbr(m[1]) ?? '', code.party) : null;
    return {
      ...emptyRef(),
      kind: kindWord ?? kindFromAbbr(code.kindAbbr, code.party),
      number: code.number,
      kindAbbr: code.kindAbbr,
      issuerCode: code.issuerCode,
      year: code.year,
    };
  }
  m = numberRe.exec(spaced);
  if (m) {
    const kind = kindFromFoldedWord(m[1]!) ?? kindFromAbbr(canonicalKindAbbr(m[1]!) ?? '', true);
    if (!kind) return null;
    return { ...emptyRef(), kind, kindAbbr: documentKind(kind).abbr, number: canonicalNumber(m[2]!) };
  }
  m = plenumRe.exec(spaced);
  if (m) {
    const plenum = plenumNumber(m[2]!);
    if (plenum === null) return null;
    const terms = m[3] ? parseTermList(m[3]) : [];
    if (terms === null) return null;
    const kind = m[1] === 'ket luan' || m[1] === 'kl' ? 'ket-luan' : 'nghi-quyet';
    return { ...emptyRef(), kind, kindAbbr: documentKind(kind).abbr, issuerCode: 'TW', plenum, terms };
  }
  m = congressRe.exec(spaced);
  if (m) {
    const congress = canonicalTerm(m[1]!);
    if (!congress) return null;
    return { ...emptyRef(), kind: 'nghi-quyet', kindAbbr: 'NQ', congress };
  }
  return null;
}

/**
 * The canonical key of a reference, without its term or year (a user who types
 * "NQ TƯ 4" has not said which term): "ct-05", "ct-24-tu", "nq-tw4",
 * "kl-tw4", "nq-dh-xiii", "dieu-le-dang", "nd-108-cp". Central Party codes drop
 * their issuer, so "CT 05" and "05-CT/TW" share a key.
 */
export function documentRefKey(ref: DocumentRef): string | null {
  if (ref.charter) return 'dieu-le-dang';
  const abbr = (ref.kindAbbr ?? (ref.kind ? documentKind(ref.kind).abbr : null));
  const abbrSlug = abbr ? foldChars(abbr) : null;
  if (ref.congress) return `nq-dh-${ref.congress.toLowerCase()}`;
  if (ref.plenum !== null && abbrSlug) return `${abbrSlug}-tw${ref.plenum}`;
  if (ref.number !== null && abbrSlug) {
    const issuer = ref.issuerCode && ref.issuerCode !== 'TW' ? `-${foldChars(ref.issuerCode)}` : '';
    return `${abbrSlug}-${ref.number}${issuer}`;
  }
  return null;
}

/** parseDocumentQuery + documentRefKey. */
export function documentQueryKey(query: string): string | null {
  const ref = parseDocumentQuery(query);
  return ref ? documentRefKey(ref) : null;
}

/**
 * Every query key under which a document should be found, from its code, name
 * and aliases (for the search index): 04-NQ/TW, alias "Nghị quyết Trung ương 4
 * khóa XII" → ["nq-04", "nq-tw4"].
 */
export function documentSearchKeys(doc: { code?: string | null; name?: string | null; aliases?: readonly string[] }): string[] {
  const keys = new Set<string>();
  for (const text of [doc.code, doc.name, ...(doc.aliases ?? [])]) {
    if (!text) continue;
    const key = documentQueryKey(text);
    if (key) keys.add(key);
  }
  return [...keys];
}
