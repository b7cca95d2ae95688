/**
 * The corpus sample annotation: it must cover exactly the records the README of
 * the fixtures names (every 200th politics record, first 50), and the scorer must
 * run on it end to end. Reads the corpus at run time; nothing of it is stored.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { loadSampleGold } from '../../../src/lib/eval/gold.ts';
import { corpusPath, readCorpus } from '../../../src/lib/eval/corpus.ts';
import { scoreCorpusSample } from '../../../src/lib/eval/run.ts';

const SAMPLE = 'tests/fixtures/annotations/corpus-sample.yaml';
const SAMPLE_B = 'tests/fixtures/annotations/corpus-sample-b.yaml';
const SAMPLE_C = 'tests/fixtures/annotations/corpus-sample-c.yaml';
const corpus = corpusPath();

/** Record ids of every 200th politics record from the `start`-th, the first `count`, in file order. */
async function pickPolitics(start: number, count = 50): Promise<string[]> {
  const picked: string[] = [];
  let politics = 0;
  for await (const r of readCorpus(corpus)) {
    if (!r.politics || picked.length === count) break; // politics records come first
    if (politics >= start && (politics - start) % 200 === 0) picked.push(r.id);
    politics++;
  }
  return picked;
}

describe('corpus sample annotation', () => {
  it('the corpus is available', () => {
    expect(existsSync(corpus), `corpus not found at ${corpus}; set CORPUS_PATH`).toBe(true);
  });

  it('annotates every 200th politics record, the first 50, in file order', async () => {
    const gold = await loadSampleGold(SAMPLE);
    expect(gold.map((g) => g.key)).toEqual(await pickPolitics(0));
  });

  it('the held-out sample: every 200th politics record from the 100th, the first 50', async () => {
    const gold = await loadSampleGold(SAMPLE_B);
    expect(gold.map((g) => g.key)).toEqual(await pickPolitics(100));
  });

  it('the small held-out sample C: every 200th politics record from the 2,450th, the first 15', async () => {
    const gold = await loadSampleGold(SAMPLE_C);
    expect(gold.map((g) => g.key)).toEqual(await pickPolitics(2450, 15));
  });

  it('scores end to end on the real pipeline', async () => {
    const score = await scoreCorpusSample(SAMPLE, corpus);
    expect(score.articles).toBe(50);
    expect(score.scoredTypes).toEqual(['person', 'document']);
    expect(score.types.person.found + score.types.person.missed).toBeGreaterThan(100);
  });
});
