/**
 * Whole-name search keys (browser-safe): one made-up token per name of an
 * entity, its folded letters and digits behind a prefix no Vietnamese or
 * English word starts with ("Quốc hội" → "xqnquochoi"). Pagefind scores words, and a name of two common
 * words ties with every longer name that holds them: "quoc hoi" ranks "Quốc hội
 * Hàn Quốc" and 560 others level with "Quốc hội", whose page, with its many
 * aliases and roles, BM25 puts lower. The indexer stores the key of every name
 * of a core entity in its "names" meta; the search page turns the query into
 * the same key and runs it as an extra search whose hits go first.
 */
import { fold } from '../text/fold.ts';

/**
 * Pagefind matches the last word of a query as a prefix too, so the prefix must
 * start no word a reader types ("ten", the folded "tên", would match every key).
 * A key also reaches longer names that start with it ("xqnquochoihanquoc"): the
 * page named exactly scores higher, and the search page puts it first (rerank.ts).
 */
const KEY_PREFIX = 'xqn';
/** A query of more words than this is no name: no key (a headline, a sentence). */
const MAX_NAME_WORDS = 10;

/** The key of a name (or of a query), or null when it has no letter or digit or too many words. */
export function nameSearchKey(name: string): string | null {
  const words = fold(name).split(/[^a-z0-9]+/).filter(Boolean);
  if (words.length === 0 || words.length > MAX_NAME_WORDS) return null;
  return KEY_PREFIX + words.join('');
}
