/** Counts the bytes a page downloads (response bodies as Chromium reports them), in all and from pagefind/. */
import type { Page } from 'playwright-core';

export interface DownloadCounter {
  /** Bytes of every response body so far. */
  readonly total: number;
  /** Bytes of responses under a /pagefind/ path. */
  readonly search: number;
  /** Resolves once every response seen so far has been counted (bodies are read asynchronously). */
  settle(): Promise<void>;
}

export function countDownloads(page: Page): DownloadCounter {
  const counts = { total: 0, search: 0 };
  const pending = new Set<Promise<void>>();
  page.on('response', (res) => {
    const search = new URL(res.url()).pathname.includes('/pagefind/');
    const p = res.body().catch(() => Buffer.alloc(0)).then((body) => {
      counts.total += body.length;
      if (search) counts.search += body.length;
    }).finally(() => pending.delete(p));
    pending.add(p);
  });
  return {
    get total() { return counts.total; },
    get search() { return counts.search; },
    settle: async () => { await Promise.all(pending); },
  };
}
