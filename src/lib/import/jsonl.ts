/**
 * JSON Lines records (fields of news-vi.jsonl.gz: id, title, body, author,
 * published, url, source) streamed line by line, gzip or not. A bad line is
 * reported with its line number and the next line is read as usual.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import path from 'node:path';
import { isoDate } from './dates.ts';
import type { RawArticle } from './article.ts';

export type JsonlItem =
  | { line: number; ok: true; raw: RawArticle }
  | { line: number; ok: false; message: string };

const OPTIONAL_TEXT_FIELDS = ['author', 'published', 'url', 'source', 'body'] as const;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

/** Validate one parsed record; a message saying what to fix when it is not usable. */
export function recordToRaw(value: unknown, line: number, file: string): JsonlItem {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { line, ok: false, message: `expected a JSON object per line, found ${describe(value)}` };
  }
  const record = value as Record<string, unknown>;
  if (typeof record.title !== 'string' || record.title.trim() === '') {
    return {
      line,
      ok: false,
      message: record.title === undefined ? 'missing "title": every record needs a non-empty title string' : `"title" must be a non-empty string, found ${describe(record.title)}`,
    };
  }
  for (const field of OPTIONAL_TEXT_FIELDS) {
    const v = record[field];
    if (v !== undefined && v !== null && typeof v !== 'string') {
      return { line, ok: false, message: `"${field}" must be a string or null, found ${describe(v)}` };
    }
  }
  if (record.id !== undefined && record.id !== null && typeof record.id !== 'string' && typeof record.id !== 'number') {
    return { line, ok: false, message: `"id" must be a string, found ${describe(record.id)}` };
  }
  let published: string | null = null;
  if (typeof record.published === 'string' && record.published !== '') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/u.exec(record.published);
    published = m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
    if (published === null) {
      return { line, ok: false, message: `"published" must be an ISO date YYYY-MM-DD, found "${record.published.slice(0, 40)}"` };
    }
  }
  const text = (s: unknown): string | null => (typeof s === 'string' && s.trim() !== '' ? s.trim() : null);
  return {
    line,
    ok: true,
    raw: {
      title: record.title,
      text: typeof record.body === 'string' ? record.body : '',
      importedFrom: record.id !== undefined && record.id !== null ? String(record.id) : `${path.basename(file)}:${line}`,
      url: text(record.url),
      source: text(record.source),
      author: text(record.author),
      published,
    },
  };
}

function parseLine(text: string, line: number, file: string): JsonlItem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, ok: false, message: `invalid JSON (${(error as Error).message}); each line must be one JSON object` };
  }
  return recordToRaw(value, line, file);
}

/** Records of a JSON Lines file, streamed (gunzipped when the file starts with the gzip magic bytes). */
export async function* readJsonl(file: string, gzip: boolean): AsyncGenerator<JsonlItem> {
  const bytes = createReadStream(file);
  const input: Readable = gzip ? bytes.pipe(createGunzip()) : bytes;
  // Surface stream errors (corrupt gzip) through the iterator instead of an unhandled event.
  bytes.on('error', (error) => input.destroy(error));
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    const trimmed = line === 1 ? text.replace(/^\uFEFF/u, '').trim() : text.trim();
    if (trimmed === '') continue;
    yield parseLine(trimmed, line, file);
  }
}

/** Records of JSON Lines text already in memory (a small file that turned out to be JSON Lines). */
export function* jsonlFromText(text: string, file: string): Generator<JsonlItem> {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i]!.trim();
    if (trimmed === '') continue;
    yield parseLine(trimmed, i + 1, file);
  }
}
