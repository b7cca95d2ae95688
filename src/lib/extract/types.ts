/** What the extractors find in one article, before resolution across articles. */
export type EntityType = 'person' | 'unit' | 'place' | 'document';

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
