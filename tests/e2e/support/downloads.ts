/** Counts the bytes a page downloads (response bodies as Chromium reports them), in all and from pagefind/. */
import type { Page } from 'playwright-core';

export interface DownloadCounter {
  /** Bytes of every response body so far. */
  readonly total: number;
  /** Bytes of responses under a /pagefind/ path. */
  readonly search: number;
}

export function countDownloads(page: Page): DownloadCounter {
  const counts = { total: 0, search: 0 };
  page.on('response', async (res) => {
    const body = await res.body().catch(() => Buffer.alloc(0));
    counts.total += body.length;
    if (new URL(res.url()).pathname.includes('/pagefind/')) counts.search += body.length;
  });
  return counts;
}
