/**
 * The benchmark's result: one JSON-able record per run, the ratios and
 * targets of issue 7, and the printed table.
 */
import type { FirstSearch } from './first-search.ts';

export interface StageFigure {
  ms: number | null;
  /** Peak summed RSS of the process tree during the stage, when known. */
  peakRssBytes: number | null;
  note?: string;
}

export interface SiteResult {
  ok: boolean;
  /** Not run (--skip-ours / --skip-plain, or the import failed). */
  skipped?: boolean;
  error?: string;
  commands: string[];
  /** Total build wall time (not counting the shared import). */
  wallMs: number | null;
  peakRssBytes: number | null;
  stages: {
    extract: StageFigure;
    render: StageFigure;
    search: StageFigure;
    linkcheck: StageFigure;
    other: StageFigure;
  };
  pages: number | null;
  distBytes: number | null;
  searchIndexBytes: number | null;
  /** First search through Pagefind's JS API (any site with an index) and through the site's search page (when it has one). */
  firstSearch: { api: FirstSearch | null; page: FirstSearch | null };
  firstSearchErrors: string[];
  extra: Record<string, number | string>;
}

export interface IncrementalResult {
  ok: boolean;
  error?: string;
  /** The Markdown file added (corpus record N+1). */
  added?: string;
  command?: string;
  wallMs: number | null;
  peakRssBytes: number | null;
  extra: Record<string, number | string>;
}

export interface BenchResult {
  articlesRequested: number;
  recordsExcerpted: number;
  articlesImported: number;
  corpus: string;
  startedAt: string;
  machine: { cpus: number; memoryBytes: number; node: string; gnuTime: boolean };
  commit: string;
  import: { ok: boolean; error?: string; command: string; wallMs: number; peakRssBytes: number; skipped: number; errors: number };
  ours: SiteResult;
  plain: SiteResult | null;
  incremental: IncrementalResult | null;
  ratios: { time: number | null; perPage: number | null; memory: number | null; incremental: number | null };
  targets: Target[];
}

export interface Target {
  name: string;
  value: number | null;
  limit: number;
  unit: string;
  pass: boolean | null;
}

export const FIRST_SEARCH_LIMIT_BYTES = 300 * 1024;

function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : a / b;
}

export function perPageMs(site: SiteResult | null): number | null {
  if (!site || site.wallMs === null || !site.pages) return null;
  return site.wallMs / site.pages;
}

