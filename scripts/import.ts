/**
 * npm run import -- <inputs…> --out <dir> [--quiet]
 *
 * Turns raw scraped articles (plain-text files, JSON Lines files, gzip or not)
 * into one Markdown file per article in <dir>. See src/lib/import/.
 * Exit status: 0 when every input was read, 1 when an input or a record could
 * not be read (each is reported with file and line), 2 on a usage error.
 */
import path from 'node:path';
import { importInputs, type ImportEvent } from '../src/lib/import/run.ts';

const USAGE = 'usage: npm run import -- <input files…> --out <folder> [--quiet]\n' +
  '  inputs: plain-text articles (.txt) or JSON Lines (.jsonl, .jsonl.gz)\n' +
  '  --quiet: do not list each article written (skips and errors are always listed)';

function parseArgs(argv: string[]): { inputs: string[]; out: string; quiet: boolean } | string {
  const inputs: string[] = [];
  let out: string | null = null;
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out' || arg === '-o') {
      out = argv[++i] ?? null;
      if (out === null) return '--out needs a folder';
    } else if (arg.startsWith('--out=')) out = arg.slice(6);
    else if (arg === '--quiet' || arg === '-q') quiet = true;
    else if (arg === '--help' || arg === '-h') return '';
    else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else inputs.push(arg);
  }
  if (inputs.length === 0) return 'no input files given';
  if (out === null) return '--out <folder> is required';
  return { inputs, out, quiet };
}

const args = parseArgs(process.argv.slice(2));
if (typeof args === 'string') {
  if (args) console.error(`import: ${args}`);
  console.error(USAGE);
  process.exit(args ? 2 : 0);
}

const started = performance.now();
const where = (e: { input: string; line?: number }): string => (e.line === undefined ? e.input : `${e.input}:${e.line}`);
const lines: string[] = [];
const flush = (): void => {
  if (lines.length > 0) process.stdout.write(lines.join('\n') + '\n');
  lines.length = 0;
};
const report = (event: ImportEvent): void => {
  if (event.kind === 'error') {
    flush();
    console.error(`error   ${where(event)}: ${event.message}`);
    return;
  }
  if (event.kind === 'skipped') lines.push(`skipped ${where(event)}${event.importedFrom ? ` (${event.importedFrom})` : ''}: ${event.reason}`);
  else if (!args.quiet) lines.push(`${event.kind.padEnd(9)} ${path.relative('.', event.file)} ← ${event.importedFrom}`);
  if (lines.length >= 500) flush();
};

let summary;
try {
  summary = await importInputs(args.inputs, args.out, report);
} catch (error) {
  flush();
  console.error(`import: ${(error as Error).message}`);
  process.exit(1);
}
flush();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const reasons = Object.entries(summary.skippedByReason).map(([reason, n]) => `${n} ${reason}`).join(', ');
console.log(
  `import: ${summary.written} written, ${summary.updated} updated, ${summary.unchanged} unchanged, ` +
    `${summary.skipped} skipped${reasons ? ` (${reasons})` : ''}, ${summary.errors} error${summary.errors === 1 ? '' : 's'} ` +
    `→ ${args.out} in ${seconds} s`,
);
process.exit(summary.errors > 0 ? 1 : 0);
