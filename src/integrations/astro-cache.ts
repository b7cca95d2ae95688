/** Where Astro keeps its cache for our builds, and the one private file of it we read and write (docs/scaling.md). */
import path from 'node:path';
import { cacheDirFromEnv, cacheEnabledFromEnv } from '../lib/infra/cache.ts';

/** Astro's incremental-build manifest, in its cache folder: which page had which cache key and output file. */
export const ASTRO_MANIFEST = 'incremental-build.json';

/**
 * Astro's cache folder (its incremental-build manifest and the copies of the pages
 * it can reuse): inside our cache folder, so one folder (and one CI cache) holds
 * everything a warm build needs. Null when caching is off.
 */
export function astroCacheDir(env: Record<string, string | undefined> = process.env): string | null {
  return cacheEnabledFromEnv(env) ? path.join(cacheDirFromEnv(env), 'astro') : null;
}