/** Ratios ours/plain and the four targets of issue 7. */
export function judge(ours: SiteResult, plain: SiteResult | null, incremental: IncrementalResult | null = null): { ratios: BenchResult['ratios']; targets: Target[] } {
  const bothOk = ours.ok && plain?.ok === true;
  const ratios = {
    time: bothOk ? ratio(ours.wallMs, plain?.wallMs ?? null) : null,
    perPage: bothOk ? ratio(perPageMs(ours), perPageMs(plain)) : null,
    memory: bothOk ? ratio(ours.peakRssBytes, plain?.peakRssBytes ?? null) : null,
    incremental: ours.ok && incremental?.ok ? ratio(incremental.wallMs, ours.wallMs) : null,
  };
  const check = (value: number | null, limit: number) => (value === null ? null : value <= limit);
  // The reader's figure is the search page's; until the site has one, the Pagefind API's.
  const firstSearch = (ours.firstSearch.page ?? ours.firstSearch.api)?.bytes ?? null;
  const targets: Target[] = [
    { name: 'build time ours/plain', value: ratios.time, limit: 2, unit: '×', pass: check(ratios.time, 2) },
    { name: 'time per page ours/plain', value: ratios.perPage, limit: 1, unit: '×', pass: check(ratios.perPage, 1) },
    { name: 'peak memory ours/plain', value: ratios.memory, limit: 1.5, unit: '×', pass: check(ratios.memory, 1.5) },
    { name: 'incremental rebuild / clean build (ours)', value: ratios.incremental, limit: 0.2, unit: '×', pass: check(ratios.incremental, 0.2) },
    { name: 'first search download (ours)', value: firstSearch, limit: FIRST_SEARCH_LIMIT_BYTES, unit: 'B', pass: check(firstSearch, FIRST_SEARCH_LIMIT_BYTES) },
  ];
  return { ratios, targets };
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

function formatCount(n: number | null): string {
  return n === null ? '—' : n.toLocaleString('en-US');
}

function formatRatio(r: number | null): string {
  return r === null ? '—' : `${r.toFixed(2)}×`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  const line = (r: string[]) => '| ' + r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|';
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

const STAGE_ROWS: { key: keyof SiteResult['stages']; label: string }[] = [
  { key: 'extract', label: 'extraction and graph' },
  { key: 'render', label: 'page rendering' },
  { key: 'search', label: 'search indexing' },
  { key: 'linkcheck', label: 'link check' },
  { key: 'other', label: 'startup, bundling, other' },
];

/** The printed report: a Markdown table (so it pastes into docs/benchmarks.md) and the targets. */
export function formatReport(r: BenchResult): string {
  const plain = r.plain;
  const rows: string[][] = [['stage', 'ours time', 'ours peak RSS', 'plain time', 'plain peak RSS']];
  rows.push([
    'import (shared input, not in totals)',
    formatMs(r.import.wallMs),
    formatBytes(r.import.peakRssBytes),
    'same files',
    '',
  ]);
  for (const { key, label } of STAGE_ROWS) {
    const o = r.ours.stages[key];
    const p = plain?.stages[key];
    rows.push([label, formatMs(o.ms), formatBytes(o.peakRssBytes), p ? formatMs(p.ms) : '—', p ? formatBytes(p.peakRssBytes) : '—']);
  }
  const inc = r.incremental;
  rows.push([
    'incremental rebuild (+1 article, warm cache; not in totals)',
    inc ? (inc.ok ? formatMs(inc.wallMs) : 'FAILED') : 'not run',
    formatBytes(inc?.peakRssBytes ?? null),
    '—',
    '—',
  ]);
  rows.push([
    'total build',
    r.ours.skipped ? 'skipped' : r.ours.ok ? formatMs(r.ours.wallMs) : 'FAILED',
    formatBytes(r.ours.peakRssBytes),
    plain ? (plain.ok ? formatMs(plain.wallMs) : 'FAILED') : 'skipped',
    formatBytes(plain?.peakRssBytes ?? null),
  ]);

  const sizes: string[][] = [['output', 'ours', 'plain']];
  sizes.push(['pages written (HTML files)', formatCount(r.ours.pages), formatCount(plain?.pages ?? null)]);
  sizes.push(['time per page', perPageMs(r.ours) === null ? '—' : `${perPageMs(r.ours)?.toFixed(2)} ms`, perPageMs(plain) === null ? '—' : `${perPageMs(plain)?.toFixed(2)} ms`]);
  sizes.push(['dist/ size', formatBytes(r.ours.distBytes), formatBytes(plain?.distBytes ?? null)]);
  sizes.push(['search index (dist/pagefind/)', formatBytes(r.ours.searchIndexBytes), formatBytes(plain?.searchIndexBytes ?? null)]);
  const fs = (s: SiteResult | null, method: 'api' | 'page') => {
    const f = s?.firstSearch[method];
    if (!f) return s?.firstSearchErrors.length ? 'not measured' : '—';
    return `${formatBytes(f.bytes)} (gzip ${formatBytes(f.gzipBytes)}; ${f.requests} requests, Pagefind ${formatBytes(f.pagefindBytes)}, ${f.results} results)`;
  };
  sizes.push(['first search download: search page', fs(r.ours, 'page'), fs(plain, 'page')]);
  sizes.push(['first search download: Pagefind API', fs(r.ours, 'api'), fs(plain, 'api')]);

  const ratios: string[][] = [['ratio ours/plain', 'value', 'target', '']];
  for (const t of r.targets) {
    const value = t.unit === 'B' ? formatBytes(t.value) : formatRatio(t.value);
    const limit = t.unit === 'B' ? `≤ ${formatBytes(t.limit)}` : `≤ ${t.limit}×`;
    ratios.push([t.name, value, limit, t.pass === null ? 'n/a' : t.pass ? 'PASS' : 'MISS']);
  }

  const notes: string[] = [];
  for (const [name, s] of [['ours', r.ours], ['plain', plain]] as const) {
    if (!s || s.skipped) continue;
    if (s.error) notes.push(`${name} build failed: ${s.error.split('\n')[0]}`);
    for (const e of s.firstSearchErrors) notes.push(`${name} first search: ${e.split('\n')[0]}`);
    for (const [key, st] of Object.entries(s.stages)) if (st.note) notes.push(`${name} ${key}: ${st.note}`);
    const finer = Object.entries(s.extra).filter(([k]) => k.endsWith('.ms'));
    if (finer.length) notes.push(`${name} also reported: ${finer.map(([k, v]) => `${k.slice(0, -3)} ${formatMs(Number(v))}`).join(', ')} (inside the stages above)`);
  }
  if (!r.ours.firstSearch.page && r.ours.firstSearch.api) notes.push('ours has no search page yet: the first-search target uses the Pagefind API figure (index files and 5 result fragments, no UI)');
  if (inc?.error) notes.push(`incremental rebuild: ${inc.error.split('\n')[0]}`);
  if (inc?.ok) {
    notes.push(`incremental rebuild added ${inc.added}; extraction cache hits: ${inc.extra['extract.cacheHits'] ?? 'not reported'}; ` +
      `keyed pages rendered ${inc.extra['page-deps.rendered'] ?? '?'}, reused ${inc.extra['page-deps.reused'] ?? '?'}; ` +
      `search bundles reused ${inc.extra['search.reused'] ?? '?'}, indexed ${inc.extra['search.indexed'] ?? '?'}`);
  }
  if (r.import.error) notes.push(`import: ${r.import.error.split('\n')[0]}`);
  if (r.import.skipped || r.import.errors) notes.push(`import: ${r.import.skipped} record(s) skipped, ${r.import.errors} error(s) reported by the importer`);

  return [
    `Build benchmark: ${r.articlesImported.toLocaleString('en-US')} articles (first ${r.recordsExcerpted.toLocaleString('en-US')} records of ${r.corpus})`,
    `commit ${r.commit}, ${r.machine.cpus} CPUs, ${formatBytes(r.machine.memoryBytes)} RAM, Node ${r.machine.node}, ${r.startedAt}`,
    '',
    table(rows),
    '',
    table(sizes),
    '',
    table(ratios),
    ...(notes.length ? ['', 'Notes:', ...notes.map((n) => `- ${n}`)] : []),
  ].join('\n');
}
