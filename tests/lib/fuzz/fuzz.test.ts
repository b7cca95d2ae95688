/**
 * Fuzz (issue 8 item 4): ~2,000 deterministically mutated articles (seeds from
 * content/articles and the hand-written fixtures) go through loading (from a
 * temp dir, the real loader), parse, articleText, extraction and rendering.
 * Every file must end as an article or with an error diagnostic (nothing
 * dropped without a message); every stage must finish in bounded time without
 * an exception; the HTML must stay free of scripts, handlers and embeds.
 *
 * Reproduce one case: FUZZ_SEED and FUZZ_CASES select the run; a failing input
 * is written to .cache/fuzz/ with the mutations applied to it.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, mkdir, writeFile, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mulberry32, mutate, type Random } from './mutate.ts';
import { loadArticles } from '../../../src/lib/content/load.ts';
import type { ArticleFile } from '../../../src/lib/model/article.ts';
import { parseMarkdown } from '../../../src/lib/markdown/parse.ts';
import { articleText, type ArticleText } from '../../../src/lib/markdown/text.ts';
import { extractMentions } from '../../../src/lib/extract/index.ts';
import { renderArticleHtml } from '../../../src/lib/render/html.ts';
import type { ResolvedMention } from '../../../src/lib/model/mention.ts';
import { slugify } from '../../../src/lib/text/slug.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20260123);
const CASES = Number(process.env.FUZZ_CASES ?? 2000);
/**
 * Per article, parse + text + extraction + render. A 200,000-character line takes
 * 1–3 s here alone and up to ~7 s while other test files run in parallel; the
 * quadratic cases this guards against take minutes at that size.
 */
const PER_CASE_MS = 15_000;

const SEED_DIRS = ['content/articles', 'tests/fixtures/hostile/articles', 'tests/fixtures/bad-content/articles'];

async function seedFiles(): Promise<{ name: string; bytes: Uint8Array }[]> {
  const seeds: { name: string; bytes: Uint8Array }[] = [];
  for (const dir of SEED_DIRS) {
    const names = (await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.md')).sort();
    for (const name of names) seeds.push({ name: `${dir}/${name}`, bytes: await readFile(path.join(dir, name)) });
  }
  return seeds;
}

/** Random spans over the text (some crossing nodes, some overlapping) plus whatever the extractors found. */
function linksFor(article: ArticleFile, text: ArticleText, rand: Random): ResolvedMention[] {
  const links: ResolvedMention[] = extractMentions(article, text).map((m) => ({
    start: m.start,
    end: m.end,
    entity: `${m.type}/${slugify(m.key) || 'x'}`,
  }));
  for (let k = 0; k < 20 && text.text.length > 0; k++) {
    const start = Math.floor(rand() * text.text.length);
    const end = Math.min(text.text.length, start + 1 + Math.floor(rand() * 30));
    links.push({ start, end, entity: `${['person', 'unit', 'place', 'document'][k % 4]}/fuzz-${k}` });
  }
  return links.sort((a, b) => a.start - b.start);
}

interface Case {
  file: string;
  seed: string;
  applied: string[];
}

describe('fuzz: mutated articles through load, parse, extract and render', () => {
  let dir: string;
  const cases: Case[] = [];
  const failures: string[] = [];

  beforeAll(async () => {
    const seeds = await seedFiles();
    expect(seeds.filter((s) => s.name.startsWith('content/')).length, 'seed articles in content/articles').toBeGreaterThan(0);
    dir = await mkdtemp(path.join(tmpdir(), 'kho-tin-fuzz-'));
    await mkdir(path.join(dir, 'articles'));
    const rand = mulberry32(SEED);
    for (let i = 0; i < CASES; i++) {
      const seed = seeds[Math.floor(rand() * seeds.length)]!;
      const { bytes, applied } = mutate(seed.bytes, rand);
      const file = `f${String(i).padStart(4, '0')}.md`;
      await writeFile(path.join(dir, 'articles', file), bytes);
      cases.push({ file, seed: seed.name, applied });
    }
  });

  afterAll(async () => {
    if (failures.length > 0) {
      await mkdir('.cache/fuzz', { recursive: true });
      for (const c of cases.filter((x) => failures.some((f) => f.startsWith(x.file)))) {
        await writeFile(path.join('.cache/fuzz', c.file), await readFile(path.join(dir, 'articles', c.file)));
      }
    }
    await rm(dir, { recursive: true, force: true });
  });

  it(`${CASES} cases: each ends as an article or an error, within bounds, with safe HTML`, { timeout: 180_000 }, async () => {
    const started = performance.now();
    const { articles, diagnostics } = await loadArticles(dir);
    const loadMs = performance.now() - started;

    // Nothing dropped without a message.
    const loadedFiles = new Set(articles.map((a) => path.basename(a.file)));
    const erroredFiles = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => path.basename(d.file)));
    for (const c of cases) {
      if (!loadedFiles.has(c.file) && !erroredFiles.has(c.file)) failures.push(`${c.file}: neither loaded nor reported (${c.seed}; ${c.applied.join(', ')})`);
    }
    for (const d of diagnostics) {
      expect(d.message.length, `diagnostic message for ${d.file}`).toBeGreaterThan(10);
      expect(d.file).toMatch(/f\d{4}\.md$|articles$/);
    }

    const rand = mulberry32(SEED ^ 0x9e3779b9);
    let slowest = { ms: 0, file: '' };
    const byFile = new Map(cases.map((c) => [c.file, c]));
    for (const article of articles) {
      const c = byFile.get(path.basename(article.file))!;
      const t0 = performance.now();
      const stages: string[] = [];
      const lap = (name: string, since: number): number => {
        const now = performance.now();
        stages.push(`${name} ${(now - since).toFixed(0)} ms`);
        return now;
      };
      try {
        const root = parseMarkdown(article.body);
        let t = lap('parse', t0);
        const text = articleText(root);
        t = lap('text', t);
        const links = linksFor(article, text, rand);
        t = lap('extract', t);
        const html = renderArticleHtml(root, text, links, (id) => `/e/${id}/`);
        lap('render', t);
        const stripped = html.replace(/"[^"]*"/g, '""');
        if (/<(script|iframe|object|embed|style)\b/i.test(html) || /<[^>]*\son[a-z]+\s*=/i.test(stripped)) {
          failures.push(`${c.file}: unsafe HTML (${c.seed}; ${c.applied.join(', ')})`);
        }
      } catch (error) {
        failures.push(`${c.file}: ${(error as Error).stack?.split('\n').slice(0, 3).join(' ')} (${c.seed}; ${c.applied.join(', ')})`);
      }
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { ms, file: c.file };
      if (ms > PER_CASE_MS) failures.push(`${c.file}: took ${ms.toFixed(0)} ms [${stages.join(', ')}] (${c.seed}; ${c.applied.join(', ')})`);
    }
    const totalMs = performance.now() - started;
    console.log(
      `fuzz: ${CASES} cases (seed ${SEED}), ${articles.length} loaded, ${erroredFiles.size} with errors; ` +
        `load ${loadMs.toFixed(0)} ms, total ${totalMs.toFixed(0)} ms, slowest article ${slowest.ms.toFixed(0)} ms (${slowest.file})`,
    );
    expect(failures).toEqual([]);
    // Both outcomes occur: the mutations do break files, and many still load.
    expect(articles.length).toBeGreaterThan(CASES / 10);
    expect(erroredFiles.size).toBeGreaterThan(CASES / 10);
  });
});
