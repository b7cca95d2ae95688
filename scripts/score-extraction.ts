/**
 * Score the extraction against the hand annotations.
 *
 *   node scripts/score-extraction.ts [--content content] [--annotations tests/fixtures/annotations/seeds]
 *                                    [--sample [tests/fixtures/annotations/corpus-sample.yaml]] [--corpus FILE]
 *                                    [--sample-file FILE ...] [--split dev|test] [--json | --markdown] [--details] [--check]
 *
 * Seeds: runs buildKnowledge on the content dir and pairs articles with the
 * annotations by their importedFrom. --sample: scores the corpus sample instead
 * (records read from the corpus by id). --split dev (or test) scores every
 * tests/fixtures/annotations/corpus-<split>-*.yaml as one sample: the
 * development and test splits of tests/fixtures/annotations/GUIDELINES.md.
 * --check exits 1 when a target is missed.
 */
import { parseArgs } from 'node:util';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ContentError, formatDiagnostic } from '../src/lib/content/diagnostics.ts';
import { GoldError } from '../src/lib/eval/gold.ts';
import { PairingError, scoreCorpusSample, scoreSeeds } from '../src/lib/eval/run.ts';
import { checkTargets } from '../src/lib/eval/score.ts';
import { markdownTable, textReport } from '../src/lib/eval/report.ts';
import { corpusPath } from '../src/lib/eval/corpus.ts';

const DEFAULT_SAMPLE = 'tests/fixtures/annotations/corpus-sample.yaml';
const SPLIT_DIR = 'tests/fixtures/annotations';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      content: { type: 'string', default: 'content' },
      annotations: { type: 'string', default: 'tests/fixtures/annotations/seeds' },
      sample: { type: 'boolean', default: false },
      'sample-file': { type: 'string', multiple: true },
      split: { type: 'string' },
      corpus: { type: 'string' },
      json: { type: 'boolean', default: false },
      markdown: { type: 'boolean', default: false },
      details: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
    },
  });
  // --split dev|test: every corpus-<split>-*.yaml annotation file, scored as one sample.
  const splitFiles = values.split
    ? readdirSync(SPLIT_DIR).filter((n) => n.startsWith(`corpus-${values.split}-`) && n.endsWith('.yaml')).sort().map((n) => path.join(SPLIT_DIR, n))
    : [];
  if (values.split && splitFiles.length === 0) throw new GoldError(`no ${SPLIT_DIR}/corpus-${values.split}-*.yaml files`);
  const sampleFiles = splitFiles.length > 0 ? splitFiles : values['sample-file'] ?? [DEFAULT_SAMPLE];
  const score = values.sample || values.split
    ? await scoreCorpusSample(sampleFiles, values.corpus ?? corpusPath())
    : await scoreSeeds(values.content, values.annotations);
  const targets = checkTargets(score);
  if (values.json) console.log(JSON.stringify({ ...score, targets }, null, 2));
  else if (values.markdown) console.log(markdownTable(score));
  else console.log(textReport(score, { details: values.details, targets: !(values.sample || values.split) || values.check }));
  return values.check && targets.some((t) => !t.met) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ContentError) {
      for (const d of err.diagnostics) console.error(formatDiagnostic(d));
    } else if (err instanceof GoldError || err instanceof PairingError) {
      console.error(err.message);
    } else {
      console.error(err);
    }
    process.exit(1);
  },
);
