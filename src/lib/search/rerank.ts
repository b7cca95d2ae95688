/**
 * Exact-name promotion (browser-safe): among the first results Pagefind ranks,
 * a page whose name (title or any alias) is exactly the query, folded, goes
 * first. Pagefind scores "phường Thụy Khuê" and "Đảng ủy phường Thụy Khuê" alike
 * for the query "phuong thuy khue" (every word matches both names); the reader
 * who typed a whole name means that page. Pagefind's order is kept otherwise,
 * and among several exact names (Đình / Định for "dinh") too.
 */
import { fold } from '../text/fold.ts';
import { fromIndexForm } from './index-form.ts';
import { NAMES_SEPARATOR } from './labels.ts';

/** Folded comparison key: diacritics, case, punctuation and spacing do not matter. */
export function nameKey(text: string): string {
  return fold(fromIndexForm(text)).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export interface NamedResult {
  title?: string;
  names?: string;
}

/** Indexes of `results` in display order: exact-name matches first, otherwise unchanged. */
export function exactNameFirst(query: string, results: readonly NamedResult[]): number[] {
  const key = nameKey(query);
  const exact: number[] = [];
  const rest: number[] = [];
  results.forEach((r, i) => {
    const names = [r.title ?? '', ...(r.names ? r.names.split(NAMES_SEPARATOR) : [])];
    (key && names.some((n) => nameKey(n) === key) ? exact : rest).push(i);
  });
  return [...exact, ...rest];
}

/**
 * Whether a result carries every word of the query (folded; a query word may be
 * the start of a longer word, as Pagefind matches prefixes). Pagefind also
 * returns near-misses ("vung" finds "vụ"); on a site with tiers, a core that
 * returns only near-misses has not answered, and the whole archive is searched.
 */
export function coversQuery(query: string, texts: readonly (string | undefined)[]): boolean {
  const words = nameKey(query).split(' ').filter(Boolean);
  if (words.length === 0) return false;
  const have = new Set(nameKey(texts.filter(Boolean).join(' ')).split(' '));
  return words.every((w) => {
    if (have.has(w)) return true;
    for (const h of have) if (h.startsWith(w)) return true;
    return false;
  });
}
