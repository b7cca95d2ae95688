/**
 * The browser and static server a file of browser tests shares: started in a
 * beforeAll registered where this is called (so after the file's own build
 * hook), closed in an afterAll. Chromium missing is a failure, never a skip
 * (launchBrowser throws).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { serveStatic, type StaticServer } from './server.ts';

export interface Served {
  server: StaticServer;
  browser: Browser;
}

/** `dir` is read when the hook runs: a build earlier in the file may set it. */
export function servedWithBrowser(dir: () => string, basePath = '/'): Served {
  const served = {} as Served;
  beforeAll(async () => {
    served.server = await serveStatic(dir(), basePath);
    served.browser = await launchBrowser();
  });
  afterAll(async () => {
    await served.browser?.close();
    await served.server?.close();
  });
  return served;
}
