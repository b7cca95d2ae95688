/**
 * Read corpus records (news-vi.jsonl.gz) as a stream, and turn one into an
 * in-memory article for the extraction pipeline. Nothing is written to disk.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ArticleFile } from '../content/article.ts';
import { normalizeText } from '../text/normalize.ts';

export interface CorpusRecord {
  id: string;
  title: string;
  body: string;
  source: string | null;
  url: string | null;
  politics: boolean;
}

/** The corpus path: $CORPUS_PATH or ../shared/corpus/news-vi.jsonl.gz from the repo root. */
export function corpusPath(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.CORPUS_PATH ?? '../shared/corpus/news-vi.jsonl.gz');
}

function toRecord(line: string, file: string, lineNo: number): CorpusRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new Error(`${file}:${lineNo}: not valid JSON (${(err as Error).message})`);
  }
  const r = value as Partial<Record<keyof CorpusRecord, unknown>>;
  if (typeof r.id !== 'string' || typeof r.title !== 'string' || typeof r.body !== 'string')
    throw new Error(`${file}:${lineNo}: a record needs string "id", "title" and "body"`);
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    source: typeof r.source === 'string' ? r.source : null,
    url: typeof r.url === 'string' ? r.url : null,
    politics: r.politics === true,
  };
}

/** Stream records in file order; stops after `limit` records when given. */
export async function* readCorpus(file: string, limit = Infinity): AsyncGenerator<CorpusRecord> {
  if (limit <= 0) return;
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let lineNo = 0;
  let count = 0;
  try {
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      yield toRecord(line, file, lineNo);
      if (++count >= limit) break;
    }
  } finally {
    lines.close();
  }
}

/**
 * A corpus record as an article: the body's paragraphs become Markdown paragraphs.
 * Characters Markdown would read as syntax at a line start are escaped, so the
 * text reaches the extractor as written.
 */
export function recordToArticle(record: CorpusRecord): ArticleFile {
  const paragraphs = normalizeText(record.body)
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p !== '')
    .map(escapeMarkdownStart);
  const body = paragraphs.join('\n\n') + '\n';
  return {
    id: record.id,
    file: `corpus:${record.id}`,
    title: normalizeText(record.title).trim(),
    published: null,
    author: null,
    source: record.source,
    url: record.url,
    importedFrom: record.id,
    body,
    bodyLine: 1,
    hash: createHash('sha1').update(body).digest('hex'),
  };
}

function escapeMarkdownStart(p: string): string {
  // Escape block syntax (#, >, -, +, *, "1." lists, ":" directives) and inline specials.
  const inline = p.replace(/([\\`*_[\]<>|])/g, '\\$1');
  return inline.replace(/^(#|>|-|\+|:|(\d+)([.)]))/, (m) => '\\' + m);
}
