/**
 * Score the extraction against the hand annotations.
 *
 *   node scripts/score-extraction.ts [--content content] [--annotations tests/fixtures/annotations/seeds]
 *                                    [--sample [tests/fixtures/annotations/corpus-sample.yaml]] [--corpus FILE]
 *                                    [--sample-file FILE] [--json | --markdown] [--details] [--check]
 *
 * Seeds: runs buildKnowledge on the content dir and pairs articles with the
 * annotations by their importedFrom. --sample: scores the corpus sample instead
 * (records read from the corpus by id). --check exits 1 when a target is missed.
 */
import { parseArgs } from 'node:util';
import { ContentError, formatDiagnostic } from '../src/lib/content/diagnostics.ts';
import { GoldError } from '../src/lib/eval/gold.ts';
import { PairingError, scoreCorpusSample, scoreSeeds } from '../src/lib/eval/run.ts';
import { checkTargets } from '../src/lib/eval/score.ts';
import { markdownTable, textReport } from '../src/lib/eval/report.ts';
import { corpusPath } from '../src/lib/eval/corpus.ts';

const DEFAULT_SAMPLE = 'tests/fixtures/annotations/corpus-sample.yaml';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      content: { type: 'string', default: 'content' },
      annotations: { type: 'string', default: 'tests/fixtures/annotations/seeds' },
      sample: { type: 'boolean', default: false },
      'sample-file': { type: 'string', default: DEFAULT_SAMPLE },
      corpus: { type: 'string' },
      json: { type: 'boolean', default: false },
      markdown: { type: 'boolean', default: false },
      details: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
    },
  });
  const score = values.sample
    ? await scoreCorpusSample(values['sample-file'], values.corpus ?? corpusPath())
    : await scoreSeeds(values.content, values.annotations);
  const targets = checkTargets(score);
  if (values.json) console.log(JSON.stringify({ ...score, targets }, null, 2));
  else if (values.markdown) console.log(markdownTable(score));
  else console.log(textReport(score, { details: values.details, targets: !values.sample || values.check }));
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
