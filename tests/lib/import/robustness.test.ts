/** Bad inputs: a clear message naming the file (and line), the other inputs and records still imported. */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import matter from 'gray-matter';
import { importInputs, type ImportEvent } from '../../../src/lib/import/run.ts';
import { decodeText } from '../../../src/lib/import/decode.ts';
import { ImportError } from '../../../src/lib/import/types.ts';
import { FIXTURES, freshDir } from './support.ts';

const fixture = (name: string): string => path.join(FIXTURES, name);

async function run(inputs: string[], out = freshDir()): Promise<{ events: ImportEvent[]; out: string }> {
  const events: ImportEvent[] = [];
  await importInputs(inputs, out, (e) => events.push(e));
  return { events, out };
}

describe('unreadable plain-text inputs', () => {
  it('an empty file is an error naming the file', async () => {
    const { events } = await run([fixture('empty.txt')]);
    expect(events).toEqual([{ kind: 'error', input: fixture('empty.txt'), message: 'empty file: nothing to import' }]);
  });

  it('a binary file is an error naming the file, not an article of garbage', async () => {
    const { events, out } = await run([fixture('binary.png')]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'error', input: fixture('binary.png') });
    expect((events[0] as { message: string }).message).toMatch(/not valid UTF-8 or UTF-16 text/u);
    expect(readdirSync(out)).toEqual([]);
  });

  it('binary data that happens to be valid UTF-8 is refused too', () => {
    const bytes = new Uint8Array(600).map((_, i) => (i % 3 === 0 ? 1 : 65));
    expect(() => decodeText(bytes, 'x.bin')).toThrow(ImportError);
    expect(() => decodeText(bytes, 'x.bin')).toThrow(/^x\.bin: binary data/u);
  });

  it('a missing file is an error naming it', async () => {
    const missing = path.join(freshDir(), 'khong-co.txt');
    const { events } = await run([missing]);
    expect(events).toEqual([{ kind: 'error', input: missing, message: 'no such file' }]);
  });

  it('a title-only file is skipped with a message naming it', async () => {
    const { events } = await run([fixture('title-only.txt')]);
    expect(events).toEqual([{ kind: 'skipped', input: fixture('title-only.txt'), importedFrom: 'title-only.txt', reason: 'title only, no body text' }]);
  });
});

describe('UTF-16 inputs are decoded', () => {
  for (const name of ['utf16le-bom.txt', 'utf16le-nobom.txt', 'utf16be-bom.txt']) {
    it(name, async () => {
      const { events, out } = await run([fixture(name)]);
      expect(events).toMatchObject([{ kind: 'written', importedFrom: name }]);
      const { data, content } = matter(readFileSync(path.join(out, 'tieu-de-bai-utf-16.md'), 'utf8'));
      expect(data).toMatchObject({ title: 'Tiêu đề bài UTF-16', published: '2020-10-12', author: 'Thu Hà' });
      expect(content.trim()).toBe('Nội dung bài viết được lưu dưới dạng UTF-16 để kiểm tra bộ giải mã của trình nhập.');
    });
  }

  it('UTF-16LE with BOM and Windows line ends, as VNTC stored its files', async () => {
    const file = path.join(freshDir(), 'vntc-style.txt');
    const text = 'Tiêu đề kiểu VNTC\r\nĐoạn thứ nhất của bài viết kiểu cũ.\r\nĐoạn thứ hai.\r\nLượt xem: 1.234\r\n';
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const { events, out } = await run([file]);
    expect(events).toMatchObject([{ kind: 'written' }]);
    const { data, content } = matter(readFileSync(path.join(out, 'tieu-de-kieu-vntc.md'), 'utf8'));
    expect(data.title).toBe('Tiêu đề kiểu VNTC');
    expect(content).toBe('\nĐoạn thứ nhất của bài viết kiểu cũ.\n\nĐoạn thứ hai.\n');
  });
});

