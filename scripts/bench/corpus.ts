/**
 * Copies the first N records of a JSONL corpus (gzip'd or plain) into a plain
 * JSONL file, streaming: the corpus is never held in memory, and reading stops
 * as soon as N lines are written.
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import path from 'node:path';

/** The corpus path: --corpus, else $CORPUS_PATH, else ../shared/corpus/news-vi.jsonl.gz (from the repo root). */
export function corpusPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(flag ?? env.CORPUS_PATH ?? '../shared/corpus/news-vi.jsonl.gz');
}

export interface Excerpt {
  file: string;
  records: number;
  bytes: number;
}

/** Writes records skip+1 … skip+count (non-empty lines) of the corpus to outFile. */
export async function writeFirstRecords(corpus: string, count: number, outFile: string, skip = 0): Promise<Excerpt> {
  if (!existsSync(corpus)) throw new Error(`corpus not found: ${corpus} (pass --corpus FILE or set CORPUS_PATH)`);
  const source = createReadStream(corpus);
  const input = corpus.endsWith('.gz') ? source.pipe(createGunzip()) : source;
  const lines = createInterface({ input, crlfDelay: Infinity });
  const out = createWriteStream(outFile);
  let records = 0;
  let bytes = 0;
  let skipped = 0;
  try {
    for await (const line of lines) {
      if (records >= count) break;
      if (line.trim() === '') continue;
      if (skipped < skip) {
        skipped += 1;
        continue;
      }
      const chunk = line + '\n';
      bytes += Buffer.byteLength(chunk);
      records += 1;
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    lines.close();
    source.destroy();
    out.end();
    await once(out, 'close');
  }
  return { file: outFile, records, bytes };
}
