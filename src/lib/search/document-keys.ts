/**
 * Document-code search keys: one made-up token per way of identifying a Party
 * document, built on the shared parser (src/lib/extract/document-codes.ts):
 * "vbkct05" for Chỉ thị 05-CT/TW, "vbknqtw4" for the Trung ương 4 resolutions,
 * "vbknqtw4xii" for the one of khóa XII. The indexer stores the keys of each
 * document entity in its searchable "names" meta; the search page turns the
 * query into the same key and runs it as an extra search whose hits go first.
 * So "05/CT-TW", "CT 05", "chỉ thị số 05", "NQTW4" and "Nghị quyết TW 4" all
 * reach the document page, whatever the article wrote.
 *
 * Browser-safe (no Node imports).
 */
import type { KbEntity } from '../model/kb.ts';
import {
  canonicalTerm, documentRefKey, documentSearchKeys as sharedDocumentKeys, parseDocumentQuery,
} from '../text/document-codes.ts';

const KEY_PREFIX = 'vbk';
/** Prefix of the same keys on articles that mention the document ("reference" tokens). */
const REF_PREFIX = 'vbr';

/** One Pagefind word per key: letters and digits only, lower case, behind a prefix no real word has. */
function token(key: string, term?: string | null): string {
  return `${KEY_PREFIX}${key}${term ?? ''}`.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Words of a query tried as a document reference followed by other words ("nghị quyết 36 về người Việt Nam ở nước ngoài"). */
const MAX_REF_WORDS = 6;

function keyOf(text: string): string | null {
  const ref = parseDocumentQuery(text);
  const key = ref ? documentRefKey(ref) : null;
  return ref && key ? token(key, ref.terms.length === 1 ? ref.terms[0] : null) : null;
}

/**
 * The key of a query, or none: the whole query as a reference, else its
 * longest first words that are one ("nghị định 67/2014 tàu cá" → Nghị định
 * 67/2014; the other words still search the text). A query that names exactly
 * one term ("NQ TƯ 4 khoá XII") gets the term-specific key, so it does not
 * reach khóa XI.
 */
export function queryDocumentKeys(query: string): string[] {
  const whole = keyOf(query);
  if (whole) return [whole];
  const words = query.trim().split(/\s+/);
  for (let n = Math.min(MAX_REF_WORDS, words.length - 1); n >= 2; n--) {
    const key = keyOf(words.slice(0, n).join(' '));
    if (key) return [key];
  }
  return [];
}

/** The reference token of a key: stored on articles that mention the document, searched after the document itself. */
export function referenceToken(key: string): string {
  return REF_PREFIX + key.slice(KEY_PREFIX.length);
}

/** Keys stored on a document entity: every key of its code, name and aliases, alone and with the entity's term. */
export function documentSearchKeys(entity: KbEntity): string[] {
  const term = entity.document?.term ? canonicalTerm(entity.document.term) : null;
  const keys = new Set<string>();
  for (const key of sharedDocumentKeys({ code: entity.document?.code, name: entity.name, aliases: entity.aliases })) {
    keys.add(token(key));
    if (term) keys.add(token(key, term));
  }
  return [...keys];
}
