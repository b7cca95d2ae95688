import { describe, expect, it } from 'vitest';
import { canonicalTones, fold } from '../../../src/lib/text/fold.ts';
import { normalizeText } from '../../../src/lib/text/normalize.ts';
import { slugify, SlugAllocator } from '../../../src/lib/text/slug.ts';
import { comparePersons } from '../../../src/lib/text/collate.ts';

describe('fold', () => {
  it('folds đ/Đ, which Unicode decomposition alone does not', () => {
    expect(fold('Đảng ủy phường Trương Định')).toBe('dang uy phuong truong dinh');
    expect('Đ'.normalize('NFD')).toBe('Đ');
  });
});

describe('canonicalTones', () => {
  it('treats old and new tone placement as the same word', () => {
    expect(canonicalTones('Khoá XII')).toBe(canonicalTones('khóa XII').replace('k', 'K'));
    expect(canonicalTones('Thuỵ Khuê')).toBe('Thụy Khuê');
    expect(canonicalTones('hoà bình')).toBe('hòa bình');
  });
  it('leaves syllables with a final consonant and qu- alone', () => {
    expect(canonicalTones('hoàn thành')).toBe('hoàn thành');
    expect(canonicalTones('quý')).toBe('quý');
    expect(canonicalTones('thuyết')).toBe('thuyết');
  });
});

describe('normalizeText', () => {
  it('fixes Eth, NFD, entities and invisible characters', () => {
    const nfd = 'Nghị quyết'.normalize('NFD');
    expect(normalizeText(`\uFEFFÐảng&nbsp;ủy ${nfd}\u200B TN&MT; &amp;`)).toBe('Đảng ủy Nghị quyết TN&MT &');
  });
});

describe('slugs', () => {
  it('are ASCII from the folded title', () => {
    expect(slugify('Đảng bộ Quân sự quận Hai Bà Trưng: Nâng cao chất lượng')).toBe('dang-bo-quan-su-quan-hai-ba-trung-nang-cao-chat-luong');
  });
  it('get a stable suffix on a clash', () => {
    const a = new SlugAllocator();
    expect([a.claim('x'), a.claim('x'), a.claim('x')]).toEqual(['x', 'x-2', 'x-3']);
  });
});

describe('collation', () => {
  it('sorts people by given name, Vietnamese order', () => {
    const names = ['Nguyễn Văn Nam', 'Lê Thành Vinh', 'Nguyễn Thị Tuyết', 'Trần Quyết Thắng', 'Đặng Trần Minh'];
    expect([...names].sort(comparePersons)).toEqual(['Đặng Trần Minh', 'Nguyễn Văn Nam', 'Trần Quyết Thắng', 'Nguyễn Thị Tuyết', 'Lê Thành Vinh']);
  });
});
