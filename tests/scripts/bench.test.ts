/**
 * The build benchmark's machinery: measuring a real child process, reading
 * stage lines, the corpus excerpt, dist statistics, the judging and the table;
 * and one full `npm run bench` on 20 corpus articles (both builds, Chromium).
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseGnuTime, parseStageLines, runMeasured, hasGnuTime } from '../../scripts/bench/measure.ts';
import { corpusPath, writeFirstRecords } from '../../scripts/bench/corpus.ts';
import { distStats } from '../../scripts/bench/dist.ts';
import { snapshotTree } from '../../scripts/bench/snapshot.ts';
import { formatReport, judge, type BenchResult, type SiteResult } from '../../scripts/bench/report.ts';
import { errorHeadline, splitOurStages } from '../../scripts/bench/stages.ts';

const corpus = corpusPath(undefined);

function site(over: Partial<SiteResult>): SiteResult {
  const f = (ms: number) => ({ ms, peakRssBytes: 100 * 1024 ** 2 });
  return {
    ok: true,
    commands: [],
    wallMs: 10_000,
    peakRssBytes: 1024 ** 3,
    stages: { extract: f(1000), render: f(5000), search: f(3000), linkcheck: f(500), other: f(500) },
    pages: 1000,
    distBytes: 50 * 1024 ** 2,
    searchIndexBytes: 10 * 1024 ** 2,
    firstSearch: { api: null, page: null },
    firstSearchErrors: [],
    extra: {},
    ...over,
  };
}

describe('measuring', () => {
  it('parses GNU time lines and stage lines, naming the bad line', () => {
    expect(parseGnuTime('BENCH-TIME 12.34 204800')).toEqual({ seconds: 12.34, maxRssBytes: 204800 * 1024 });
    expect(parseGnuTime('Command exited with non-zero status 1')).toBeNull();
    expect(parseStageLines('{"stage":"extract","ms":12,"articles":3}\n\n{"stage":"render","ms":40}\n')).toEqual([
      { stage: 'extract', ms: 12, articles: 3 },
      { stage: 'render', ms: 40 },
    ]);
    expect(() => parseStageLines('{"stage":"a","ms":1}\n{"stage":"b"}\n', 'stats.jsonl')).toThrow(/stats\.jsonl:2: expected/);
    expect(() => parseStageLines('oops', 'stats.jsonl')).toThrow(/stats\.jsonl:1: not JSON/);
  });

  it('measures wall time, the peak memory of the child tree, and stage lines as they arrive', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-measure-'));
    const statsFile = path.join(dir, 'stats.jsonl');
    // The child holds ~200 MB in a grandchild while it writes two stage lines.
    const script = `
      const { appendFileSync } = require('node:fs');
      const { spawnSync } = require('node:child_process');
      appendFileSync(${JSON.stringify(statsFile)}, JSON.stringify({ stage: 'first', ms: 5 }) + '\\n');
      spawnSync(process.execPath, ['-e', 'const b = Buffer.alloc(200 * 1024 * 1024, 1); setTimeout(() => console.log(b[7]), 800);'], { stdio: 'inherit' });
      appendFileSync(${JSON.stringify(statsFile)}, JSON.stringify({ stage: 'second', ms: 900 }) + '\\n');
      console.log('done');`;
    const m = await runMeasured(process.execPath, ['-e', script], { statsFile, sampleMs: 50 });
    expect(m.exitCode).toBe(0);
    expect(m.wallMs).toBeGreaterThanOrEqual(800);
    expect(m.peakTreeRssBytes).toBeGreaterThan(200 * 1024 ** 2);
    expect(m.stages.map((s) => s.stage)).toEqual(['first', 'second']);
    expect(m.stages[1].peakTreeRssBytes).toBeGreaterThan(200 * 1024 ** 2);
    expect(m.lines.map((l) => l.text)).toEqual(['1', 'done']);
    if (hasGnuTime()) expect(m.maxProcessRssBytes).toBeGreaterThan(200 * 1024 ** 2);
  });

  it('reports a failing child by its exit code, not by throwing', async () => {
    const m = await runMeasured(process.execPath, ['-e', 'console.error("broken input"); process.exit(3)']);
    expect(m.exitCode).toBe(3);
    expect(m.lines.map((l) => l.text)).toContain('broken input');
  });

  it('finds the line that says why a build failed', () => {
    expect(errorHeadline(['[build] Building', 'Entity x has a bad slug: rename it.', '  Location:', '    /a/b.js:3', 'Command exited with non-zero status 1'])).toBe('Entity x has a bad slug: rename it.');
    expect(errorHeadline(['ok', '[ERROR] [vite] Build failed', 'more'])).toBe('[ERROR] [vite] Build failed');
    expect(errorHeadline(['starting', 'Killed', 'Command exited with non-zero status 137'])).toBe('Killed');
  });

  it('splits our build into stages: rendering without extraction, the rest as other', () => {
    const stage = (name: string, ms: number, endedAtMs: number) => ({ stage: name, ms, endedAtMs, peakTreeRssBytes: 1 });
    const m = {
      command: 'x', exitCode: 0, wallMs: 10_000, peakTreeRssBytes: 1, maxProcessRssBytes: null, lines: [],
      samples: [{ atMs: 1000, bytes: 5 }, { atMs: 4000, bytes: 9 }, { atMs: 7000, bytes: 7 }],
      stages: [stage('extract', 2000, 4000), stage('render', 6000, 7000), stage('linkcheck', 500, 7600), stage('search', 2000, 9700)],
    };
    const s = splitOurStages(m);
    expect(s.extract.ms).toBe(2000);
    expect(s.render).toEqual({ ms: 4000, peakRssBytes: 9 });
    expect(s.other.ms).toBe(10_000 - 6000 - 500 - 2000);
    expect(s.other.peakRssBytes).toBe(5);
    // The link check and the search index run side by side: their overlap counts once.
    const overlapping = { ...m, stages: [stage('extract', 2000, 4000), stage('render', 6000, 7000), stage('linkcheck', 1500, 8500), stage('search', 2000, 9000)] };
    expect(splitOurStages(overlapping).other.ms).toBe(10_000 - 6000 - 2000);
  });
});

describe('corpus excerpt and dist statistics', () => {
  it('copies exactly the first N records of the gzip corpus, streaming', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-corpus-'));
    const out = path.join(dir, 'first.jsonl');
    const excerpt = await writeFirstRecords(corpus, 20, out);
    expect(excerpt.records).toBe(20);
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(20);
    const ids = lines.map((l) => (JSON.parse(l) as { id: string }).id);
    expect(new Set(ids).size).toBe(20);
    // skip: record 21 alone, the one the incremental rebuild adds.
    const next = path.join(dir, 'next.jsonl');
    expect((await writeFirstRecords(corpus, 1, next, 20)).records).toBe(1);
    const nextId = (JSON.parse(await readFile(next, 'utf8')) as { id: string }).id;
    expect(ids).not.toContain(nextId);
    await writeFirstRecords(corpus, 21, out);
    expect((await readFile(out, 'utf8')).trimEnd().split('\n')[20]).toContain(JSON.stringify(nextId));
    await expect(writeFirstRecords(path.join(dir, 'missing.jsonl.gz'), 5, out)).rejects.toThrow(/corpus not found: .*missing\.jsonl\.gz/);
  });

  it('counts HTML pages, bytes and the Pagefind folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-dist-'));
    await mkdir(path.join(dir, 'a'), { recursive: true });
    await mkdir(path.join(dir, 'pagefind', 'index'), { recursive: true });
    await writeFile(path.join(dir, 'index.html'), '<p>12345</p>'); // 12 bytes
    await writeFile(path.join(dir, 'a', 'index.html'), 'abc');
    await writeFile(path.join(dir, 'kb.json'), '{}');
    await writeFile(path.join(dir, 'pagefind', 'pagefind.js'), 'x'.repeat(100));
    await writeFile(path.join(dir, 'pagefind', 'index', 'vi_1.pf_index'), 'y'.repeat(50));
    expect(await distStats(dir)).toEqual({ pages: 2, files: 5, bytes: 12 + 3 + 2 + 100 + 50, searchIndexBytes: 150, searchIndexFiles: 2 });
  });
});

describe('frozen copy of the project', () => {
  it('copies tracked and untracked files, not ignored ones, and links node_modules', async () => {
    const dest = path.join(await mkdtemp(path.join(tmpdir(), 'bench-tree-')), 'tree');
    const copied = await snapshotTree(process.cwd(), dest);
    expect(copied).toBeGreaterThan(20);
    expect(await readFile(path.join(dest, 'scripts/bench.ts'), 'utf8')).toBe(await readFile('scripts/bench.ts', 'utf8'));
    expect(existsSync(path.join(dest, 'astro.config.mjs'))).toBe(true);
    expect(lstatSync(path.join(dest, 'node_modules')).isSymbolicLink()).toBe(true);
    expect(existsSync(path.join(dest, 'bench'))).toBe(false);
    expect(existsSync(path.join(dest, '.cache'))).toBe(false);
  });
});

describe('judging and the table', () => {
  it('computes the ratios and marks each target PASS or MISS', () => {
    const ours = site({ wallMs: 25_000, pages: 3000, peakRssBytes: 1.2 * 1024 ** 3, firstSearch: { page: null, api: { method: 'api', url: '/', query: 'q', bytes: 310 * 1024, gzipBytes: 250 * 1024, pagefindBytes: 0, requests: 9, results: 3, files: [] } } });
    const plain = site({ wallMs: 10_000, pages: 1001, peakRssBytes: 1024 ** 3 });
    const { ratios, targets } = judge(ours, plain, { ok: true, wallMs: 4000, peakRssBytes: 1, extra: {} });
    expect(ratios.time).toBeCloseTo(2.5);
    expect(ratios.incremental).toBeCloseTo(0.16);
    expect(ratios.perPage).toBeCloseTo(25_000 / 3000 / (10_000 / 1001));
    expect(ratios.memory).toBeCloseTo(1.2);
    expect(targets.map((t) => t.pass)).toEqual([false, true, true, true, false]);
    expect(judge(site({ ok: false }), plain).targets[0].pass).toBeNull();
  });

  it('prints every stage, both builds, the outputs and the verdicts', () => {
    const ours = site({});
    const plain = site({ wallMs: 8000 });
    const result: BenchResult = {
      articlesRequested: 1000, recordsExcerpted: 1000, articlesImported: 998, corpus: 'c.jsonl.gz', startedAt: 'now',
      machine: { cpus: 2, memoryBytes: 24 * 1024 ** 3, node: 'v24', gnuTime: true }, commit: 'abc',
      import: { ok: true, command: 'import', wallMs: 1500, peakRssBytes: 80 * 1024 ** 2, skipped: 2, errors: 0 },
      ours, plain, incremental: null, ...judge(ours, plain),
    };
    const text = formatReport(result);
    for (const label of ['import', 'extraction and graph', 'page rendering', 'search indexing', 'link check', 'total build',
      'incremental rebuild', 'pages written', 'dist/ size', 'search index', 'first search download', 'build time ours/plain', 'peak memory ours/plain']) {
      expect(text).toContain(label);
    }
    expect(text).toMatch(/build time ours\/plain\s*\|\s*1\.25×\s*\|\s*≤ 2×\s*\|\s*PASS/);
    expect(text).toContain('998 articles');
    expect(text).toContain('10.0 s');
  });
});

describe('npm run bench (20 articles, both builds)', () => {
  it('imports, builds ours and plain, and prints every stage with numbers', { timeout: 240_000 }, async () => {
    const dir = path.resolve('.cache/bench-test');
    const run = spawnSync(process.execPath, ['scripts/bench.ts', '--articles', '20', '--dir', dir], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
    const out = `${run.stdout}\n${run.stderr}`;
    expect(existsSync(path.join(dir, 'result.json')), out).toBe(true);
    const result = JSON.parse(await readFile(path.join(dir, 'result.json'), 'utf8')) as BenchResult;
    expect(result.recordsExcerpted).toBe(20);
    expect(result.import.ok, out).toBe(true);
    expect(result.articlesImported).toBeGreaterThan(0);
    // The plain baseline is ours to keep working: it must build and search.
    expect(result.plain?.ok, result.plain?.error).toBe(true);
    expect(result.plain?.pages).toBe(result.articlesImported + 2); // articles, home, search page
    // Stock Pagefind UI on the plain search page, and Pagefind's API on both sites.
    expect(result.plain?.firstSearch.page?.bytes).toBeGreaterThan(result.plain?.firstSearch.api?.bytes ?? Infinity);
    expect(result.plain?.firstSearch.api?.results).toBeGreaterThan(0);
    const api = result.plain?.firstSearch.api;
    // pagefind.js compresses; Pagefind's index files are gzip already.
    expect(api?.gzipBytes).toBeLessThan(api?.bytes ?? 0);
    const chunk = api?.files.find((f) => f.path.endsWith('.pf_index'));
    expect(chunk?.gzipBytes).toBe(chunk?.bytes);
    expect(result.plain?.stages.search.ms).toBeGreaterThan(0);
    for (const label of ['import', 'extraction and graph', 'page rendering', 'search indexing', 'link check', 'total build', 'first search download: search page', 'first search download: Pagefind API']) {
      expect(out).toContain(label);
    }
    expect(out).toMatch(/total build\s*\|\s*(\d+\.\d+ s|FAILED)\s*\|/);
    // Our own build: the numbers are there when it builds; a failure is reported, with its cause.
    if (result.ours.ok) {
      expect(result.ours.stages.extract.ms).toBeGreaterThanOrEqual(0);
      expect(result.ours.stages.render.ms).toBeGreaterThan(0);
      expect(result.ours.pages).toBeGreaterThan(result.articlesImported);
      expect(result.ours.firstSearch.api?.pagefindBytes).toBeGreaterThan(0);
      expect(out).toMatch(/build time ours\/plain\s*\|\s*\d+\.\d+×/);
      // Record 21 was added and rebuilt with the warm cache, then taken out again.
      expect(result.incremental?.ok, result.incremental?.error).toBe(true);
      expect(result.incremental?.wallMs).toBeGreaterThan(0);
      expect(readdirSync(path.join(dir, 'content', 'articles'))).toHaveLength(result.articlesImported);
      expect(run.status, out).toBe(0);
    } else {
      expect(run.status).toBe(1);
      expect(out).toContain('ours build failed: astro build exited with code');
    }
  });
});
