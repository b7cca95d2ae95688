/** Slugs: unique, a clash gets a stable suffix, never an overwrite; re-import updates the same file. */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { importInputs, type ImportEvent } from '../../../src/lib/import/run.ts';
import { freshDir, seedFiles } from './support.ts';

function jsonl(dir: string, name: string, records: object[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

async function run(inputs: string[], out: string): Promise<ImportEvent[]> {
  const events: ImportEvent[] = [];
  await importInputs(inputs, out, (e) => events.push(e));
  return events;
}

describe('slugs and clashes', () => {
  it('gives same-title articles stable suffixes in input order, never overwriting', async () => {
    const dir = freshDir();
    const out = path.join(dir, 'out');
    const input = jsonl(dir, 'same.jsonl', [
      { id: 'a', title: 'Đảng ủy phường Trương Định', body: 'Nội dung thứ nhất của bài.' },
      { id: 'b', title: 'Đảng ủy phường Trương Định', body: 'Nội dung thứ hai, khác hẳn.' },
      { id: 'c', title: 'ĐẢNG ỦY PHƯỜNG TRƯƠNG ĐỊNH!', body: 'Nội dung thứ ba, cũng khác.' },
    ]);
    const events = await run([input], out);
    expect(events.map((e) => e.kind)).toEqual(['written', 'written', 'written']);
    expect(readdirSync(out).sort()).toEqual(['dang-uy-phuong-truong-dinh-2.md', 'dang-uy-phuong-truong-dinh-3.md', 'dang-uy-phuong-truong-dinh.md']);
    expect(readFileSync(path.join(out, 'dang-uy-phuong-truong-dinh.md'), 'utf8')).toContain('importedFrom: a');
    expect(readFileSync(path.join(out, 'dang-uy-phuong-truong-dinh-3.md'), 'utf8')).toContain('importedFrom: c');
  });

  it('does not overwrite a file already in --out that came from elsewhere', async () => {
    const out = freshDir();
    const handWritten = '---\ntitle: Xây dựng Đảng vững mạnh từ cơ sở\n---\n\nBài viết tay.\n';
    writeFileSync(path.join(out, 'xay-dung-dang-vung-manh-tu-co-so.md'), handWritten);
    const events = await run(seedFiles(), out);
    expect(events.filter((e) => e.kind === 'written')).toHaveLength(5);
    expect(readFileSync(path.join(out, 'xay-dung-dang-vung-manh-tu-co-so.md'), 'utf8')).toBe(handWritten);
    expect(readFileSync(path.join(out, 'xay-dung-dang-vung-manh-tu-co-so-2.md'), 'utf8')).toContain('importedFrom: 002_12b90e3edf959f26.txt');
  });

  it('re-importing the same inputs reports "unchanged" and creates no duplicates', async () => {
    const out = freshDir();
    await run(seedFiles(), out);
    const before = readdirSync(out).sort();
    const again = await run(seedFiles(), out);
    expect(again.map((e) => e.kind)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(readdirSync(out).sort()).toEqual(before);
  });

  it('a changed record with the same importedFrom updates its own file', async () => {
    const dir = freshDir();
    const out = path.join(dir, 'out');
    await run([jsonl(dir, 'v1.jsonl', [{ id: 'x-1', title: 'Tin thử nghiệm', body: 'Bản đầu tiên.' }])], out);
    const events = await run([jsonl(dir, 'v2.jsonl', [{ id: 'x-1', title: 'Tin thử nghiệm (sửa)', body: 'Bản đã sửa.' }])], out);
    expect(events).toMatchObject([{ kind: 'updated', importedFrom: 'x-1' }]);
    expect(readdirSync(out)).toEqual(['tin-thu-nghiem.md']);
    expect(readFileSync(path.join(out, 'tin-thu-nghiem.md'), 'utf8')).toContain('Bản đã sửa.');
  });

  it('two inputs with the same file name in one run get two files', async () => {
    const dir = freshDir();
    const out = path.join(dir, 'out');
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    for (const [folder, body] of [[a, 'Nội dung bản A.'], [b, 'Nội dung bản B.']] as const) {
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'tin.txt'), `Tin cùng tên\n\n${body}\n`);
    }
    const events = await run([path.join(a, 'tin.txt'), path.join(b, 'tin.txt')], out);
    expect(events.map((e) => e.kind)).toEqual(['written', 'written']);
    expect(readdirSync(out).sort()).toEqual(['tin-cung-ten-2.md', 'tin-cung-ten.md']);
    expect(readFileSync(path.join(out, 'tin-cung-ten-2.md'), 'utf8')).toContain('Nội dung bản B.');
    const again = await run([path.join(a, 'tin.txt'), path.join(b, 'tin.txt')], out);
    expect(again.map((e) => e.kind)).toEqual(['unchanged', 'unchanged']);
    expect(readdirSync(out)).toHaveLength(2);
  });

  it('skips a second record with the same text, naming the file it duplicates', async () => {
    const dir = freshDir();
    const out = path.join(dir, 'out');
    const events = await run([
      jsonl(dir, 'dup.jsonl', [
        { id: 'p', title: 'Tin gốc', body: 'Cùng một nội dung.' },
        { id: 'q', title: 'Tin đăng lại', body: 'Cùng  một nội dung.' },
      ]),
    ], out);
    expect(events[1]).toMatchObject({ kind: 'skipped', line: 2, importedFrom: 'q', reason: 'duplicate text: same as tin-goc.md' });
    expect(readdirSync(out)).toEqual(['tin-goc.md']);
  });
});
