import { describe, expect, it } from 'vitest';
import { coversQuery, exactNameFirst, nameKey } from '../../../src/lib/search/rerank.ts';
import { toIndexForm } from '../../../src/lib/search/index-form.ts';

describe('exact-name promotion', () => {
  const results = [
    { title: toIndexForm('Đảng ủy phường Thụy Khuê'), names: toIndexForm('Đảng ủy phường Thụy Khuê') },
    { title: toIndexForm('Quận Tây Hồ đổi mới, sáng tạo trong công tác xây dựng Đảng') },
    { title: toIndexForm('Phường Thụy Khuê'), names: toIndexForm('Phường Thụy Khuê | phường Thụy Khuê') },
  ];
  it('moves the page whose name is the query to the front, folded and in any tone placement', () => {
    expect(exactNameFirst('phuong thuy khue', results)).toEqual([2, 0, 1]);
    expect(exactNameFirst('phường Thuỵ Khuê', results)).toEqual([2, 0, 1]);
  });
  it('matches aliases from the names meta, and article titles, ignoring punctuation', () => {
    expect(exactNameFirst('Quận Tây Hồ đổi mới sáng tạo trong công tác xây dựng Đảng', results)).toEqual([1, 0, 2]);
    expect(exactNameFirst('dang uy phuong thuy khue', results)).toEqual([0, 1, 2]);
  });
  it('keeps Pagefind\'s order when no name is exact', () => {
    expect(exactNameFirst('thuy khue', results)).toEqual([0, 1, 2]);
    expect(exactNameFirst('', results)).toEqual([0, 1, 2]);
  });
  it('compares names without the stroke used in the index', () => {
    expect(nameKey(toIndexForm('Đặng Trần Minh'))).toBe('dang tran minh');
  });
});

describe('coversQuery (did a core result answer the query?)', () => {
  const page = [toIndexForm('Đảng ủy phường Trương Định'), toIndexForm('Đảng ủy phường Trương Định | ĐU phường Trương Định')];
  it('accepts a result that carries every folded word, or a longer word starting with it', () => {
    expect(coversQuery('dang uy phuong truong dinh', page)).toBe(true);
    expect(coversQuery('Đảng ủy phường Trương', page)).toBe(true);
    expect(coversQuery('dang uy phuong truo', page)).toBe(true);
  });
  it('rejects Pagefind\'s near-misses: a word the result does not carry', () => {
    expect(coversQuery('dang uy phuong minh khai', page)).toBe(false);
    expect(coversQuery('vung manh', [toIndexForm('Chỉ thị số 24 của Ban Thường vụ Thành ủy')])).toBe(false);
    expect(coversQuery('', page)).toBe(false);
  });
});
