/**
 * Suggestions under the header search box, in Chromium on the seed site: the
 * index is loaded on focus and is small, suggestions follow the WAI-ARIA
 * combobox pattern, work with or without diacritics, by keyboard and by mouse,
 * and Enter without a chosen suggestion still opens the full results page.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.ts';
import { servedWithBrowser } from './support/served.ts';
import { siteOutDir } from './support/site.ts';
import { SUGGESTIONS_PATH } from '../../src/lib/model/paths.ts';
import type { SuggestionIndex } from '../../src/lib/search/suggestions.ts';

const outDir = siteOutDir('seeds');
const served = servedWithBrowser(() => outDir);
const BOX = 'header input[name="q"]';

async function withPage<T>(fn: (page: Page) => Promise<T>, options: { bypassCSP?: boolean } = {}): Promise<T> {
  const page = await served.browser.newPage(options);
  try {
    return await fn(page);
  } finally {
    await page.close();
  }
}

/** Opens the home page and types `text` into the header box. */
async function typeInBox(page: Page, text: string): Promise<void> {
  await page.goto(served.server.url);
  await page.focus(BOX);
  await page.keyboard.type(text);
}

async function options(page: Page): Promise<string[]> {
  await page.waitForSelector('[role="listbox"] [role="option"]', { timeout: 10_000 });
  return page.$$eval('[role="listbox"] [role="option"] .suggestions__name', (els) => els.map((e) => e.textContent ?? ''));
}

describe('header search suggestions', () => {
  const index = JSON.parse(readFileSync(path.join(outDir, SUGGESTIONS_PATH), 'utf8')) as SuggestionIndex;

  it('writes a small index of the most-named entities, and loads it only when the box gets focus', () =>
    withPage(async (page) => {
      expect(statSync(path.join(outDir, SUGGESTIONS_PATH)).size).toBeLessThanOrEqual(100 * 1024);
      expect(index.entries.length).toBeGreaterThan(10);
      const counts = index.entries.map((e) => e[2]);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      const requested: string[] = [];
      page.on('request', (r) => requested.push(new URL(r.url()).pathname));
      await page.goto(served.server.url);
      await page.waitForLoadState('networkidle');
      expect(requested).not.toContain(SUGGESTIONS_PATH);
      await page.focus(BOX);
      await page.waitForResponse((r) => new URL(r.url()).pathname === SUGGESTIONS_PATH);
    }));

  it('suggests with or without diacritics after two characters, and opens the chosen page by keyboard', () =>
    withPage(async (page) => {
      await typeInBox(page, 'l');
      await page.waitForTimeout(150);
      expect(await page.getAttribute(BOX, 'aria-expanded')).toBe('false');
      await page.keyboard.type('e thanh v');
      expect(await options(page)).toContain('Lê Thành Vinh');
      expect(await page.getAttribute(BOX, 'role')).toBe('combobox');
      expect(await page.getAttribute(BOX, 'aria-expanded')).toBe('true');
      const listId = await page.getAttribute(BOX, 'aria-controls');
      expect(await page.getAttribute(`#${listId}`, 'role')).toBe('listbox');
      // Each option names its type and how many articles name it.
      expect(await page.textContent('[role="option"] .suggestions__meta')).toMatch(/^Người · \d+ bài viết$/);
      await page.keyboard.press('ArrowDown');
      const active = await page.getAttribute(BOX, 'aria-activedescendant');
      expect(await page.getAttribute(`#${active}`, 'aria-selected')).toBe('true');
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => new URL(u).pathname === '/nguoi/le-thanh-vinh/');
    }));

  it('matches đ typed as d, opens a page by mouse, and Escape closes the list', () =>
    withPage(async (page) => {
      await typeInBox(page, 'dang uy phuong tr');
      expect(await options(page)).toContain('Đảng ủy phường Trương Định');
      await page.keyboard.press('Escape');
      expect(await page.isHidden('[role="listbox"]')).toBe(true);
      expect(await page.getAttribute(BOX, 'aria-expanded')).toBe('false');
      await page.keyboard.type('u');
      await page.click('[role="option"]:has-text("Đảng ủy phường Trương Định")');
      await page.waitForURL((u) => new URL(u).pathname === '/don-vi/dang-uy-phuong-truong-dinh/');
    }));

  it('still opens the full results page with Enter when no suggestion is chosen', () =>
    withPage(async (page) => {
      await typeInBox(page, 'le thanh vinh');
      await options(page);
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => new URL(u).pathname === '/tim-kiem/' && new URL(u).searchParams.get('q') === 'le thanh vinh');
    }));

  it('has no axe-core violations with the list open', () =>
    withPage(async (page) => {
      await typeInBox(page, 'ubnd');
      await options(page);
      expect(await axeViolations(page)).toEqual([]);
    }, { bypassCSP: true })); // axe is injected as an inline script, which the site's CSP forbids
});
