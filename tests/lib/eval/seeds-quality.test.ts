/**
 * The quality targets on the five seed articles, scored against the hand
 * annotations in tests/fixtures/annotations/seeds with the real pipeline on
 * content/. Fails until the extractors meet them; the failure message lists
 * every miss, false positive, split and wrong merge.
 */
import { describe, expect, it } from 'vitest';
import { scoreSeeds } from '../../../src/lib/eval/run.ts';
import { checkTargets } from '../../../src/lib/eval/score.ts';
import { textReport } from '../../../src/lib/eval/report.ts';

describe('extraction quality on the seeds', () => {
  it('meets every target', async () => {
    const score = await scoreSeeds(process.env.CONTENT_DIR ?? 'content', 'tests/fixtures/annotations/seeds');
    expect(score.articles).toBe(5);
    const missed = checkTargets(score).filter((t) => !t.met);
    expect(missed, textReport(score, { details: true, targets: true })).toEqual([]);
  });
});
