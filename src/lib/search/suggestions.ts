/**
 * Suggestions as you type in the header search box (browser-safe): a small
 * index of the entities named in the most articles (tim-kiem/goi-y.json,
 * loaded when the box gets focus) and the prefix match the box runs on it.
 *
 * Entries are tuples, most-named first, to keep the file small: at most
 * SUGGESTION_BYTES of JSON (about 1,400 entities on the whole corpus).
 */
import type { EntityType } from '../model/mention.ts';
import { fold } from '../text/fold.ts';

/** [name, type, articles, page path without the base path, short forms ("EVN", "UBND phường Minh Khai")]. */
export type SuggestionEntry = [name: string, type: EntityType, articles: number, path: string, short: string[]];

export interface SuggestionIndex {
  version: 1;
  entries: SuggestionEntry[];
}

/** Budget of the index file (issue 17: loaded on focus, ≤ 100 KB). */
export const SUGGESTION_BYTES = 95_000;
/** Characters typed before suggestions show. */
export const SUGGEST_MIN_CHARS = 2;
export const SUGGEST_LIMIT = 8;

/** An alias a reader types instead of the name: shorter, with a word in capitals ("EVN", "UBND phường Minh Khai", "Bộ GD-ĐT"). */
function isShortForm(alias: string, name: string): boolean {
  return alias.length < name.length && /(^|\s)[\p{Lu}\d][\p{Lu}\d&.-]{1,11}(?=\s|$)/u.test(alias) && /\p{Lu}{2}/u.test(alias);
}

export interface SuggestionSource {
  name: string;
  type: EntityType;
  aliases: readonly string[];
  articles: number;
  path: string;
}

/** The index of `entities` (most-named first), cut where the JSON would pass `maxBytes`. */
export function suggestionIndex(entities: Iterable<SuggestionSource>, maxBytes = SUGGESTION_BYTES): SuggestionIndex {
  const entries: SuggestionEntry[] = [];
  let bytes = JSON.stringify({ version: 1, entries: [] }).length;
  const encoder = new TextEncoder();
  for (const e of entities) {
    const entry: SuggestionEntry = [e.name, e.type, e.articles, e.path, [...new Set(e.aliases.filter((a) => isShortForm(a, e.name)))].slice(0, 2)];
    const size = encoder.encode(JSON.stringify(entry)).length + 1;
    if (bytes + size > maxBytes) break;
    bytes += size;
    entries.push(entry);
  }
  return { version: 1, entries };
}

/** Folded words of a text: no diacritics, đ → d, lower case, letters and digits only. */
function words(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Whether the query's words start consecutive words of the name, in order
 * ("bo cong" → "Bộ Công an", "cong an" → "Bộ Công an"); the position of the
 * first such word (0: the name starts so), or -1.
 */
function prefixAt(name: readonly string[], query: readonly string[]): number {
  for (let i = 0; i + query.length <= name.length; i++) {
    if (query.every((q, k) => name[i + k]!.startsWith(q))) return i;
  }
  return -1;
}

export interface Suggester {
  suggest(query: string, limit?: number): SuggestionEntry[];
}

/** A matcher over an index: names folded once. Best first: the exact name, names that start with the query, then the others; each by articles. */
export function suggester(index: SuggestionIndex): Suggester {
  const folded = index.entries.map((e) => ({ entry: e, names: [words(e[0]), ...e[4].map(words)] }));
  return {
    suggest(query, limit = SUGGEST_LIMIT) {
      const q = words(query);
      if (q.length === 0 || fold(query).replace(/\s+/g, '').length < SUGGEST_MIN_CHARS) return [];
      const whole = q.join(' ');
      const ranked: { rank: number; order: number; entry: SuggestionEntry }[] = [];
      folded.forEach((f, order) => {
        // The best of the name and its short forms: 0 the whole of one, 1 the start of one, 2 words inside one.
        let rank = 3;
        for (const n of f.names) {
          if (n.join(' ') === whole) rank = 0;
          else {
            const at = prefixAt(n, q);
            if (at >= 0) rank = Math.min(rank, at === 0 ? 1 : 2);
          }
        }
        if (rank < 3) ranked.push({ rank, order, entry: f.entry });
      });
      return ranked.sort((a, b) => a.rank - b.rank || a.order - b.order).slice(0, limit).map((r) => r.entry);
    },
  };
}

/** Reads the index file fetched by the browser; anything unexpected is an error naming the file. */
export function parseSuggestionIndex(json: unknown, file: string): SuggestionIndex {
  const ok = typeof json === 'object' && json !== null && (json as { version?: unknown }).version === 1 &&
    Array.isArray((json as { entries?: unknown }).entries) &&
    ((json as { entries: unknown[] }).entries).every((e) => Array.isArray(e) && e.length === 5 && typeof e[0] === 'string' && typeof e[3] === 'string');
  if (!ok) throw new Error(`${file}: not a suggestion index (version 1, entries of [name, type, articles, path, short forms])`);
  return json as SuggestionIndex;
}
