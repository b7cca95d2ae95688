import { describe, expect, it } from 'vitest';
import {
  canonicalTerm,
  documentQueryKey,
  documentSearchKeys,
  formatDocumentCode,
  parseDocumentCode,
  parseDocumentQuery,
} from '../../../src/lib/text/document-codes.ts';
import { foldChars } from '../../../src/lib/text/fold.ts';
import { loadDocumentRegistry } from '../../../src/lib/extract/document-registry.ts';

describe('document query forms share one canonical key', () => {
  it.each([
    ['ct-05', ['05-CT/TW', '05/CT-TW', '05-CT/TƯ', '05- CT/TW', 'CT 05', 'ct05', 'Chỉ thị số 05', 'chỉ thị 05', 'chi thi so 05', 'Chỉ thị 5', 'CHỈ THỊ SỐ 05', 'Chỉ thị 05-CT/TW']],
    ['nq-tw4', ['NQ TƯ 4', 'NQTW4', 'nqtw4', 'NQ TW 4', 'Nghị quyết TW 4', 'Nghị quyết TW4', 'Nghị quyết T.Ư 4', 'Nghị quyết Trung ương 4', 'nghi quyet trung uong 4', 'Nghị quyết Trung ương 4 (Khoá XII)', 'Nghị quyết Trung ương 4 khóa XI, XII', 'Nghị quyết Hội nghị Trung ương 4', 'Nghị quyết Trung ương lần thứ tư']],
    ['kl-tw4', ['Kết luận Trung ương 4 khóa XIII', 'KL TW 4', 'ket luan trung uong 4']],
    ['nq-04', ['04-NQ/TW', 'Nghị quyết số 04-NQ/TW', 'NQ 04', 'nghị quyết 4']],
    ['kl-21', ['21-KL/TƯ', '21-KL/TW', 'Kết luận số 21-KL/TW', 'kết luận 21']],
    ['qd-47', ['Quy định 47-QĐ/TW', '47-QĐ/TW', '47-QD/TW', 'quy dinh 47', 'QĐ 47']],
    ['ct-24-tu', ['24-CT/TU', 'Chỉ thị số 24-CT/TU']],
    ['dieu-le-dang', ['Điều lệ Đảng', 'dieu le dang', 'Điều lệ Đảng Cộng sản Việt Nam']],
    ['nq-dh-xiii', ['Nghị quyết Đại hội XIII', 'Nghị quyết Đại hội Đảng lần thứ XIII', 'nghi quyet dai hoi 13']],
  ])('%s', (key, forms) => {
    for (const form of forms) expect([form, documentQueryKey(form)]).toEqual([form, key]);
  });

  it('keeps the terms a query states, for ranking', () => {
    expect(parseDocumentQuery('Nghị quyết Trung ương 4 (Khoá XII)')!.terms).toEqual(['XII']);
    expect(parseDocumentQuery('Nghị quyết Trung ương 4 (khóa XI, XII)')!.terms).toEqual(['XI', 'XII']);
    expect(parseDocumentQuery('NQ TƯ 4 khoá 12')!.terms).toEqual(['XII']);
  });

  it('tells the central TƯ from the provincial TU by the horn', () => {
    expect(parseDocumentQuery('24-CT/TƯ')!.issuerCode).toBe('TW');
    expect(parseDocumentQuery('24-CT/TU')!.issuerCode).toBe('TU');
  });

  it('is not fooled by ordinary queries', () => {
    for (const q of ['le thanh vinh', 'dang uy phuong truong dinh', 'Đảng ủy phường Trương Định', 'nghị quyết', 'chỉ thị của Trung ương', '2.500 hộ', 'CT', '', 'x'.repeat(500)]) {
      expect([q, documentQueryKey(q)]).toEqual([q, null]);
    }
  });

  it('gives every registry document its search keys, code and plenum alike', () => {
    const registry = loadDocumentRegistry();
    const nq4 = registry.byId.get('nghi-quyet-04-nq-tw-khoa-xii')!;
    expect(documentSearchKeys(nq4).sort()).toEqual(['nq-04', 'nq-tw4']);
    const kl21 = registry.byId.get('ket-luan-21-kl-tw-khoa-xiii')!;
    expect(documentSearchKeys(kl21).sort()).toEqual(['kl-21', 'kl-tw4']);
    const ct05 = registry.byId.get('chi-thi-05-ct-tw-khoa-xii')!;
    expect(documentSearchKeys(ct05)).toEqual(['ct-05']);
  });
});

describe('codes', () => {
  it.each([
    ['05-CT/TW', '05-CT/TW'],
    ['05/CT-TW', '05-CT/TW'],
    ['5-CT/TƯ', '05-CT/TW'],
    ['21-KL/T.Ư', '21-KL/TW'],
    ['47- QĐ/TW', '47-QĐ/TW'],
    ['08-QĐi/TW', '08-QĐ/TW'],
    ['24-CT/TU', '24-CT/TU'],
    ['35/NQ-CP', '35/NQ-CP'],
    ['108/2014/NĐ-CP', '108/2014/NĐ-CP'],
    ['58/2016/QĐ-Ttg', '58/2016/QĐ-TTg'],
    ['916/NQ-UBTVQH13', '916/NQ-UBTVQH13'],
  ])('%s → %s', (raw, canonical) => {
    const code = parseDocumentCode(raw);
    expect(code).not.toBeNull();
    expect(formatDocumentCode(code!)).toBe(canonical);
  });

  it('rejects what is not a code', () => {
    for (const raw of ['05-CT', '2.500/10.000', '15/5/2016', '05-XY/TW', 'CT/TW']) expect(parseDocumentCode(raw)).toBeNull();
  });

  it('reads terms as Roman or Arabic numbers', () => {
    expect(canonicalTerm('xii')).toBe('XII');
    expect(canonicalTerm('12')).toBe('XII');
    expect(canonicalTerm('IIII')).toBeNull();
    expect(canonicalTerm('XIIX')).toBeNull();
  });

  it('folds without changing offsets', () => {
    const text = 'Nghị quyết Trung ương 4 (Khoá XII), Đảng ủy, Thụy Khuê';
    const folded = foldChars(text);
    expect(folded).toBe('nghi quyet trung uong 4 (khoa xii), dang uy, thuy khue');
    expect(folded.length).toBe(text.length);
    const decomposed = 'Nghị'.normalize('NFD');
    expect(foldChars(decomposed).length).toBe(decomposed.length);
  });
});
