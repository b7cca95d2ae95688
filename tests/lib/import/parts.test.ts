/** The importer's parts on hand-written text: bylines, inline captions, dates, the boilerplate table. */
import { describe, expect, it } from 'vitest';
import { looksLikeName, parseByline, splitGluedByline } from '../../../src/lib/import/byline.ts';
import { splitInlineCaptions } from '../../../src/lib/import/captions.ts';
import { findDayMonthYear, isoDate } from '../../../src/lib/import/dates.ts';
import { BOILERPLATE_RULES } from '../../../src/lib/import/boilerplate.ts';
import { cleanArticle, type RawArticle } from '../../../src/lib/import/article.ts';

const raw = (text: string, title: string | null = null): RawArticle => ({
  text, title, importedFrom: 'thu', url: null, source: null, author: null, published: null,
});

describe('bylines', () => {
  it.each([
    ['N.Hoa', { author: 'N.Hoa', source: null }],
    ['Thanh Thương', { author: 'Thanh Thương', source: null }],
    ['Quỳnh Hoa (TTXVN)', { author: 'Quỳnh Hoa', source: 'TTXVN' }],
    ['Thanh Thương/TTXVN', { author: 'Thanh Thương', source: 'TTXVN' }],
    ['Ngọc Sơn (theo AFP)', { author: 'Ngọc Sơn', source: null }],
    ['Vân - Chung (TTXVN)', { author: 'Vân - Chung', source: 'TTXVN' }],
    ['TTXVN/Tin Tức', { author: null, source: 'TTXVN' }],
    ['Theo Vietnamnet', { author: null, source: 'VietNamNet' }],
    ['Việt Anh thực hiện', { author: 'Việt Anh', source: null }],
  ])('%s', (line, expected) => {
    expect(parseByline(line)).toEqual(expected);
  });

  it.each(['Toàn cảnh hội nghị.', 'Giải pháp đồng bộ', 'Tin khác', 'Poly', 'Báo Tiền Phong', 'Phần I', 'một người viết thường'])(
    'is not fooled by %s',
    (line) => {
      expect(parseByline(line)).toBeNull();
    },
  );

  it('splits a byline glued to the last paragraph, and only a name', () => {
    expect(splitGluedByline('Hai bên nhất trí tăng cường hợp tác./. Thái Linh')).toEqual({
      text: 'Hai bên nhất trí tăng cường hợp tác./.',
      byline: { author: 'Thái Linh', source: null },
    });
    expect(splitGluedByline('Nguyên nhân vụ việc đang được làm rõ.')).toBeNull();
    expect(splitGluedByline('Ông nói rằng. Sau đó mọi người ra về')).toBeNull();
    expect(looksLikeName('Đình Hiệp')).toBe(true);
  });
});

describe('inline captions (Báo Mới)', () => {
  it('splits caption and credit out of running text', () => {
    expect(splitInlineCaptions('Hai bên ký kết thỏa thuận. Bộ trưởng phát biểu tại lễ ký. Ảnh: VGP Sau lễ ký, hai đoàn hội đàm.')).toEqual([
      { kind: 'paragraph', text: 'Hai bên ký kết thỏa thuận.' },
      { kind: 'caption', text: 'Bộ trưởng phát biểu tại lễ ký.', credit: 'Ảnh: VGP' },
      { kind: 'paragraph', text: 'Sau lễ ký, hai đoàn hội đàm.' },
    ]);
    expect(splitInlineCaptions('Quang cảnh phiên họp. (Ảnh: Minh Đức/TTXVN) Phiên họp kéo dài cả ngày.')).toEqual([
      { kind: 'caption', text: 'Quang cảnh phiên họp.', credit: 'Ảnh: Minh Đức/TTXVN' },
      { kind: 'paragraph', text: 'Phiên họp kéo dài cả ngày.' },
    ]);
  });

  it('leaves the text alone when the credit has no clear end', () => {
    const text = 'Đại biểu phát biểu. Ảnh: Sina Ở nơi khác cũng có người nói vậy.';
    expect(splitInlineCaptions(text)).toEqual([{ kind: 'paragraph', text }]);
  });

  it('is linear on a long line full of credits', () => {
    const long = 'Người dân dự lễ. Ảnh: Hải Nam '.repeat(20_000);
    const started = performance.now();
    splitInlineCaptions(long);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('dates', () => {
  it('accepts only real, full dates', () => {
    expect(findDayMonthYear('Đình Hiệp| 27/01/2023 06:59')).toBe('2023-01-27');
    expect(findDayMonthYear('Chiều 28/2, Quận ủy')).toBeNull();
    expect(findDayMonthYear('ngày 31/02/2023')).toBeNull();
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDate(2023, 13, 1)).toBeNull();
  });
});

describe('the boilerplate table', () => {
  it('names, places and exemplifies every rule', () => {
    const names = BOILERPLATE_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of BOILERPLATE_RULES) {
      expect(rule.example.length).toBeGreaterThan(0);
      expect(rule.where.length).toBeGreaterThan(0);
      if (rule.action === 'capture') expect(rule.capture).toBeTypeOf('function');
      if (rule.action === 'caption' || rule.action === 'credit') expect(rule.rewrite).toBeTypeOf('function');
    }
  });

  it('finishes in bounded time on a 200,000-character line and on thousands of lines', () => {
    const started = performance.now();
    const huge = 'Tin liên quan ' + 'a'.repeat(200_000) + ' (Ảnh: ' + ' '.repeat(50_000);
    const result = cleanArticle(raw(`Tiêu đề\n\n${huge}\n\n${'Xem thêm\n'.repeat(5000)}${'x y z. '.repeat(10_000)}`));
    expect(result.ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('a mid-article related box ends where the article text resumes', () => {
    const body = 'Đoạn đầu dài. '.repeat(30);
    const result = cleanArticle(raw(`Tiêu đề bài\n\n${body}\n\nTin liên quan\n\nBài cũ một cũng liên quan đến chủ đề\n\n${body}\n\nBài tiếp(01/02/2005)\n\nXem tiếp`));
    if (!result.ok) throw new Error(result.reason);
    expect(result.article.blocks).toEqual([
      { kind: 'paragraph', text: body.trim() },
      { kind: 'paragraph', text: body.trim() },
    ]);
  });
});
