/**
 * The values of the search filters and their Vietnamese labels, shared by the
 * indexer and the search page (browser-safe, no Node imports).
 */
import type { EntityType } from '../model/mention.ts';

export type SearchKind = 'article' | EntityType;

/** Filter value of the "type" filter, shown as is in the UI. */
export const KIND_LABEL: Record<SearchKind, string> = {
  article: 'Bài viết',
  person: 'Người',
  unit: 'Đơn vị',
  place: 'Địa danh',
  document: 'Văn bản',
};

export const KIND_ORDER: SearchKind[] = ['article', 'person', 'unit', 'place', 'document'];

/** Pagefind filter, sort and meta keys used by the index and the page. */
export const FILTER_TYPE = 'type';
export const FILTER_SOURCE = 'source';
export const FILTER_YEAR = 'year';
export const SORT_DATE = 'date';
/** Meta holding every name of an entity (and document-code keys): searched with a high weight, never shown. */
export const META_NAMES = 'names';
/** Meta of an article holding the reference tokens of the documents it mentions (see document-keys.ts). */
export const META_REFS = 'refs';
/** Meta holding the kind (SearchKind) of a result, for the UI. */
export const META_KIND = 'kind';
/** Separator of the names in the "names" meta. */
export const NAMES_SEPARATOR = ' | ';
export const META_DATE = 'date';
export const META_SOURCE = 'source';
/** Sort value for records without a date: sorts last in a newest-first sort. */
export const UNDATED = '0000-00-00';

/**
 * Ranking passed to pagefind.options() by the page, and by the quality script.
 * Names (entity names and aliases) outweigh article titles so that a query equal
 * to an entity's name ranks its page above articles that mention it.
 */
export const RANKING = {
  metaWeights: { title: 5, [META_NAMES]: 9 },
  diacriticSimilarity: 1,
} as const;
