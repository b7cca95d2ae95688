/**
 * Turns raw measurements into the benchmark's stages.
 *
 * Ours: the build appends stage lines (src/lib/build/stats.ts): "extract"
 * (load, parse, extract, resolve, graph), "render" (Astro page rendering, which
 * contains "extract" because pages ask for the knowledge base first), then
 * "linkcheck" and "search" in the after-build hook (they run side by side, so
 * their times overlap). Whatever the wall time
 * holds beyond those is "other": Astro startup and bundling before rendering,
 * and writing kb.json.
 *
 * Plain: Astro's log says when the content layer starts and finishes syncing;
 * the lines' arrival times bound the content sync.
 */
import { peakBetween, type Measurement, type MeasuredStage } from './measure.ts';
import type { SiteResult, StageFigure } from './report.ts';

function find(m: Measurement, stage: string): MeasuredStage | undefined {
  return m.stages.find((s) => s.stage === stage);
}

export function splitOurStages(m: Measurement): SiteResult['stages'] {
  const figure = (s: MeasuredStage | undefined): StageFigure =>
    s ? { ms: s.ms, peakRssBytes: s.peakTreeRssBytes } : { ms: null, peakRssBytes: null, note: 'no stage line in the stats file' };
  const extract = find(m, 'extract');
  const render = find(m, 'render');
  const linkcheck = find(m, 'linkcheck');
  const search = find(m, 'search');
  let renderOnly: StageFigure = figure(render);
  if (render && extract) {
    // Rendering proper runs after the knowledge base is built, up to the render line.
    renderOnly = { ms: Math.max(0, render.ms - extract.ms), peakRssBytes: peakBetween(m.samples, extract.endedAtMs, render.endedAtMs) };
  } else if (render) {
    renderOnly.note = 'no extract line: rendering includes extraction';
  }
  // The link check and the search index run side by side: count their union once.
  const accounted = (render?.ms ?? 0) + unionMs([linkcheck, search]);
  const renderStart = render ? render.endedAtMs - render.ms : null;
  return {
    extract: figure(extract),
    render: renderOnly,
    linkcheck: figure(linkcheck),
    search: figure(search),
    other: {
      ms: render ? Math.max(0, m.wallMs - accounted) : null,
      peakRssBytes: renderStart === null ? null : peakBetween(m.samples, 0, renderStart),
      note: 'Astro startup and bundling before rendering, kb.json; peak shown is before rendering',
    },
  };
}

/** Total time covered by the stages' intervals, overlaps counted once. */
function unionMs(stages: (MeasuredStage | undefined)[]): number {
  const intervals = stages
    .filter((s): s is MeasuredStage => s !== undefined)
    .map((s) => [s.endedAtMs - s.ms, s.endedAtMs] as const)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [from, to] of intervals) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

/** Content sync time of a plain Astro build, from its log lines, or null when the log does not say. */
export function plainContentSync(m: Measurement): number | null {
  const start = m.lines.find((l) => /Syncing content/i.test(l.text));
  const end = m.lines.find((l) => /Synced content/i.test(l.text));
  if (!start || !end || end.atMs < start.atMs) return null;
  return end.atMs - start.atMs;
}

/**
 * The line that says what went wrong in a failed child's output: Astro prints
 * the message just before "Location:" or "Stack trace:"; otherwise the first
 * line that names an error; otherwise the last line.
 */
export function errorHeadline(lines: string[]): string {
  const text = lines.map((l) => l.trim());
  const marker = text.findIndex((l) => /^(Location|Stack trace):/.test(l));
  if (marker > 0) {
    for (let i = marker - 1; i >= 0; i--) if (text[i]) return text[i];
  }
  const named = text.find((l) => /\[ERROR\]|\berror\b|failed|cannot|not found/i.test(l) && !/^Command exited/.test(l));
  if (named) return named;
  return [...text].reverse().find((l) => l && !/^Command exited/.test(l)) ?? '';
}
