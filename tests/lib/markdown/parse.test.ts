/** The parser's guards (render/defuse.ts): pathological Markdown parses in bounded time and keeps its text. */
import { describe, it, expect } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { parseMarkdown } from '../../../src/lib/markdown/parse.ts';
import { defuseMarkdown, MAX_DEPTH, treeDepth } from '../../../src/lib/markdown/defuse.ts';
import { articleText } from '../../../src/lib/markdown/text.ts';
import { renderArticleHtml } from '../../../src/lib/render/html.ts';

function timed<T>(run: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = run();
  return { value, ms: performance.now() - t0 };
}

function renderMarkdown(markdown: string): string {
  const root = parseMarkdown(markdown);
  return renderArticleHtml(root, articleText(root), [], (e) => `/${e}/`);
}

describe('parser guards', () => {
  it('real articles pass through untouched', async () => {
    const names = (await readdir('content/articles')).filter((n) => n.endsWith('.md'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const text = await readFile(`content/articles/${name}`, 'utf8');
      const defused = defuseMarkdown(text);
      expect(defused.markdown, name).toBe(text);
      expect(defused.literals.size).toBe(0);
    }
  });

  // Each of these takes micromark from seconds to minutes unguarded (see defuse.ts).
  it.each([
    ['emphasis runs', '*a'],
    ['closing emphasis runs', 'a*'],
    ['brackets', '['],
    ['directive labels', ':x['],
  ])('%s: a 200,000-character line renders as its literal text in bounded time', (_name, unit) => {
    const line = unit.repeat(200_000 / unit.length);
    const { value: html, ms } = timed(() => renderMarkdown(`Mở đầu.\n\n${line}\n\nKết thúc.`));
    expect(ms).toBeLessThan(3_000);
    expect(html.startsWith('<p>Mở đầu.</p>\n<p>')).toBe(true);
    expect(html.endsWith('</p>\n<p>Kết thúc.</p>')).toBe(true);
    expect(html).toContain(unit.repeat(1000).replace(/</g, '&#x3C;'));
  });

  it.each([
    ['block quotes', '> '],
    ['ordered lists', '1. '],
    ['bullet lists', '- '],
  ])('%s nested 50,000 deep on one line: bounded time, no stack overflow', (_name, unit) => {
    const { value: html, ms } = timed(() => renderMarkdown(unit.repeat(50_000) + 'chữ cuối'));
    expect(ms).toBeLessThan(3_000);
    expect(html).toContain('chữ cuối');
  });

  it('lists nested by indentation deeper than the walkers allow become plain paragraphs', () => {
    const markdown = Array.from({ length: 200 }, (_, depth) => `${'  '.repeat(depth)}- mục ${depth}`).join('\n');
    const root = parseMarkdown(markdown);
    expect(treeDepth(root)).toBeLessThanOrEqual(MAX_DEPTH);
    expect(articleText(root).text).toContain('- mục 199');
  });

  it('blocks kept out of the parser keep the line count and all their text, even around code fences', () => {
    const dense = '*x'.repeat(600);
    const markdown = `Trước.\n\n\`\`\`\n${dense}\n\n${dense}\n\`\`\`\n\nSau.`;
    const defused = defuseMarkdown(markdown);
    expect(defused.literals.size).toBe(2);
    expect(defused.markdown.split('\n').length).toBe(markdown.split('\n').length);
    const text = articleText(parseMarkdown(markdown)).text;
    const html = renderMarkdown(markdown);
    expect(html).not.toContain('KHOTINLITERAL');
    expect(html.split(dense).length - 1).toBe(2);
    expect(text).toContain('Sau.');
  });
});

describe('accidental directives', () => {
  it('come back as the text written, in one text node, for extraction as well as rendering', () => {
    const root = parseMarkdown('Lúc 10:30 tại TP.HCM:abc, Bí thư Đảng ủy phường Trương Định:Nguyễn Thị Tuyết phát biểu.\n\n::ghi[chú]\n\n:::caption\nToàn cảnh.\n:::');
    const at = articleText(root);
    expect(at.text).toContain('Lúc 10:30 tại TP.HCM:abc, Bí thư Đảng ủy phường Trương Định:Nguyễn Thị Tuyết phát biểu.');
    expect(at.text).toContain('::ghi[chú]');
    const paragraph = root.children[0]!;
    expect(paragraph.type === 'paragraph' && paragraph.children.map((c) => c.type)).toEqual(['text']);
    // The caption container is ours and stays a caption.
    expect(at.blocks.some((b) => b.kind === 'caption' && at.text.slice(b.start, b.end) === 'Toàn cảnh.')).toBe(true);
  });
});
