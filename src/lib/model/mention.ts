/**
 * Mentions: what the extractors find in one article (Mention), and what
 * resolution across articles makes of each (ResolvedMention).
 */
export type EntityType = 'person' | 'unit' | 'place' | 'document';

export const ENTITY_TYPES: readonly EntityType[] = ['person', 'unit', 'place', 'document'];

export interface Span {
  /** Offsets into the article's plain text (see ArticleText). */
  start: number;
  end: number;
}

export interface Mention extends Span {
  type: EntityType;
  /** The text as written. */
  surface: string;
  /** Index of the sentence in ArticleText.sentences. */
  sentence: number;
  /** A key that identifies the entity within the article (extractor-specific). */
  key: string;
  /** Extractor-specific details. */
  attrs?: Record<string, unknown>;
}

/** A mention after resolution: which entity it is. The renderer links it in place. */
export interface ResolvedMention extends Span {
  entity: string;
}
