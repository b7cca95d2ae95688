/**
 * Name and phrase promotion (browser-safe): among the first results Pagefind
 * ranks, a page whose name (title or any alias) is exactly the query, folded,
 * goes first, then pages whose name holds the query's words in order. Pagefind
 * scores "phường Thụy Khuê" and "Đảng ủy phường Thụy Khuê" alike for the query
 * "phuong thuy khue" (every word matches both names); the reader who typed a
 * whole name means that page. Pagefind's order is kept within each group, and
 * among several exact names (Đình / Định for "dinh") too.
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

/** The words of a name, folded; empty names dropped. */
function nameKeys(r: NamedResult): string[] {
  return [r.title ?? '', ...(r.names ? r.names.split(NAMES_SEPARATOR) : [])].map(nameKey).filter(Boolean);
}

/**
 * Whether the words of `key` stand together, in order, in `name` (both nameKey
 * forms); the last word of the key may be the start of a word, as the reader
 * may still be typing it.
 */
export function holdsPhrase(name: string, key: string): boolean {
  if (!key) return false;
  const n = name.split(' ');
  const q = key.split(' ');
  const last = q.length - 1;
  for (let i = 0; i + q.length <= n.length; i++) {
    let k = 0;
    while (k < last && n[i + k] === q[k]) k++;
    if (k === last && n[i + last]!.startsWith(q[last]!)) return true;
  }
  return false;
}

/**
 * How a result's names answer the query: 0, a name (title or alias) is the
 * query; 1, a name holds the query's words together and in order; 2, neither
 * (the words are scattered over the page, or some are missing).
 */
export function nameMatch(query: string, r: NamedResult): 0 | 1 | 2 {
  const key = nameKey(query);
  if (!key) return 2;
  const names = nameKeys(r);
  if (names.some((n) => n === key)) return 0;
  return names.some((n) => holdsPhrase(n, key)) ? 1 : 2;
}

/**
 * Indexes of `results` in display order: pages named exactly by the query first,
 * then pages whose title or a name holds the query as a phrase, then the rest;
 * Pagefind's order within each group. Pagefind scores words, not phrases: a
 * headline typed from memory ranks with pages that carry its words apart.
 */
export function phraseFirst(query: string, results: readonly NamedResult[]): number[] {
  const groups: number[][] = [[], [], []];
  results.forEach((r, i) => groups[nameMatch(query, r)]!.push(i));
  return groups.flat();
}
