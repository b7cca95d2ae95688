/** Escaping: every body text renders as written after a round trip through the project's remark parse. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import { escapeMarkdown, renderFrontmatter, renderMarkdown } from '../../../src/lib/import/markdown.ts';
import { parseMarkdown } from '../../../src/lib/markdown/parse.ts';
import { articleText } from '../../../src/lib/markdown/text.ts';
import { importPlainText } from '../../../src/lib/import/plaintext.ts';
import type { ImportedArticle } from '../../../src/lib/import/types.ts';
import { FIXTURES, seedFiles } from './support.ts';

/** Parse a rendered body and give back each block's text and kind. */
function roundTrip(markdown: string): { kind: string; text: string }[] {
  const at = articleText(parseMarkdown(markdown));
  return at.blocks.map((b) => ({ kind: b.kind, text: at.text.slice(b.start, b.end) }));
}

const TRICKY = [
  '1. Mục đầu tiên không phải danh sách',
  '2022) năm ấy',
  '- gạch đầu dòng',
  '+ dấu cộng',
  '* dấu sao',
  '# không phải tiêu đề',
  '> không phải trích dẫn',
  '===',
  '---',
  '***',
  'a * b * c và _gạch_ và __đậm__',
  '[liên kết](http://example.org) và ![ảnh](x.png)',
  '<script>alert(1)</script> <b>đậm</b> <!-- chú thích -->',
  'TN&MT; và &amp; viết sẵn và &#65; và &copy;',
  'Email:abc@example.org và :abc[x]{y} và ::leaf',
  'lúc 08:39 ngày 05/03, tỷ lệ 1:2, 10:30:45 và Ảnh:Đức',
  ':::caption',
  '`mã` và ``hai`` và \\ gạch chéo',
  'kết thúc bằng gạch chéo \\',
  '| cột | bảng |',
  '~~gạch ngang~~ và ~ngã~',
  '    thụt lề bốn dấu cách (đã cắt ở đầu dòng)',
  'https://example.org/duong-dan_voi_gach',
];

describe('escapeMarkdown', () => {
  for (const text of TRICKY) {
    it(`round-trips ${JSON.stringify(text)}`, () => {
      const blocks = roundTrip(escapeMarkdown(text.trim()));
      expect(blocks).toEqual([{ kind: 'paragraph', text: text.trim() }]);
    });
  }

  it('round-trips every paragraph and caption of the five seeds', () => {
    for (const file of seedFiles()) {
      const result = importPlainText(readFileSync(file), file);
      if (!result.ok) throw new Error(`${file}: ${result.reason}`);
      const expected = result.article.blocks.flatMap((b) =>
        b.kind === 'paragraph' ? [{ kind: 'paragraph', text: b.text }] : [b.text, b.credit ?? ''].filter(Boolean).map((text) => ({ kind: 'caption', text })),
      );
      const { content } = matter(renderMarkdown(result.article));
      expect(roundTrip(content)).toEqual(expected);
    }
  });

  it('round-trips a hand-written article full of Markdown syntax', () => {
    const result = importPlainText(readFileSync(path.join(FIXTURES, 'tricky.txt')), 'tricky.txt');
    if (!result.ok) throw new Error(result.reason);
    const { data, content } = matter(renderMarkdown(result.article));
    expect(data.title).toBe('Bài viết thử: *dấu sao*, _gạch dưới_ và [ngoặc vuông]');
    const blocks = roundTrip(content);
    expect(blocks.map((b) => b.text)).toEqual([
      '1. Mục đầu tiên của bài viết thử nghiệm, viết tay cho bộ kiểm thử, không lấy từ kho dữ liệu nào.',
      '- Dòng bắt đầu bằng gạch ngang không phải danh sách.',
      '# Dòng bắt đầu bằng dấu thăng không phải tiêu đề.',
      'Văn bản có <script>alert(1)</script> và © cùng :abc và `mã` và \\ gạch chéo ngược.',
      'Quang cảnh buổi họp chi bộ thôn Đông.',
      'Đồng chí Bí thư chi bộ phát biểu',
      'Ảnh: Minh Khôi',
    ]);
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph', 'caption', 'caption', 'caption']);
  });
});

describe('renderFrontmatter', () => {
  const article: ImportedArticle = {
    title: 'Tiêu đề: có "ngoặc kép", dấu # và - gạch',
    published: '2023-01-27',
    author: null,
    source: "Báo 'Thử'",
    url: null,
    importedFrom: 'thu: 1.txt',
    blocks: [],
  };

  it('omits null fields and quotes whatever YAML needs quoted', () => {
    const text = renderFrontmatter(article);
    expect(text).not.toMatch(/author|url/u);
    const yaml = text.replace(/^---\n|---\n$/gu, '');
    expect(parseYaml(yaml)).toEqual({ title: article.title, published: '2023-01-27', source: "Báo 'Thử'", importedFrom: 'thu: 1.txt' });
  });

  it('quotes the date so YAML 1.1 readers (gray-matter) keep it a string, not a Date', () => {
    const { data } = matter(renderMarkdown(article));
    expect(data.published).toBe('2023-01-27');
  });
});
