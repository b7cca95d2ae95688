/**
 * Hostile articles in Chromium (issue 8 item 5): a site built from
 * tests/fixtures/hostile — script tags, event handlers, javascript:/data:/
 * vbscript: URLs, iframes, objects, styles, in the Markdown body and in the
 * frontmatter (title, author, source, url, importedFrom) — is opened page by
 * page. No dialog may open, no payload may run (they set window.__pwned and
 * document.title), no javascript: URL or inline event attribute may be in the
 * DOM, no embedded frame or object, no injected style, and the frontmatter
 * payloads must show as plain text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { servedWithBrowser } from './support/served.ts';
import { buildSite } from './support/site.ts';
import { loadArticles } from '../../src/lib/content/load.ts';
import type { ArticleFile } from '../../src/lib/model/article.ts';

const CONTENT_DIR = 'tests/fixtures/hostile';
let outDir: string;
let articles: ArticleFile[];

beforeAll(async () => {
  const loaded = await loadArticles(CONTENT_DIR);
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  articles = loaded.articles;
  outDir = buildSite({ name: 'hostile', contentDir: CONTENT_DIR }).outDir;
});
const served = servedWithBrowser(() => outDir);

/** Every built HTML page, as a path under the site root ("bai-viet/x/"). */
function builtPages(): string[] {
  return (readdirSync(outDir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.html') && !f.startsWith('pagefind'))
    .map((f) => f.split(path.sep).join('/').replace(/index\.html$/, ''))
    .sort();
}

interface PageFindings {
  pwned: unknown;
  title: string;
  eventAttributes: string[];
  dangerousUrls: string[];
  embeds: string[];
  suspiciousScripts: string[];
  injectedStyle: boolean;
  bodyHidden: boolean;
  h1: string | null;
  jsonLd: unknown[];
}

/** Runs in the page: everything that would show an injection. */
function inspect(): PageFindings {
  const eventAttributes: string[] = [];
  const dangerousUrls: string[] = [];
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'xlink:href', 'srcdoc'];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) eventAttributes.push(`<${el.tagName.toLowerCase()} ${name}>`);
      if (urlAttributes.includes(name)) {
        // Browsers ignore control characters and spaces inside a scheme: strip them like the URL parser does.
        const value = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        const dataOk = value.startsWith('data:') && el.tagName === 'LINK' && (el as HTMLLinkElement).rel === 'icon';
        if (value.startsWith('javascript:') || value.startsWith('vbscript:') || (value.startsWith('data:') && !dataOk) || name === 'srcdoc') {
          dangerousUrls.push(`<${el.tagName.toLowerCase()} ${name}="${attr.value.slice(0, 60)}">`);
        }
      }
    }
  }
  // The site's own Content-Security-Policy <meta> (the first in <head>) is expected; any other http-equiv is injected.
  const ownPolicy = document.head.querySelector('meta[http-equiv="content-security-policy"]');
  const embeds = Array.from(document.querySelectorAll('iframe, frame, object, embed, applet, base, meta[http-equiv]'))
    .filter((e) => e !== ownPolicy)
    .map((e) => e.outerHTML.slice(0, 80));
  const jsonLd: unknown[] = [];
  const suspiciousScripts: string[] = [];
  for (const script of Array.from(document.querySelectorAll('script'))) {
    if (script.type === 'application/ld+json') {
      jsonLd.push(JSON.parse(script.textContent ?? 'null'));
      continue;
    }
    const src = script.getAttribute('src');
    if (src !== null && new URL(src, location.href).origin === location.origin) continue;
    if (src !== null || /__pwned|alert\(/.test(script.textContent ?? '')) suspiciousScripts.push(script.outerHTML.slice(0, 120));
  }
  const styles = Array.from(document.querySelectorAll('style')).map((s) => s.textContent ?? '').join('\n');
  const h1 = document.querySelector('h1');
  return {
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    title: document.title,
    eventAttributes,
    dangerousUrls,
    embeds,
    suspiciousScripts,
    injectedStyle: styles.includes('rgb(1, 2, 3)') || (h1 !== null && getComputedStyle(h1).color === 'rgb(1, 2, 3)'),
    bodyHidden: getComputedStyle(document.body).display === 'none',
    h1: h1?.textContent ?? null,
    jsonLd,
  };
}

