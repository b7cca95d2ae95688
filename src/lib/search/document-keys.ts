/**
 * Document-code search keys: one made-up token per way of identifying a Party
 * document ("vbkct5tw" for Chỉ thị 05-CT/TW, "vbknqtw4" for the Trung ương 4
 * resolutions, "vbknqtw4xii" for the one of khóa XII). The indexer stores the
 * keys of each document entity in its searchable "names" meta; the search page
 * parses the query into the same keys and runs them as an extra search whose
 * hits go first. So "05/CT-TW", "CT 05", "chỉ thị số 05", "NQTW4" and
 * "Nghị quyết TW 4" all reach the document page, whatever the article wrote.
 *
 * Browser-safe (no Node imports).
 */
import type { KbEntity } from '../graph/types.ts';
import { fold } from '../text/fold.ts';

/** Document kinds by abbreviation; the folded full names map to the same abbreviation. */
const KINDS: Record<string, string> = {
  nq: 'nq', 'nghi quyet': 'nq',
  ct: 'ct', 'chi thi': 'ct',
  kl: 'kl', 'ket luan': 'kl',
  qd: 'qd', 'quy dinh': 'qd', 'quyet dinh': 'qd',
  hd: 'hd', 'huong dan': 'hd',
};

export interface DocumentRef {
  kind: string; // nq, ct, kl, qd, hd
  number?: string; // without leading zeros
  issuer?: string; // tw, tu (tỉnh/thành ủy), …
  plenum?: string; // Trung ương <n>
  term?: string; // roman numerals, lower case
}

const KEY_PREFIX = 'vbk';

function stripZeros(n: string): string {
  return n.replace(/^0+(?=\d)/, '');
}

/**
 * "TW", "TƯ", "T.Ư" and "Trung ương" are one issuer. In a code, "TƯ" is rewritten to
 * "TW" before folding (see parseDocumentRefs), so a folded "tu" is TU (tỉnh/thành ủy).
 */
function issuerKey(raw: string): string {
  const f = raw.replace(/[^a-z]/g, '');
  return f === 'trunguong' ? 'tw' : f;
}

// "/TƯ", "-T.Ư" inside a code: the central issuer, not TU.
const TU_CENTRAL_RE = /([-/]\s*)t\.?ư(?![\p{L}\p{N}])/giu;

/** All search keys for a reference, most specific last. */
export function keysForRef(ref: DocumentRef): string[] {
  const keys: string[] = [];
  const issuer = ref.issuer ?? '';
  if (ref.number) {
    keys.push(`${KEY_PREFIX}${ref.kind}${ref.number}${issuer}`);
    if (ref.term) keys.push(`${KEY_PREFIX}${ref.kind}${ref.number}${issuer}${ref.term}`);
  }
  if (ref.plenum) {
    keys.push(`${KEY_PREFIX}${ref.kind}${issuer || 'tw'}hn${ref.plenum}`);
    if (ref.term) keys.push(`${KEY_PREFIX}${ref.kind}${issuer || 'tw'}hn${ref.plenum}${ref.term}`);
  }
  return keys;
}

// "05-CT/TW", "05/CT-TW", "05-CT/TƯ", "12-NQ/TW", "24-CT/TU", "47-QĐ/TW" (folded: qd)
const CODE_RE = /\b(\d{1,4})\s*[-/]\s*(nq|ct|kl|qd|hd)\s*[-/]\s*(t\.u|[a-z]{1,6})\b/g;
// "CT 05", "chỉ thị số 05", "chi thi 05", "NQ 04", "Kết luận 21"
const KIND_NUMBER_RE = /\b(nq|ct|kl|qd|hd|nghi quyet|chi thi|ket luan|quy dinh|huong dan)\s*(?:so\s*)?(\d{1,4})\b(?!\s*[-/]?\s*(?:nq|ct|kl|qd|hd)\b)/g;
// "NQ TƯ 4", "NQTW4", "Nghị quyết TW 4", "nghi quyet trung uong 4", "Nghị quyết Hội nghị Trung ương 4"
const PLENUM_RE = /\b(nq|nghi quyet)\s*(?:hoi nghi\s*)?(tw|tu|t\.u|trung uong)\s*(?:lan thu\s*)?(\d{1,2})\b/g;
// "khóa XII", "khoá 12", "(Khoá XII)"
const TERM_RE = /\bkhoa\s*([ivxl]{1,6}|\d{1,2})\b/;

const ROMAN: Record<string, string> = {
  9: 'ix', 10: 'x', 11: 'xi', 12: 'xii', 13: 'xiii', 14: 'xiv',
};

function termKey(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  return /^\d+$/.test(raw) ? ROMAN[raw] : raw;
}

/** Document references found in a piece of text (a query, a name or an alias). */
export function parseDocumentRefs(text: string): DocumentRef[] {
  const f = fold(text.replace(TU_CENTRAL_RE, '$1tw')).replace(/[()]/g, ' ');
  const term = termKey(TERM_RE.exec(f)?.[1]);
  const refs: DocumentRef[] = [];
  for (const m of f.matchAll(CODE_RE)) {
    refs.push({ kind: m[2]!, number: stripZeros(m[1]!), issuer: issuerKey(m[3]!), term });
  }
  for (const m of f.matchAll(PLENUM_RE)) {
    refs.push({ kind: KINDS[m[1]!]!, plenum: m[3]!, issuer: 'tw', term }); // "NQ TƯ 4": tu here is TƯ
  }
  if (refs.length === 0) {
    for (const m of f.matchAll(KIND_NUMBER_RE)) {
      refs.push({ kind: KINDS[m[1]!]!, number: stripZeros(m[2]!), term });
    }
  }
  return refs;
}

/** Keys of a query: with and without issuer, so "CT 05" (no issuer) meets "05-CT/TW". */
export function queryDocumentKeys(query: string): string[] {
  const keys = new Set<string>();
  for (const ref of parseDocumentRefs(query)) {
    const most = keysForRef(ref);
    // The most specific key the query supports: "NQ TƯ 4 khoá XII" must not match khóa XI.
    const best = most[most.length - 1];
    if (best) keys.add(best);
  }
  return [...keys];
}

/** Keys stored on a document entity: from its code and term, and from every name and alias. */
export function documentSearchKeys(entity: KbEntity): string[] {
  const keys = new Set<string>();
  const doc = entity.document;
  const term = termKey(doc?.term ? fold(doc.term) : undefined);
  const refs: DocumentRef[] = [];
  if (doc?.code) refs.push(...parseDocumentRefs(doc.code));
  for (const name of [entity.name, ...entity.aliases]) refs.push(...parseDocumentRefs(name));
  for (const ref of refs) {
    const full = { ...ref, term: ref.term ?? term };
    for (const k of keysForRef(full)) keys.add(k);
    // Issuer-less variants, for queries like "CT 05" and "chỉ thị 05".
    for (const k of keysForRef({ ...full, issuer: undefined })) keys.add(k);
    for (const k of keysForRef({ ...full, term: undefined })) keys.add(k);
    for (const k of keysForRef({ ...full, issuer: undefined, term: undefined })) keys.add(k);
  }
  return [...keys];
}
