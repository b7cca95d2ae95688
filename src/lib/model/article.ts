/** An article as loaded from content/: validated frontmatter plus its Markdown body. */
export interface ArticleMeta {
  title: string;
  /** ISO date YYYY-MM-DD, only when the source states a full date. */
  published: string | null;
  author: string | null;
  source: string | null;
  url: string | null;
  importedFrom: string | null;
}

export interface ArticleFile extends ArticleMeta {
  /** Stable id: the file's slug (file name without .md). */
  id: string;
  /** Path of the Markdown file relative to the project root (or as given). */
  file: string;
  /** Markdown body, normalised (NFC, Đ, no invisible characters). */
  body: string;
  /** 1-based line in the file where the body starts (for diagnostics and positions). */
  bodyLine: number;
  /** Content hash of the whole file (for caches). */
  hash: string;
}
