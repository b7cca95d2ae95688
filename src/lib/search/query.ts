/**
 * What the search page sends to Pagefind for what the user typed (browser-safe).
 *
 * - text: the query in index form (NFC, canonical tones, đ → d + U+0335), with
 *   "số" before a number dropped ("chỉ thị số 05" = "chỉ thị 05").
 * - keys: document-code keys (see document-keys.ts), searched separately; their
 *   hits (document pages) go first, then the hits of the whole-name key (pages
 *   named exactly so, name-keys.ts), then of refs (articles that mention those
 *   documents), then of text.
 */
import { toIndexForm } from './index-form.ts';
import { queryDocumentKeys, referenceToken } from './document-keys.ts';
import { nameSearchKey } from './name-keys.ts';

export interface SearchPlan {
  /** The query as typed, trimmed and single-spaced (what goes in the URL). */
  display: string;
  /** Pagefind query for the words. Empty when there is nothing to search. */
  text: string;
  /** Pagefind queries for document-code keys, each a single token (document pages). */
  keys: string[];
  /** The same keys as reference tokens (articles that mention those documents). */
  refs: string[];
  /** The whole-name key of the query (name-keys.ts): entities named exactly so; null for a long query. */
  name: string | null;
}

/** Longest query we pass on: Pagefind's work grows with the number of terms. */
export const MAX_QUERY_CHARS = 200;

const SO_BEFORE_NUMBER_RE = /(^|\s)s(?:ố|o)(?=\s+\d)/giu;

export function planSearch(raw: string): SearchPlan {
  const display = raw.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_CHARS);
  const text = toIndexForm(display).replace(SO_BEFORE_NUMBER_RE, '$1').replace(/\s+/g, ' ').trim();
  const keys = queryDocumentKeys(display);
  return { display, text, keys, refs: keys.map(referenceToken), name: nameSearchKey(display) };
}
