/**
 * A sample of the real corpus (first 300 records of each of its two sources,
 * read at test time, never copied into the repository) imports without a crash
 * and leaves no page-chrome markers behind.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readJsonl } from '../../../src/lib/import/jsonl.ts';
import { cleanArticle } from '../../../src/lib/import/article.ts';
import { renderMarkdown } from '../../../src/lib/import/markdown.ts';
import { importInputs, type ImportEvent } from '../../../src/lib/import/run.ts';
import type { RawArticle } from '../../../src/lib/import/article.ts';
import { CORPUS_PATH, freshDir, readArticle } from './support.ts';

const PER_SOURCE = 300;

/** The first PER_SOURCE Báo Mới and PER_SOURCE VNTC records. */
async function sample(): Promise<RawArticle[]> {
  if (!existsSync(CORPUS_PATH)) throw new Error(`corpus not found at ${CORPUS_PATH}; set CORPUS_PATH`);
  const raws: RawArticle[] = [];
  let baomoi = 0;
  let vntc = 0;
  for await (const item of readJsonl(CORPUS_PATH, true)) {
    if (!item.ok) throw new Error(`corpus line ${item.line}: ${item.message}`);
    const isBaomoi = item.raw.importedFrom.startsWith('baomoi-');
    if (isBaomoi ? baomoi >= PER_SOURCE : vntc >= PER_SOURCE) {
      if (baomoi >= PER_SOURCE && vntc >= PER_SOURCE) break;
      continue;
    }
    if (isBaomoi) baomoi++;
    else vntc++;
    raws.push(item.raw);
  }
  return raws;
}

// Lines (whole blocks) that are page chrome wherever they appear.
const CHROME_BLOCK = /^(?:\(\d+\) Bình luận|Bình luận|Xem tiếp|Xem thêm:?|Tin liên quan:?|Tin khác|Ý kiến của bạn:?|Nổi bật|Đừng bỏ lỡ|Các tin đã đưa|POWERED BY)$/u;
const VIEW_COUNTER = /truy cập\s+[\d.]+\s+lượt/u;
const RELATED_LINK = /\S\(\d{1,2}\/\d{1,2}\/\d{4}\)$/u;
const SCRIPT = /^(?:AddVote\(|kmode =|kfont =|document\.)/u;

describe('a corpus sample', () => {
  const out = freshDir();
  const events: ImportEvent[] = [];
  let raws: RawArticle[] = [];

  beforeAll(async () => {
    raws = await sample();
    const input = path.join(freshDir(), 'sample.jsonl');
    writeFileSync(
      input,
      raws.map((r) => JSON.stringify({ id: r.importedFrom, title: r.title, body: r.text, url: r.url, source: r.source })).join('\n'),
    );
    await importInputs([input], out, (e) => events.push(e));
  }, 120_000);

  it('is a sample of both sources', () => {
    expect(raws.filter((r) => r.importedFrom.startsWith('baomoi-'))).toHaveLength(PER_SOURCE);
    expect(raws.filter((r) => r.importedFrom.startsWith('vntc-'))).toHaveLength(PER_SOURCE);
  });

  it('imports every record without an error, and explains every skip', () => {
    expect(events.filter((e) => e.kind === 'error')).toEqual([]);
    const written = events.filter((e) => e.kind === 'written');
    expect(written.length).toBeGreaterThan(PER_SOURCE * 2 * 0.95);
    for (const e of events.filter((x) => x.kind === 'skipped')) expect(e.reason).toMatch(/^(?:duplicate text|empty body|title only)/u);
    expect(readdirSync(out)).toHaveLength(written.length);
  });

  it('leaves no boilerplate markers in any article', () => {
    const offenders: string[] = [];
    for (const name of readdirSync(out)) {
      const article = readArticle(path.join(out, name));
      for (const block of article.blocks) {
        if (CHROME_BLOCK.test(block.text) || VIEW_COUNTER.test(block.text) || RELATED_LINK.test(block.text) || SCRIPT.test(block.text)) {
          offenders.push(`${name}: ${block.text.slice(0, 80)}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps the source and url of each record, and the text of the body', () => {
    for (const raw of raws.slice(0, 50)) {
      const result = cleanArticle(raw);
      if (!result.ok) continue;
      expect(result.article.url).toBe(raw.url);
      expect(result.article.source).not.toBeNull();
      const markdown = renderMarkdown(result.article);
      expect(markdown.length).toBeGreaterThan(raw.text.length * 0.5);
    }
  });

  it('finds bylines at the end of Báo Mới bodies and marks inline captions', () => {
    const files = readdirSync(out).map((name) => readFileSync(path.join(out, name), 'utf8'));
    const withAuthor = files.filter((f) => /^author: /mu.test(f)).length;
    const withCaption = files.filter((f) => f.includes('\n:::caption\n')).length;
    expect(withAuthor).toBeGreaterThan(PER_SOURCE * 0.2);
    expect(withCaption).toBeGreaterThan(PER_SOURCE * 0.2);
  });
});
