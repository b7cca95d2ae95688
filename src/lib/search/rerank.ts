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
