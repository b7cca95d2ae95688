/**
 * The "index form" of Vietnamese text: what the search index stores and what
 * queries are rewritten to before they reach Pagefind. Shared by the indexer
 * (Node) and the search page (browser bundle), so both sides agree exactly.
 *
 * Pagefind folds accents by NFD + dropping combining marks, which never folds
 * đ (a letter of its own, not d + mark). Writing đ as "d" + U+0335 (combining
 * short stroke overlay) makes it decomposable: Pagefind indexes the folded
 * word ("dang") and keeps the marked spelling as a variant, so "dang uy" finds
 * "Đảng ủy" and a query typed with full diacritics still gets Pagefind's
 * exact-diacritics bonus. The page turns the stroke back into đ for display.
 *
 * Tone placement is canonicalised too ("khoá" → "khóa", "Thuỵ" → "Thụy"), so the
 * exact-diacritics bonus does not depend on which convention the writer used.
 */
import { canonicalTones } from '../text/fold.ts';
import { normalizeText } from '../text/normalize.ts';

const STROKE = '\u0335';
const D_STROKE_RE = /([dD])\u0335/g;

/** Text as indexed: NFC, Đ for Eth, canonical tone placement, đ → d + U+0335. */
export function toIndexForm(text: string): string {
  return canonicalTones(normalizeText(text)).replace(/đ/g, `d${STROKE}`).replace(/Đ/g, `D${STROKE}`);
}

/** Display form of indexed text: d + U+0335 → đ (other text unchanged). */
export function fromIndexForm(text: string): string {
  return text.replace(D_STROKE_RE, (_m, d: string) => (d === 'd' ? 'đ' : 'Đ'));
}