describe('hostile articles in Chromium', () => {
  it('every article has a page', () => {
    const pages = new Set(builtPages());
    const missing = articles.map((a) => `bai-viet/${a.id}/`).filter((p) => !pages.has(p));
    expect(missing, `article pages not built (does src/pages/bai-viet/[slug] exist?)`).toEqual([]);
    expect(articles.length).toBeGreaterThanOrEqual(5);
  });

  it('no page runs a payload, opens a dialog, or carries handlers, javascript: URLs, frames or injected styles', async () => {
    const pages = builtPages();
    expect(pages.length).toBeGreaterThan(articles.length);
    const problems: string[] = [];
    for (const pagePath of pages) {
      const context = await served.browser.newContext();
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss();
      });
      const response = await page.goto(served.server.url + pagePath, { waitUntil: 'load' });
      const status = response?.status();
      if (status !== 200 && !pagePath.startsWith('404')) problems.push(`${pagePath}: HTTP ${status}`);
      // Give deferred payloads (onerror of a broken image, autofocus, meta refresh) a moment.
      await page.waitForTimeout(150);
      const found = await page.evaluate(inspect);
      const where = `/${pagePath}`;
      if (dialogs.length) problems.push(`${where}: dialog opened: ${dialogs.join('; ')}`);
      if (found.pwned !== undefined) problems.push(`${where}: payload ran: window.__pwned = ${String(found.pwned)}`);
      // The payloads set document.title to exactly 'PWNED' (the literal payload text in a title is fine).
      if (found.title === 'PWNED') problems.push(`${where}: payload ran: document.title = ${found.title}`);
      for (const list of [found.eventAttributes, found.dangerousUrls, found.embeds, found.suspiciousScripts]) {
        for (const item of list) problems.push(`${where}: ${item}`);
      }
      if (found.injectedStyle) problems.push(`${where}: injected style applied`);
      if (found.bodyHidden) problems.push(`${where}: body hidden by injected style`);
      if (new URL(page.url()).pathname !== `/${pagePath}`) problems.push(`${where}: navigated away to ${page.url()}`);
      await context.close();
    }
    expect(problems).toEqual([]);
  });

  it('every page carries a Content-Security-Policy that blocks inline scripts, and the browser enforces it', async () => {
    const page = await served.browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
    await page.goto(`${served.server.url}bai-viet/the-script/`);
    const policy = await page.evaluate(() => document.head.querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute('content') ?? '');
    expect(policy).toMatch(/script-src 'self'/);
    expect(policy).not.toMatch(/unsafe-inline|'unsafe-eval'/);
    expect(policy).toMatch(/object-src 'none'/);
    // Even if a sanitiser bug let an inline handler or script through, the browser would refuse it.
    const ran = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__cspProbe = 1';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 50));
      return (window as unknown as { __cspProbe?: number }).__cspProbe ?? null;
    });
    expect(ran).toBeNull();
    expect(violations.length).toBeGreaterThan(0);
    for (const pagePath of builtPages()) {
      const html = readFileSync(path.join(outDir, pagePath.endsWith('.html') ? pagePath : pagePath + 'index.html'), 'utf8');
      expect(html, pagePath).toContain('http-equiv="content-security-policy"');
    }
    await page.close();
  });

  it('frontmatter payloads show as plain text in the heading, the byline and the JSON-LD', async () => {
    for (const article of articles) {
      const page = await served.browser.newPage();
      await page.goto(`${served.server.url}bai-viet/${article.id}/`);
      const found = await page.evaluate(inspect);
      expect(found.h1?.trim(), article.id).toBe(article.title);
      const body = await page.evaluate(() => document.body.innerText);
      for (const value of [article.author, article.source]) {
        if (value) expect(body, `${article.id}: ${value}`).toContain(value);
      }
      expect(JSON.stringify(found.jsonLd), article.id).toContain(JSON.stringify(article.title).slice(1, -1));
      await page.close();
    }
  });

  it('the article body keeps its ordinary text around removed payloads', async () => {
    const page = await served.browser.newPage();
    await page.goto(`${served.server.url}bai-viet/the-script/`);
    const prose = await page.evaluate(() => document.querySelector('.prose, article')?.textContent ?? '');
    expect(prose).toContain('Chiều 12/3, Đảng ủy phường Minh Khai tổ chức hội nghị sơ kết công tác quý I.');
    expect(prose).toContain('Bí thư Đảng ủy phường phát biểu chỉ đạo hội nghị.');
    expect(prose).toContain('chữ đậm');
    const scripts = await page.evaluate(() => Array.from(document.scripts).map((s) => s.type || 'classic'));
    expect(scripts.filter((t) => t !== 'application/ld+json' && t !== 'module')).toEqual([]);
    await page.close();
  });
});
