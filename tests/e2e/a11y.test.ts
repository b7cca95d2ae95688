/**
 * axe-core in Chromium: zero violations of any impact on the home page, an
 * article, the 404 page, each index page and one page of each entity type
 * (the first entry of its index). Runs on the default seed build.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { servedWithBrowser } from './support/served.ts';
import { siteOutDir } from './support/site.ts';

// E2E_SEEDS_DIR: test a private copy of the seed build while others rebuild .cache/e2e/seeds.
const outDir = process.env.E2E_SEEDS_DIR ? path.resolve(process.env.E2E_SEEDS_DIR) : siteOutDir('seeds');
const AXE = path.resolve('node_modules/axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const served = servedWithBrowser(() => outDir);

/** Runs axe on a page at a given width and returns its violations, readable. */
async function violations(urlPath: string, width: number): Promise<string[]> {
  // bypassCSP: the pages' Content-Security-Policy would (rightly) block the injected axe script.
  const page = await served.browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true });
  try {
    const response = await page.goto(served.server.url + urlPath.replace(/^\//, ''));
    expect([200, 404]).toContain(response?.status());
    await page.addScriptTag({ content: readFileSync(AXE, 'utf8') });
    const result = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
      return (await axe.run(document)).violations;
    });
    return result.map((v) => `${v.impact ?? '?'} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  } finally {
    await page.close();
  }
}

/** The first entry of an index page: a real entity (or article) page to check. */
async function firstEntry(indexPath: string): Promise<string> {
  const page = await served.browser.newPage({ bypassCSP: true });
  try {
    await page.goto(served.server.url + indexPath.replace(/^\//, ''));
    const href = await page.locator('main .index-list a').first().getAttribute('href', { timeout: 2000 }).catch(() => null);
    expect(href, `an entry on ${indexPath}`).toBeTruthy();
    return href!;
  } finally {
    await page.close();
  }
}

const FIXED = ['/', '/404.html', '/bai-viet/', '/nguoi/', '/don-vi/', '/dia-danh/', '/van-ban/'];

describe('axe-core finds no violations', () => {
  for (const p of FIXED) {
    it(`on ${p} (phone and desktop width)`, async () => {
      expect(await violations(p, 1280)).toEqual([]);
      expect(await violations(p, 390)).toEqual([]);
    });
  }
  for (const [label, index] of [['an article', '/bai-viet/'], ['a person', '/nguoi/'], ['a unit', '/don-vi/'], ['a place', '/dia-danh/'], ['a document', '/van-ban/']] as const) {
    it(`on ${label} page`, async () => {
      const p = await firstEntry(index);
      expect(await violations(p, 1280)).toEqual([]);
      expect(await violations(p, 390)).toEqual([]);
    });
  }
});
