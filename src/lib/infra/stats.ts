/**
 * Build stage timings. When KHO_TIN_STATS names a file, each finished stage
 * appends one JSON line {stage, ms, maxRssBytes, ...extra} to it; the benchmark
 * reads them. Without the variable nothing is written.
 */
import { appendFileSync } from 'node:fs';

export function recordStage(stage: string, startedAt: number, extra: Record<string, number | string> = {}): void {
  const file = process.env.KHO_TIN_STATS;
  const ms = performance.now() - startedAt;
  if (!file) return;
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  appendFileSync(file, JSON.stringify({ stage, ms: Math.round(ms), maxRssBytes, ...extra }) + '\n');
}
