/** Internal link and anchor check over the built dist/ (placeholder: full checker lands with the site). */
export interface BrokenLink {
  page: string;
  target: string;
  reason: string;
}

export async function checkLinks(_outDir: string, _basePath: string): Promise<BrokenLink[]> {
  return [];
}
