/**
 * Tools for the hand annotations (tests/fixtures/annotations/GUIDELINES.md):
 *
 *   npm run gold -- draw [--per-block N] [--seed S] [--skip K]
 *     Draws corpus records for annotation: N per block of the corpus (its six
 *     blocks: Báo Mới politics, VNTC politics & society, law, business, world,
 *     Báo Mới other), by a seeded shuffle of each block, leaving out records the
 *     importer skips and records of the earlier samples (corpus-sample*.yaml). --skip K passes
 *     over the first K drawn of each block (the development and test splits are
 *     one draw cut in two, so they never overlap). Prints one id per line.
 *
 *   npm run gold -- show ID [ID ...]
 *     Prints each record's body exactly as the extractor reads it (after the
 *     importer), with its title as context. Nothing of the extractor's output.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseCommandLine } from './cli.ts';
import { corpusPath, importRecord, importedToArticle, readCorpus, type CorpusRecord } from '../src/lib/eval/corpus.ts';
import { mulberry32, shuffled } from '../src/lib/infra/random.ts';

const USAGE = `usage:
  npm run gold -- draw [--per-block N] [--seed S] [--skip K]
  npm run gold -- show ID [ID ...]`;

/** The corpus's blocks (its README): record → block name. */
export function blockOf(record: Pick<CorpusRecord, 'id' | 'politics'>): string {
  if (record.id.startsWith('baomoi-')) return record.politics ? 'baomoi-politics' : 'baomoi-other';
  const m = /^vntc-(?:train|test)-([a-z]+)-/.exec(record.id);
  const kind = m?.[1] ?? 'other';
  return { xh: 'vntc-politics-society', pl: 'vntc-law', kd: 'vntc-business', tg: 'vntc-world' }[kind] ?? `vntc-${kind}`;
}

/** Record ids of the earlier samples (corpus-sample*.yaml), which the draw leaves out (the draw's own files do not change it). */
function annotatedIds(): Set<string> {
  const dir = 'tests/fixtures/annotations';
  const ids = new Set<string>();
  for (const name of readdirSync(dir)) {
    if (!/^corpus-sample.*\.yaml$/.test(name)) continue;
    for (const m of readFileSync(path.join(dir, name), 'utf8').matchAll(/recordId:\s*([\w-]+)/g)) ids.add(m[1]!);
  }
  return ids;
}

async function draw(perBlock: number, seed: number, skip: number): Promise<void> {
  const taken = annotatedIds();
  const blocks = new Map<string, string[]>();
  for await (const record of readCorpus(corpusPath())) {
    if (taken.has(record.id) || !importRecord(record)) continue;
    const block = blockOf(record);
    let list = blocks.get(block);
    if (!list) blocks.set(block, (list = []));
    list.push(record.id);
  }
  for (const [block, ids] of blocks) {
    const random = mulberry32(seed ^ [...block].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
    for (const id of shuffled(ids, random).slice(skip, skip + perBlock)) console.log(`${id}\t${block}`);
  }
}

async function show(ids: string[]): Promise<void> {
  const wanted = new Set(ids);
  const found = new Map<string, string>();
  for await (const record of readCorpus(corpusPath())) {
    if (!wanted.has(record.id)) continue;
    const imported = importRecord(record);
    const text = imported
      ? `# ${record.id}  (${blockOf(record)})\ntitle (context only, not annotated): ${imported.article.title}\n\n${importedToArticle(imported).body}\n`
      : `# ${record.id}: skipped by the importer (not on the site)\n`;
    found.set(record.id, text);
    if (found.size === wanted.size) break;
  }
  for (const id of ids) console.log(found.get(id) ?? `# ${id}: not in the corpus\n`);
}

const [command, ...rest] = process.argv.slice(2);
const parsed = parseCommandLine(USAGE, {
  args: rest,
  allowPositionals: true,
  options: {
    'per-block': { type: 'string', default: '10' },
    seed: { type: 'string', default: '2026' },
    skip: { type: 'string', default: '0' },
    help: { type: 'boolean', default: false },
  },
});
if (command === '--help' || command === undefined) {
  console.log(USAGE);
  process.exit(command === undefined ? 2 : 0);
}
if (command === 'draw') await draw(Number(parsed.values['per-block']), Number(parsed.values.seed), Number(parsed.values.skip));
else if (command === 'show' && parsed.positionals.length > 0) await show(parsed.positionals);
else {
  console.error(USAGE);
  process.exit(2);
}
