/**
 * The development split of the corpus gold (tests/fixtures/annotations/
 * corpus-dev-*.yaml, GUIDELINES.md): 144 records, 24 from each block of the
 * corpus. Scored on the real pipeline against the corpus read at run time; the
 * floors are the scores this extractor reached (docs/benchmarks.md,
 * "Extraction quality"), a little below, so a change that loses ground fails.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadSampleGold } from '../../../src/lib/eval/gold.ts';
import { corpusPath } from '../../../src/lib/eval/corpus.ts';
import { scoreCorpusSample } from '../../../src/lib/eval/run.ts';

const DIR = 'tests/fixtures/annotations';
const files = readdirSync(DIR).filter((n) => /^corpus-dev-\d+\.yaml$/.test(n)).sort().map((n) => path.join(DIR, n));

describe('the development split', () => {
  it('holds 144 records, 24 of each of the six blocks of the corpus', async () => {
    const golds = (await Promise.all(files.map((f) => loadSampleGold(f)))).flat();
    expect(golds).toHaveLength(144);
    const blocks = new Map<string, number>();
    for (const g of golds) {
      const block = g.key.startsWith('baomoi-') ? 'baomoi' : g.key.replace(/^vntc-(?:train|test)-([a-z]+)-.*$/, '$1');
      blocks.set(block, (blocks.get(block) ?? 0) + 1);
    }
    // Báo Mới has two blocks (politics, other): 48 records; the four VNTC blocks 24 each.
    expect(Object.fromEntries(blocks)).toEqual({ baomoi: 48, xh: 24, pl: 24, kd: 24, tg: 24 });
  });

  it('scores at or above its floors on the real pipeline', async () => {
    const s = await scoreCorpusSample(files, corpusPath());
    expect(s.articles).toBe(144);
    const floors = { person: 0.86, unit: 0.72, place: 0.89, document: 0.82 } as const;
    for (const [type, floor] of Object.entries(floors)) {
      expect(s.types[type as keyof typeof floors].f1, `${type} F1`).toBeGreaterThanOrEqual(floor);
      expect(s.types[type as keyof typeof floors].precision, `${type} precision`).toBeGreaterThanOrEqual(0.88);
    }
    expect(s.roles.f1, 'role triples F1').toBeGreaterThanOrEqual(0.69);
  }, 120_000);
});