describe('JSON Lines with bad records', () => {
  const expectedErrors = [
    { line: 2, message: /^invalid JSON \(.*\); each line must be one JSON object$/u },
    { line: 3, message: /^missing "title"/u },
    { line: 4, message: /^"body" must be a string or null, found a number$/u },
    { line: 7, message: /^expected a JSON object per line, found a list$/u },
    { line: 8, message: /^"published" must be an ISO date YYYY-MM-DD, found "2021-13-45"$/u },
  ];

  async function check(input: string): Promise<void> {
    const { events, out } = await run([input]);
    const errors = events.filter((e) => e.kind === 'error');
    expect(errors.map((e) => e.line)).toEqual(expectedErrors.map((e) => e.line));
    errors.forEach((e, i) => {
      expect(e.input).toBe(input);
      expect((e as { message: string }).message).toMatch(expectedErrors[i]!.message);
    });
    expect(events.filter((e) => e.kind === 'skipped')).toMatchObject([{ line: 6, importedFrom: 'thu-6', reason: 'title only, no body text' }]);
    expect(readdirSync(out).sort()).toEqual(['ban-ghi-tot-thu-hai.md', 'ban-ghi-tot-thu-nhat.md']);
    const first = matter(readFileSync(path.join(out, 'ban-ghi-tot-thu-nhat.md'), 'utf8'));
    expect(first.data).toEqual({ title: 'Bản ghi tốt thứ nhất', author: 'Lan Anh', source: 'Báo Thử', importedFrom: 'thu-1' });
    expect(first.content).toContain('Đoạn thứ hai kết thúc bài viết này./.\n');
    const second = matter(readFileSync(path.join(out, 'ban-ghi-tot-thu-hai.md'), 'utf8'));
    expect(second.data).toEqual({ title: 'Bản ghi tốt thứ hai', published: '2021-03-04', url: 'https://example.org/bai-5', source: 'Báo Thử', importedFrom: 'thu-5' });
    expect(second.content.trim()).toBe('Nội dung của bản ghi tốt thứ hai, cũng viết tay.');
  }

  it('reports each bad line with its number and imports the good ones', async () => {
    await check(fixture('bad-records.jsonl'));
  });

  it('does the same for a gzip-compressed file', async () => {
    const gz = path.join(freshDir(), 'bad-records.jsonl.gz');
    writeFileSync(gz, gzipSync(readFileSync(fixture('bad-records.jsonl'))));
    await check(gz);
  });

  it('a corrupt gzip file is an error naming it', async () => {
    const gz = path.join(freshDir(), 'hong.jsonl.gz');
    writeFileSync(gz, gzipSync(readFileSync(fixture('bad-records.jsonl'))).subarray(0, 60));
    const { events } = await run([gz]);
    expect(events.at(-1)).toMatchObject({ kind: 'error', input: gz });
  });

  it('a JSON Lines file saved as UTF-16 gets a message saying so', async () => {
    const file = path.join(freshDir(), 'utf16.jsonl');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"title": "x"}\n', 'utf16le')]));
    const { events } = await run([file]);
    expect(events).toEqual([{ kind: 'error', input: file, message: 'JSON Lines must be UTF-8; this file is UTF-16 (re-save it as UTF-8)' }]);
  });
});

describe('the CLI', () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['scripts/import.ts', ...args], { encoding: 'utf8', env: { ...process.env, NODE_NO_WARNINGS: '1' } });

  it('exits non-zero on an unreadable input, naming it, after importing the rest', () => {
    const out = freshDir();
    const result = cli([fixture('empty.txt'), fixture('utf16le-bom.txt'), '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`error   ${fixture('empty.txt')}: empty file: nothing to import`);
    expect(result.stdout).toMatch(/^written +.*tieu-de-bai-utf-16\.md ← utf16le-bom\.txt$/mu);
    expect(result.stdout).toMatch(/^import: 1 written, 0 updated, 0 unchanged, 0 skipped, 1 error → /mu);
    expect(readdirSync(out)).toEqual(['tieu-de-bai-utf-16.md']);
  });

  it('exits 0 and prints counts when every input was read', () => {
    const out = freshDir();
    const stdout = execFileSync(process.execPath, ['scripts/import.ts', fixture('title-only.txt'), fixture('tricky.txt'), '--out', out], { encoding: 'utf8' });
    expect(stdout).toMatch(/^skipped .*title-only\.txt \(title-only\.txt\): title only, no body text$/mu);
    expect(stdout).toMatch(/^import: 1 written, 0 updated, 0 unchanged, 1 skipped \(1 title only, no body text\), 0 errors → /mu);
  });

  it('exits 2 with usage when --out is missing', () => {
    const result = cli([fixture('tricky.txt')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--out <folder> is required');
  });
});
