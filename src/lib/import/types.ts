/** Shapes shared by the importer modules. */

/** One block of article text: a body paragraph, or an image caption (with its photo credit, if any). */
export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'caption'; text: string; credit: string | null };

/** Frontmatter fields found while cleaning; null when the text does not state them. */
export interface ArticleFields {
  title: string;
  published: string | null;
  author: string | null;
  source: string | null;
  url: string | null;
  importedFrom: string;
}

export interface ImportedArticle extends ArticleFields {
  blocks: Block[];
}

/** Why an article (or a whole input) was not written. */
export type SkipReason = 'empty body' | 'title only' | 'duplicate text' | 'no title';

/** A problem with an input, precise enough to act on: file, line when known, what to fix. */
export class ImportError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  constructor(file: string, message: string, line?: number) {
    super(`${line !== undefined ? `${file}:${line}` : file}: ${message}`);
    this.name = 'ImportError';
    this.file = file;
    this.line = line;
  }
}
