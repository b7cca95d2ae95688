/**
 * Deployment under a sub-path: the seeds built with BASE_PATH=/kho-tin/ and served
 * only under /kho-tin/ must work by clicking — home → article → person and document
 * pages — and search must return links under the sub-path. The build's own link
 * check ran for this build too (it fails the build on a broken link).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { servedWithBrowser } from './support/served.ts';
import { buildSite } from './support/site.ts';

const BASE = '/kho-tin/';
let outDir = '';

function htmlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) htmlFiles(full, out);
    else if (name.endsWith('.html') || name.endsWith('.xml')) out.push(full);
  }
  return out;
}

beforeAll(() => {
  outDir = buildSite({ name: 'base-path', contentDir: 'content', basePath: BASE, siteUrl: 'https://example.org' }).outDir;
}, 600_000);
const served = servedWithBrowser(() => outDir, BASE);

async function clickFirst(page: Page, hrefPrefix: string): Promise<string> {
  const link = page.locator(`main a[href^="${hrefPrefix}"]`).first();
  const href = await link.getAttribute('href');
  expect(href, `a link starting with ${hrefPrefix} on ${page.url()}`).toBeTruthy();
  await Promise.all([page.waitForURL((u) => u.pathname === href), link.click()]);
  return href!;
}

describe(`site built with BASE_PATH=${BASE}`, () => {
  it('writes no root-relative URL outside the base path', () => {
    const offenders: string[] = [];
    for (const file of htmlFiles(outDir)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:href|src|action)="(\/[^"]*)"/g)) {
        if (!m[1]!.startsWith(BASE)) offenders.push(`${path.relative(outDir, file)}: ${m[1]}`);
      }
      for (const m of text.matchAll(/https:\/\/example\.org(\/[^"<\s]*)/g)) {
        if (!m[1]!.startsWith(BASE)) offenders.push(`${path.relative(outDir, file)}: absolute ${m[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('follows links from the home page to an article, a person and a document', async () => {
    const page = await served.browser.newPage();
    const response = await page.goto(served.server.url);
    expect(response?.status()).toBe(200);
    const article = await clickFirst(page, `${BASE}bai-viet/`);
    expect(article).toMatch(/^\/kho-tin\/bai-viet\/[a-z0-9-]+\/$/);
    await expect(page.locator('h1').first().textContent()).resolves.toBeTruthy();

    const articleUrl = page.url();
    const person = await clickFirst(page, `${BASE}nguoi/`);
    expect(person).toMatch(/^\/kho-tin\/nguoi\/[a-z0-9-]+\/$/);
    expect((await page.request.get(page.url())).status()).toBe(200);

    await page.goto(articleUrl);
    const doc = await clickFirst(page, `${BASE}van-ban/`);
    expect(doc).toMatch(/^\/kho-tin\/van-ban\/[a-z0-9-]+\/$/);
    // Stylesheets and scripts load from under the base path.
    const css = await page.evaluate(() => [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => (l as HTMLLinkElement).href));
    for (const href of css) expect(new URL(href).pathname.startsWith('/kho-tin/')).toBe(true);
    await page.close();
  });

  it('runs a search from the header form and returns results under the base path', async () => {
    const page = await served.browser.newPage();
    await page.goto(served.server.url);
    const box = page.locator('header form[role="search"] input[name="q"]');
    await box.fill('nguyen thi tuyet');
    await Promise.all([page.waitForURL((u) => u.pathname === `${BASE}tim-kiem/`), box.press('Enter')]);
    await page.waitForSelector('#search-results[data-state="done"]', { timeout: 20_000 });
    const hrefs = await page.locator('#search-results a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const h of hrefs) expect(h.startsWith(BASE)).toBe(true);
    expect(hrefs[0]).toBe(`${BASE}nguoi/nguyen-thi-tuyet/`);
    await page.close();
  });

  it('loads the header box\'s suggestions under the base path and opens the chosen page there', async () => {
    const page = await served.browser.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(served.server.url);
    await page.focus('header input[name="q"]');
    await page.keyboard.type('nguyen thi tuy');
    await page.waitForSelector('[role="listbox"] [role="option"]', { timeout: 10_000 });
    expect(requested).toContain(`${BASE}tim-kiem/goi-y.json`);
    await page.keyboard.press('ArrowDown');
    await Promise.all([page.waitForURL((u) => u.pathname === `${BASE}nguoi/nguyen-thi-tuyet/`), page.keyboard.press('Enter')]);
    await page.close();
  });
});
