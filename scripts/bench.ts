/**
 * `npm run bench -- --articles N`: the build benchmark of issue 7.
 *
 *  1. copies the first N corpus records into bench/<N>/corpus.jsonl and imports
 *     them with the project's importer into bench/<N>/content/articles;
 *  2. builds the project site from them (bench/<N>/dist), reading per-stage
 *     timings from $KHO_TIN_STATS;
 *  3. builds the same articles as a plain Astro 7 site with stock Pagefind
 *     (bench/<N>/plain/);
 *  4. adds record N+1 (at the whole corpus: the first seed article of
 *     content/articles) and rebuilds the project site with the cache of step 2
 *     (the incremental build), then removes that article again;
 *  5. prints the table, the ratios and the targets, and writes bench/<N>/result.json.
 *
 * Options: --articles N (required), --corpus FILE (or $CORPUS_PATH),
 * --dir DIR (default bench/<N>), --query TEXT (first-search query),
 * --search-method page|api, --skip-plain, --skip-ours, --no-incremental,
 * --in-place (build the working tree itself rather than a frozen copy of it
 * in bench/<N>/tree), --verbose (echo the builds' output).
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { corpusPath, writeFirstRecords } from './bench/corpus.ts';
import { hasGnuTime, runMeasured, tail, type Measurement } from './bench/measure.ts';
import { distStats } from './bench/dist.ts';
import { findSearchPage, measureFirstSearch } from './bench/first-search.ts';
import { writePlainSite } from './bench/plain-site.ts';
import { snapshotTree } from './bench/snapshot.ts';
import { formatReport, judge, type BenchResult, type IncrementalResult, type SiteResult, type StageFigure } from './bench/report.ts';
import { errorHeadline, plainContentSync, splitOurStages } from './bench/stages.ts';

const USAGE = 'usage: npm run bench -- --articles N [--corpus FILE] [--dir DIR] [--query TEXT] [--search-method page|api] [--skip-plain] [--skip-ours] [--no-incremental] [--in-place] [--verbose]';

const { values } = parseArgs({
  options: {
    articles: { type: 'string' },
    corpus: { type: 'string' },
    dir: { type: 'string' },
    query: { type: 'string', default: 'quốc hội' },
    'search-method': { type: 'string' },
    'skip-plain': { type: 'boolean', default: false },
    'skip-ours': { type: 'boolean', default: false },
    'no-incremental': { type: 'boolean', default: false },
    'in-place': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const articles = Number(values.articles);
if (!values.articles || !Number.isInteger(articles) || articles < 1) {
  console.error(`--articles must be a positive whole number (got ${values.articles ?? 'nothing'})\n${USAGE}`);
  process.exit(2);
}
const searchMethodFlag = values['search-method'];
if (searchMethodFlag !== undefined && searchMethodFlag !== 'page' && searchMethodFlag !== 'api') {
  console.error(`--search-method must be "page" or "api" (got ${searchMethodFlag})`);
  process.exit(2);
}
const searchMethod: 'page' | 'api' | undefined = searchMethodFlag;

const repo = process.cwd();
const node = process.execPath;
const pagefindBin = path.join(repo, 'node_modules/pagefind/lib/runner/bin.cjs');
const workDir = path.resolve(values.dir ?? path.join('bench', String(articles)));
// The project as built: a frozen copy of the working tree (default), or the tree itself with --in-place.
const project = values['in-place'] ? repo : path.join(workDir, 'tree');
const inProject = (command: string) => (project === repo ? command : `(cd ${path.relative(repo, project)} && ${command})`);
const contentDir = path.join(workDir, 'content');
const articlesDir = path.join(contentDir, 'articles');
const corpus = corpusPath(values.corpus);
const echo = values.verbose ? '    │ ' : undefined;
const buildEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', SITE_URL: 'https://example.org', BASE_PATH: '' };

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

function emptySite(commands: string[], error?: string): SiteResult {
  const none: StageFigure = { ms: null, peakRssBytes: null };
  return {
    ok: false,
    error,
    commands,
    wallMs: null,
    peakRssBytes: null,
    stages: { extract: { ...none }, render: { ...none }, search: { ...none }, linkcheck: { ...none }, other: { ...none } },
    pages: null,
    distBytes: null,
    searchIndexBytes: null,
    firstSearch: { api: null, page: null },
    firstSearchErrors: [],
    extra: {},
  };
}

async function addOutput(site: SiteResult, distDir: string, searchPagePaths: string[]): Promise<void> {
  const stats = await distStats(distDir);
  site.pages = stats.pages;
  site.distBytes = stats.bytes;
  site.searchIndexBytes = stats.searchIndexBytes;
  const methods: ('api' | 'page')[] = searchMethod ? [searchMethod] : ['api', 'page'];
  for (const method of methods) {
    if (method === 'page' && !findSearchPage(distDir, searchPagePaths)) {
      if (searchMethod === 'page') site.firstSearchErrors.push(`no search page (looked for ${searchPagePaths.join(', ')})`);
      continue;
    }
    try {
      site.firstSearch[method] = await measureFirstSearch(distDir, { query: values.query ?? 'quốc hội', searchPagePaths, method });
    } catch (err) {
      site.firstSearchErrors.push(`${method}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** "what exited with code N: <the error line>" and the output's tail. */
