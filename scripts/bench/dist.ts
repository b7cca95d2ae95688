/** What a build wrote: HTML pages, total bytes, and the bytes of the Pagefind index. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface DistStats {
  pages: number;
  files: number;
  bytes: number;
  searchIndexBytes: number;
  searchIndexFiles: number;
}

async function walk(dir: string, visit: (file: string, size: number) => void): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, visit);
    else if (entry.isFile()) visit(full, (await stat(full)).size);
  }
}

/** Counts files under dist; the search index is dist/<searchDir> (Pagefind's default "pagefind"). */
export async function distStats(distDir: string, searchDir = 'pagefind'): Promise<DistStats> {
  const searchRoot = path.join(distDir, searchDir) + path.sep;
  const stats: DistStats = { pages: 0, files: 0, bytes: 0, searchIndexBytes: 0, searchIndexFiles: 0 };
  await walk(distDir, (file, size) => {
    stats.files += 1;
    stats.bytes += size;
    if (file.endsWith('.html')) stats.pages += 1;
    if (file.startsWith(searchRoot)) {
      stats.searchIndexBytes += size;
      stats.searchIndexFiles += 1;
    }
  });
  return stats;
}
