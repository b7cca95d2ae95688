import { describe, expect, it } from 'vitest';
import { holdsPhrase, nameKey, nameMatch, phraseFirst } from '../../../src/lib/search/rerank.ts';
import { toIndexForm } from '../../../src/lib/search/index-form.ts';

describe('exact-name promotion', () => {
  const results = [
    { title: toIndexForm('Đảng ủy phường Thụy Khuê'), names: toIndexForm('Đảng ủy phường Thụy Khuê') },
    { title: toIndexForm('Quận Tây Hồ đổi mới, sáng tạo trong công tác xây dựng Đảng') },
    { title: toIndexForm('Phường Thụy Khuê'), names: toIndexForm('Phường Thụy Khuê | phường Thụy Khuê') },
  ];
  it('moves the page whose name is the query to the front, folded and in any tone placement', () => {
    expect(phraseFirst('phuong thuy khue', results)).toEqual([2, 0, 1]);
    expect(phraseFirst('phường Thuỵ Khuê', results)).toEqual([2, 0, 1]);
  });
  it('matches aliases from the names meta, and article titles, ignoring punctuation', () => {
    expect(phraseFirst('Quận Tây Hồ đổi mới sáng tạo trong công tác xây dựng Đảng', results)).toEqual([1, 0, 2]);
    expect(phraseFirst('dang uy phuong thuy khue', results)).toEqual([0, 1, 2]);
  });
  it('keeps Pagefind\'s order when no name is exact, within the names that hold the query and the rest', () => {
    expect(phraseFirst('thuy khue', results)).toEqual([0, 2, 1]);
    expect(phraseFirst('khue thuy', results)).toEqual([0, 1, 2]);
    expect(phraseFirst('', results)).toEqual([0, 1, 2]);
  });
  it('compares names without the stroke used in the index', () => {
    expect(nameKey(toIndexForm('Đặng Trần Minh'))).toBe('dang tran minh');
  });
});

describe('phrase ranking (did a page answer the query?)', () => {
  const unit = { title: toIndexForm('Đảng ủy phường Trương Định'), names: toIndexForm('Đảng ủy phường Trương Định | ĐU phường Trương Định') };
  it('holds a phrase whose words stand together and in order; the last may still be being typed', () => {
    expect(holdsPhrase('dang uy phuong truong dinh', 'phuong truong dinh')).toBe(true);
    expect(holdsPhrase('dang uy phuong truong dinh', 'phuong truo')).toBe(true);
    expect(holdsPhrase('dang uy phuong truong dinh', 'truong phuong')).toBe(false);
    expect(holdsPhrase('dang uy phuong truong dinh', 'dang phuong')).toBe(false);
    expect(holdsPhrase('dang uy', '')).toBe(false);
  });
  it('names a page by its name, an alias or a phrase of them, folded, not by words scattered over fields', () => {
    expect(nameMatch('Đảng ủy phường Trương Định', unit)).toBe(0);
    expect(nameMatch('du phuong truong dinh', unit)).toBe(0);
    expect(nameMatch('phuong truong dinh', unit)).toBe(1);
    expect(nameMatch('dang uy phuong minh khai', unit)).toBe(2);
    // "luật" in a role and "Đất" in a name: the page carries the words, but does not bear the name.
    const person = { title: toIndexForm('Nguyễn Văn Đạt'), names: toIndexForm('Nguyễn Văn Đạt | ông Đạt') };
    expect(nameMatch('luat dat dai', person)).toBe(2);
  });
  it('puts exact names, then phrases in a title, then the rest, keeping Pagefind\'s order within each', () => {
    const results = [
      { title: toIndexForm('Mỹ yêu cầu Syria rút quân khỏi Libăng') },
      { title: toIndexForm('TP.HCM xây cầu Phú Mỹ nối quận 2 với quận 7') },
      { title: toIndexForm('Ngày 9-9 khởi công cầu Phú Mỹ') },
      { title: toIndexForm('Cầu Phú Mỹ'), names: toIndexForm('Cầu Phú Mỹ') },
    ];
    expect(phraseFirst('khoi cong cau phu my', results)).toEqual([2, 0, 1, 3]);
    expect(phraseFirst('cau phu my', results)).toEqual([3, 1, 2, 0]);
  });
});