function failure(m: Measurement, what: string): string {
  return `${what} exited with code ${m.exitCode}: ${errorHeadline(m.lines.map((l) => l.text))}\n${tail(m)}`;
}

/** 1. Corpus excerpt and import with the project's importer. */
async function importArticles(): Promise<{ result: BenchResult['import']; records: number; imported: number }> {
  await mkdir(workDir, { recursive: true });
  const excerptFile = path.join(workDir, 'corpus.jsonl');
  log(`copying the first ${articles} records of ${corpus}`);
  const excerpt = await writeFirstRecords(corpus, articles, excerptFile);
  if (excerpt.records < articles) log(`the corpus has only ${excerpt.records} records`);
  await rm(contentDir, { recursive: true, force: true });
  await mkdir(contentDir, { recursive: true });
  const importer = path.join(project, 'scripts/import.ts');
  const args = [importer, excerptFile, '--out', articlesDir, '--quiet'];
  log(`import: ${inProject(`node scripts/import.ts ${excerptFile} --out ${articlesDir} --quiet`)}`);
  const m = await runMeasured(node, args, { cwd: project, env: buildEnv, echoPrefix: echo });
  const imported = existsSync(articlesDir) ? (await readdir(articlesDir, { recursive: true })).filter((f) => String(f).endsWith('.md')).length : 0;
  const skipped = m.lines.filter((l) => l.text.startsWith('skipped')).length;
  const errors = m.lines.filter((l) => l.text.startsWith('error')).length;
  if (skipped > 0 || errors > 0) log(`import: ${skipped} record(s) skipped, ${errors} error(s) (see the importer's output with --verbose)`);
  // Records the importer rejects are reported by it; the build goes on with the rest.
  const ok = imported > 0;
  return {
    result: {
      ok,
      error: m.exitCode === 0 ? undefined : failure(m, 'import'),
      command: m.command,
      wallMs: m.wallMs,
      peakRssBytes: m.peakTreeRssBytes,
      skipped,
      errors,
    },
    records: excerpt.records,
    imported,
  };
}

