import { describe, expect, it } from 'vitest';
import { documentSearchKeys, queryDocumentKeys } from '../../../src/lib/search/document-keys.ts';
import type { KbEntity } from '../../../src/lib/model/kb.ts';

function documentEntity(name: string, aliases: string[], code: string | null, term: string | null): KbEntity {
  return {
    id: 'document/x', type: 'document', name, aliases, url: '/van-ban/x/', articles: [], mentions: [],
    document: { kind: name.split(' ').slice(0, 2).join(' '), code, number: null, issuer: null, term, date: null, replacedBy: null },
  };
}

const ct05 = documentEntity('Chỉ thị 05-CT/TW', ['Chỉ thị số 05-CT/TƯ'], '05-CT/TW', null);
const nq4xii = documentEntity('Nghị quyết Trung ương 4 khóa XII', ['Nghị quyết Trung ương 4 (Khoá XII)'], '04-NQ/TW', 'XII');
const nq4xi = documentEntity('Nghị quyết Trung ương 4 khóa XI', [], '12-NQ/TW', 'XI');
const ct24tu = documentEntity('Chỉ thị 24-CT/TU của Thành ủy Hà Nội', ['Chỉ thị số 24'], '24-CT/TU', null);

function finds(query: string, entity: KbEntity): boolean {
  const stored = new Set(documentSearchKeys(entity));
  const keys = queryDocumentKeys(query);
  return keys.length > 0 && keys.every((k) => stored.has(k));
}

describe('document-code keys', () => {
  it.each(['05-CT/TW', '05/CT-TW', '05-CT/TƯ', 'CT 05', 'chỉ thị số 05', 'chi thi 05', 'Chỉ thị 5'])('"%s" reaches Chỉ thị 05-CT/TW', (q) => {
    expect(finds(q, ct05)).toBe(true);
    expect(finds(q, ct24tu)).toBe(false);
  });
  it.each(['NQ TƯ 4', 'NQTW4', 'Nghị quyết TW 4', 'nghi quyet trung uong 4', 'Nghị quyết Hội nghị Trung ương 4'])('"%s" reaches both Trung ương 4 resolutions', (q) => {
    expect(finds(q, nq4xii)).toBe(true);
    expect(finds(q, nq4xi)).toBe(true);
  });
  it('uses the term when the query gives one', () => {
    expect(finds('NQ TƯ 4 khoá XII', nq4xii)).toBe(true);
    expect(finds('NQ TƯ 4 khoá XII', nq4xi)).toBe(false);
    expect(finds('Nghị quyết Trung ương 4 (khóa XI)', nq4xi)).toBe(true);
  });
  it('keeps TU (a provincial or city committee) apart from TƯ (central)', () => {
    expect(finds('24-CT/TU', ct24tu)).toBe(true);
    expect(finds('24-CT/TU', ct05)).toBe(false);
    expect(finds('05-CT/TƯ', ct05)).toBe(true);
  });
  it('reads a reference at the start of a longer query, the other words left to the text search', () => {
    expect(finds('chỉ thị 05 về học tập và làm theo tư tưởng Hồ Chí Minh', ct05)).toBe(true);
    expect(finds('NQ TƯ 4 khoá XII về xây dựng Đảng', nq4xii)).toBe(true);
    expect(finds('NQ TƯ 4 khoá XII về xây dựng Đảng', nq4xi)).toBe(false);
    expect(queryDocumentKeys('quốc hội thông qua chỉ thị 05')).toEqual([]); // not at the start: a headline
  });
  it('finds nothing in ordinary words', () => {
    expect(queryDocumentKeys('le thanh vinh')).toEqual([]);
    expect(queryDocumentKeys('thứ tư 4 người')).toEqual([]);
  });
  it('stays fast on a long pathological query', () => {
    const started = performance.now();
    for (const q of ['nq '.repeat(20_000) + 'tw '.repeat(20_000) + '4/'.repeat(20_000), '05-CT/'.repeat(30_000)]) queryDocumentKeys(q);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
