/**
 * Import a list of inputs (plain-text files, JSON Lines files, gzip or not)
 * into one output folder, reporting every article written or skipped and every
 * input or record that could not be read.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { cleanArticle, type CleanResult } from './article.ts';
import { decodeText, isGzip } from './decode.ts';
import { jsonlFromText, readJsonl, type JsonlItem } from './jsonl.ts';
import { importPlainText } from './plaintext.ts';
import { ImportError } from './types.ts';
import { OutputFolder } from './write.ts';

export type ImportEvent =
  | { kind: 'written' | 'updated' | 'unchanged'; input: string; line?: number; importedFrom: string; file: string }
  | { kind: 'skipped'; input: string; line?: number; importedFrom: string | null; reason: string }
  | { kind: 'error'; input: string; line?: number; message: string };

export interface ImportSummary {
  written: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: number;
  skippedByReason: Record<string, number>;
}

const JSONL_NAME_RE = /\.(?:jsonl|ndjson)(?:\.gz)?$/iu;

function readHead(file: string, length: number): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const head = new Uint8Array(length);
    const n = readSync(fd, head, 0, length, 0);
    return head.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function looksLikeJsonl(text: string): boolean {
  const first = text.trimStart();
  if (!first.startsWith('{')) return false;
  const firstLine = first.slice(0, first.indexOf('\n') === -1 ? undefined : first.indexOf('\n'));
  try {
    const value: unknown = JSON.parse(firstLine);
    return value !== null && typeof value === 'object';
  } catch {
    return false;
  }
}

export async function importInputs(inputs: readonly string[], outDir: string, report: (event: ImportEvent) => void): Promise<ImportSummary> {
  const folder = new OutputFolder(outDir);
  const summary: ImportSummary = { written: 0, updated: 0, unchanged: 0, skipped: 0, errors: 0, skippedByReason: {} };
  const emit = (event: ImportEvent): void => {
    if (event.kind === 'skipped') {
      summary.skipped++;
      summary.skippedByReason[event.reason.split(':')[0]!] = (summary.skippedByReason[event.reason.split(':')[0]!] ?? 0) + 1;
    } else if (event.kind === 'error') summary.errors++;
    else summary[event.kind]++;
    report(event);
  };

  const place = async (result: CleanResult, input: string, importedFrom: string, line?: number): Promise<void> => {
    const at = line === undefined ? {} : { line };
    if (!result.ok) {
      const what = result.reason === 'title only' ? 'title only, no body text' : result.reason === 'no title' ? 'no title line' : 'empty body after removing page boilerplate';
      emit({ kind: 'skipped', input, ...at, importedFrom, reason: what });
      return;
    }
    const placed = await folder.place(result.article);
    if (placed.status === 'duplicate') {
      emit({ kind: 'skipped', input, ...at, importedFrom, reason: `duplicate text: same as ${placed.sameAs}.md` });
      return;
    }
    emit({ kind: placed.status, input, ...at, importedFrom, file: placed.file });
  };

  const handleItem = async (item: JsonlItem, input: string): Promise<void> => {
    if (!item.ok) {
      emit({ kind: 'error', input, line: item.line, message: item.message });
      return;
    }
    await place(cleanArticle(item.raw), input, item.raw.importedFrom, item.line);
  };

  for (const input of inputs) {
    try {
      const stat = statSync(input, { throwIfNoEntry: false });
      if (!stat) throw new ImportError(input, 'no such file');
      if (!stat.isFile()) throw new ImportError(input, 'not a regular file (give files, not folders)');
      const head = readHead(input, 4);
      if (JSONL_NAME_RE.test(input)) {
        if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
          throw new ImportError(input, 'JSON Lines must be UTF-8; this file is UTF-16 (re-save it as UTF-8)');
        }
        if (stat.size === 0) throw new ImportError(input, 'empty file: nothing to import');
        for await (const item of readJsonl(input, isGzip(head))) await handleItem(item, input);
        continue;
      }
      const bytes = readFileSync(input);
      const text = decodeText(bytes, input);
      if (looksLikeJsonl(text)) {
        for (const item of jsonlFromText(text, input)) await handleItem(item, input);
        continue;
      }
      const result = importPlainText(bytes, input);
      await place(result, input, input.split(/[\\/]/u).pop()!);
    } catch (error) {
      if (error instanceof ImportError) emit({ kind: 'error', input, message: error.message.replace(`${input}: `, '') });
      else emit({ kind: 'error', input, message: (error as Error).message });
    }
  }
  await folder.flush();
  return summary;
}