/** One build of the project site into bench/<N>/dist, with the extraction cache in bench/<N>/build-cache. */
async function runOurBuild(clean: boolean): Promise<{ m: Measurement; command: string; distDir: string }> {
  const distDir = path.join(workDir, 'dist');
  const statsFile = path.join(workDir, clean ? 'stats.jsonl' : 'stats-incremental.jsonl');
  const cacheDir = path.join(workDir, 'build-cache');
  // A clean build starts from an empty extraction cache (the incremental-build cache).
  if (clean) {
    await rm(cacheDir, { recursive: true, force: true });
    await rm(distDir, { recursive: true, force: true });
  }
  await rm(statsFile, { force: true });
  const args = [path.join(project, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', distDir];
  const command = inProject(`CONTENT_DIR=${contentDir} KHO_TIN_CACHE_DIR=${cacheDir} KHO_TIN_STATS=${statsFile} node node_modules/astro/bin/astro.mjs build --outDir ${distDir}`);
  log(`ours${clean ? '' : ' (incremental)'}: ${command}`);
  const m = await runMeasured(node, args, {
    cwd: project,
    env: { ...buildEnv, CONTENT_DIR: contentDir, KHO_TIN_STATS: statsFile, KHO_TIN_CACHE_DIR: cacheDir },
    statsFile,
    echoPrefix: echo,
  });
  return { m, command, distDir };
}

/** Extra numbers the build reports on its stage lines ("extract.entities", "search.pages", …). */
function stageExtras(m: Measurement): Record<string, number | string> {
  const extra: Record<string, number | string> = {};
  for (const s of m.stages) {
    // Stages the table has no row for (a build may report finer ones) keep their time here.
    if (!['extract', 'render', 'linkcheck', 'search'].includes(s.stage)) extra[`${s.stage}.ms`] = s.ms;
    for (const [k, v] of Object.entries(s)) {
      if (!['stage', 'ms', 'maxRssBytes', 'endedAtMs', 'peakTreeRssBytes'].includes(k) && v !== undefined) extra[`${s.stage}.${k}`] = v;
    }
  }
  return extra;
}

/** 2. The project's own build, clean. */
async function buildOurs(): Promise<SiteResult> {
  const { m, command, distDir } = await runOurBuild(true);
  const site = emptySite([command]);
  site.wallMs = m.wallMs;
  site.peakRssBytes = m.peakTreeRssBytes;
  site.stages = splitOurStages(m);
  site.extra = stageExtras(m);
  if (m.maxProcessRssBytes !== null) site.extra.maxSingleProcessRssBytes = m.maxProcessRssBytes;
  if (m.exitCode !== 0) {
    site.error = failure(m, 'astro build');
    return site;
  }
  site.ok = true;
  await addOutput(site, distDir, ['tim-kiem/']);
  return site;
}

/**
 * 4. Add one article and rebuild with the cache the clean build left: corpus
 * record N+1 through the importer, or, when the corpus has no record after N
 * (N is the whole corpus), the first of the project's own articles
 * (content/articles, the seeds) as an editor would commit it. Then take the
 * article out again.
 */
async function incrementalRebuild(): Promise<IncrementalResult> {
  const nextFile = path.join(workDir, 'next-record.jsonl');
  const next = await writeFirstRecords(corpus, 1, nextFile, articles);
  const before = new Set(await readdir(articlesDir));
  if (next.records === 0) {
    const seeds = (await readdir(path.join(repo, 'content/articles'))).filter((f) => f.endsWith('.md')).sort();
    const seed = seeds.find((f) => !before.has(f));
    if (!seed) return { ok: false, error: `the corpus has no record after the first ${articles}, and content/articles has no article to add`, wallMs: null, peakRssBytes: null, extra: {} };
    await copyFile(path.join(repo, 'content/articles', seed), path.join(articlesDir, seed));
    log(`incremental: the corpus has no record after ${articles}; adding content/articles/${seed}`);
  } else {
    const imported = await runMeasured(node, [path.join(project, 'scripts/import.ts'), nextFile, '--out', articlesDir, '--quiet'], { cwd: project, env: buildEnv });
    if (imported.exitCode !== 0) {
      return { ok: false, error: `importing record ${articles + 1} failed: ${tail(imported, 5)}`, wallMs: null, peakRssBytes: null, extra: {} };
    }
  }
  const added = (await readdir(articlesDir)).filter((f) => !before.has(f));
  if (added.length !== 1) {
    await Promise.all(added.map((f) => rm(path.join(articlesDir, f), { force: true })));
    return { ok: false, error: `adding one article added ${added.length} file(s)`, wallMs: null, peakRssBytes: null, extra: {} };
  }
  try {
    const { m, command } = await runOurBuild(false);
    const result: IncrementalResult = { ok: m.exitCode === 0, added: added[0], command, wallMs: m.wallMs, peakRssBytes: m.peakTreeRssBytes, extra: stageExtras(m) };
    if (m.exitCode !== 0) result.error = failure(m, 'incremental astro build');
    return result;
  } finally {
    await rm(path.join(articlesDir, added[0]!), { force: true });
  }
}

/** 3. The plain Astro site and stock Pagefind. */
async function buildPlain(): Promise<SiteResult> {
  const root = path.join(workDir, 'plain');
  const distDir = path.join(root, 'dist');
  await writePlainSite(root, articlesDir, path.join(repo, 'node_modules'));
  const astroCommand = `(cd ${path.relative(repo, root)} && node node_modules/astro/bin/astro.mjs build)`;
  const pagefindCommand = `node node_modules/pagefind/lib/runner/bin.cjs --site ${path.relative(repo, distDir)}`;
  const site = emptySite([astroCommand, pagefindCommand]);
  log(`plain: ${astroCommand}`);
  const astro = await runMeasured(node, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: root, env: buildEnv, echoPrefix: echo });
  if (astro.exitCode !== 0) {
    site.error = failure(astro, 'plain astro build');
    site.wallMs = astro.wallMs;
    return site;
  }
  log(`plain: ${pagefindCommand}`);
  const pagefind = await runMeasured(node, [pagefindBin, '--site', distDir], { cwd: repo, env: buildEnv, echoPrefix: echo });
  site.wallMs = astro.wallMs + pagefind.wallMs;
  site.peakRssBytes = Math.max(astro.peakTreeRssBytes, pagefind.peakTreeRssBytes);
  const syncMs = plainContentSync(astro);
  site.stages = {
    extract: { ms: syncMs, peakRssBytes: null, note: 'Astro content sync (glob loader: read, frontmatter, Markdown rendering), from log timestamps' },
    render: { ms: syncMs === null ? astro.wallMs : astro.wallMs - syncMs, peakRssBytes: astro.peakTreeRssBytes, note: 'rest of astro build: startup, bundling, pages' },
    search: { ms: pagefind.wallMs, peakRssBytes: pagefind.peakTreeRssBytes },
    linkcheck: { ms: null, peakRssBytes: null },
    other: { ms: null, peakRssBytes: null },
  };
  if (pagefind.exitCode !== 0) {
    site.error = failure(pagefind, 'pagefind');
    return site;
  }
  site.ok = true;
  await addOutput(site, distDir, ['search/']);
  return site;
}

const startedAt = new Date().toISOString();
const commit = gitCommit();
if (project !== repo) {
  const files = await snapshotTree(repo, project);
  log(`building a frozen copy of the working tree (${files} files) in ${path.relative(repo, project)}`);
}
const imported = await importArticles();
let ours: SiteResult = { ...emptySite([]), skipped: true };
let plain: SiteResult | null = null;
let incremental: IncrementalResult | null = null;
if (imported.result.ok) {
  if (!values['skip-ours']) ours = await buildOurs();
  if (!values['skip-plain']) plain = await buildPlain();
  if (!values['skip-ours'] && !values['no-incremental'] && ours.ok) incremental = await incrementalRebuild();
} else {
  log(imported.result.error ?? 'import failed');
}
const { ratios, targets } = judge(ours, plain, incremental);
const result: BenchResult = {
  articlesRequested: articles,
  recordsExcerpted: imported.records,
  articlesImported: imported.imported,
  corpus,
  startedAt,
  machine: { cpus: os.cpus().length, memoryBytes: os.totalmem(), node: process.version, gnuTime: hasGnuTime() },
  commit: project === repo ? commit : `${commit}, built from a copy of the working tree`,
  import: imported.result,
  ours,
  plain,
  incremental,
  ratios,
  targets,
};
await writeFile(path.join(workDir, 'result.json'), JSON.stringify(result, null, 2) + '\n');
console.log('\n' + formatReport(result) + '\n');
log(`result: ${path.relative(repo, path.join(workDir, 'result.json'))}`);
const failed = !imported.result.ok || (!values['skip-ours'] && !ours.ok) || (plain !== null && !plain.ok) || (incremental !== null && !incremental.ok);
process.exit(failed ? 1 : 0);
