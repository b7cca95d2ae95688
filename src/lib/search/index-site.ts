/** Pagefind index of the built site (placeholder: the Node API indexing lands with search). */
export interface SearchIndexStats {
  pages: number;
  bytes: number;
}

export async function buildSearchIndex(_outDir: string): Promise<SearchIndexStats> {
  return { pages: 0, bytes: 0 };
}
