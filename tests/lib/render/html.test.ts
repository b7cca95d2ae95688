/** The article renderer: mention links in the tree, captions, and the allowlist against hostile Markdown. */
import { describe, it, expect } from 'vitest';
import { readdir } from 'node:fs/promises';
import { parseMarkdown } from '../../../src/lib/markdown/parse.ts';
import { articleText } from '../../../src/lib/markdown/text.ts';
import { renderArticleHtml, escapeHtml, jsonForScript } from '../../../src/lib/render/html.ts';
import { loadArticles } from '../../../src/lib/content/load.ts';
import type { ResolvedMention } from '../../../src/lib/model/mention.ts';

const hrefFor = (entity: string) => `/kho-tin/${entity}/`;

function renderWith(markdown: string, spans: { surface: string; entity: string; nth?: number }[]) {
  const root = parseMarkdown(markdown);
  const text = articleText(root);
  const links: ResolvedMention[] = spans.map(({ surface, entity, nth = 0 }) => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = text.text.indexOf(surface, at + 1);
    expect(at, `"${surface}" #${nth} in the article text`).toBeGreaterThanOrEqual(0);
    return { start: at, end: at + surface.length, entity };
  });
  const before = JSON.stringify(root);
  const html = renderArticleHtml(root, text, links, hrefFor);
  expect(JSON.stringify(root), 'the shared parsed tree is not mutated').toBe(before);
  return html;
}

const PERSON = 'class="mention mention-person"';

describe('mention links in the tree', () => {
  it('wraps each mention in a link carrying the entity and its type, leaving the text around it', () => {
    const html = renderWith(
      'Phó Bí thư Đảng ủy phường Minh Khai Lê Thành Vinh cho biết. Đồng chí Lê Thành Vinh chia sẻ.',
      [
        { surface: 'Lê Thành Vinh', entity: 'person/le-thanh-vinh' },
        { surface: 'Đảng ủy phường Minh Khai', entity: 'unit/dang-uy-phuong-minh-khai' },
        { surface: 'Lê Thành Vinh', entity: 'person/le-thanh-vinh', nth: 1 },
      ],
    );
    expect(html).toBe(
      '<p>Phó Bí thư <a href="/kho-tin/unit/dang-uy-phuong-minh-khai/" class="mention mention-unit">Đảng ủy phường Minh Khai</a> ' +
        `<a href="/kho-tin/person/le-thanh-vinh/" ${PERSON}>Lê Thành Vinh</a> cho biết. Đồng chí <a href="/kho-tin/person/le-thanh-vinh/" ${PERSON}>Lê Thành Vinh</a> chia sẻ.</p>`,
    );
  });

  it('links inside emphasis, headings and captions', () => {
    const html = renderWith('## Tin *Lê Thành Vinh*\n\n:::caption\nẢnh: Lê Thành Vinh phát biểu.\n:::\n', [
      { surface: 'Lê Thành Vinh', entity: 'person/le-thanh-vinh' },
      { surface: 'Lê Thành Vinh', entity: 'person/le-thanh-vinh', nth: 1 },
    ]);
    expect(html).toBe(
      `<h2>Tin <em><a href="/kho-tin/person/le-thanh-vinh/" ${PERSON}>Lê Thành Vinh</a></em></h2>\n` +
        `<figure class="caption"><figcaption><p>Ảnh: <a href="/kho-tin/person/le-thanh-vinh/" ${PERSON}>Lê Thành Vinh</a> phát biểu.</p></figcaption></figure>`,
    );
  });

  it('skips a mention inside an existing link and overlapping ones', () => {
    const html = renderWith('Ông [Nguyễn Văn Nam](https://example.org/nam) cùng Trần Quyết Thắng.', [
      { surface: 'Nguyễn Văn Nam', entity: 'person/nguyen-van-nam' },
      { surface: 'Trần Quyết Thắng', entity: 'person/tran-quyet-thang' },
      { surface: 'Quyết Thắng', entity: 'person/quyet-thang' },
    ]);
    expect(html).toBe(
      '<p>Ông <a href="https://example.org/nam" rel="nofollow noopener">Nguyễn Văn Nam</a> cùng ' +
        '<a href="/kho-tin/person/tran-quyet-thang/" class="mention mention-person">Trần Quyết Thắng</a>.</p>',
    );
  });

  it('skips a mention that crosses a node boundary, keeping the text intact', () => {
    const root = parseMarkdown('Ông Lê *Thành* Vinh.');
    const text = articleText(root);
    const start = text.text.indexOf('Lê');
    expect(text.text.slice(start, start + 13)).toBe('Lê Thành Vinh');
    const html = renderArticleHtml(root, text, [{ start, end: start + 13, entity: 'person/x' }], hrefFor);
    expect(html).toBe('<p>Ông Lê <em>Thành</em> Vinh.</p>');
  });

  it('an entity href that is not a safe URL is dropped by the sanitiser', () => {
    const root = parseMarkdown('Ông Nam.');
    const text = articleText(root);
    const html = renderArticleHtml(root, text, [{ start: 4, end: 7, entity: 'person/nam' }], () => 'javascript:alert(1)');
    expect(html).toBe('<p>Ông Nam.</p>');
  });
});

describe('directives', () => {
  it('text that remark-directive reads as a directive is shown as written', () => {
    expect(renderWith('Lúc 10:30 tại TP.HCM:abc và Ảnh:TTXVN[x].', [])).toBe('<p>Lúc 10:30 tại TP.HCM:abc và Ảnh:TTXVN[x].</p>');
  });

  it('a caption becomes a figure with a figcaption', () => {
    expect(renderWith(':::caption\nẢnh: Đình Hiệp\n:::', [])).toBe('<figure class="caption"><figcaption><p>Ảnh: Đình Hiệp</p></figcaption></figure>');
  });
});

describe('hostile Markdown', () => {
  const cases: [string, string][] = [
    ['<script>alert(1)</script>\n\nSau.', '<p>Sau.</p>'],
    ['Trước <script>alert(1)</script> sau.', '<p>Trước  sau.</p>'],
    ['<div onclick="alert(1)" style="color:red">Khối</div>', '<div>Khối</div>'],
    ['<img src="https://example.org/a.png" onerror="alert(1)" alt="a">', '<img src="https://example.org/a.png" alt="a">'],
    ['<iframe src="https://example.org"></iframe>\n\n<object data="x"></object><embed src="x">\n\nSau.', '<p>Sau.</p>'],
    ['<style>body{display:none}</style>\n\nSau.', '<p>Sau.</p>'],
    ['[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](vbscript:x) [d](data:text/html,x)', '<p>a b c d</p>'],
    ['[e](jav&#x09;ascript:alert(1)) [f](&#106;avascript:alert(1))', '<p>e f</p>'],
    ['<javascript:alert(1)>', '<p>javascript:alert(1)</p>'],
    ['![x](data:image/png;base64,AAAA) ![y](javascript:alert(1)) z', '<p>  z</p>'],
    ['[r][1]\n\n[1]: javascript:alert(1)', '<p>r</p>'],
    ['<a href="javascript:alert(1)" onmouseover="alert(2)">thô</a>', '<p>thô</p>'],
    ['<svg onload="alert(1)"><circle r="1"/></svg>\n\nSau.', '<p>Sau.</p>'],
    ['&lt;script&gt;alert(1)&lt;/script&gt;', '<p>&#x3C;script>alert(1)&#x3C;/script></p>'],
    ['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>\n\nSau.', '<p>Sau.</p>'],
  ];
  it.each(cases)('%s', (markdown, expected) => {
    expect(renderWith(markdown, [])).toBe(expected);
  });

  it('relative images and links, which cannot work from an article page, become text', () => {
    expect(renderWith('![ảnh](anh.jpg) [bài](bai-khac.md) [mục](#muc) [trang](/bai-viet/x/)', [])).toBe(
      '<p> bài <a href="#muc">mục</a> <a href="/bai-viet/x/">trang</a></p>',
    );
  });

  it('external links get rel="nofollow noopener", internal ones do not', () => {
    expect(renderWith('[a](https://example.org) [b](//example.org/x) [c](/bai-viet/x/) [d](mailto:a@example.org)', [])).toBe(
      '<p><a href="https://example.org" rel="nofollow noopener">a</a> <a href="//example.org/x" rel="nofollow noopener">b</a> ' +
        '<a href="/bai-viet/x/">c</a> <a href="mailto:a@example.org">d</a></p>',
    );
  });

  it('every hostile fixture renders without scripts, handlers, embeds or dangerous URLs', async () => {
    const { articles, diagnostics } = await loadArticles('tests/fixtures/hostile');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const files = (await readdir('tests/fixtures/hostile/articles')).filter((f) => f.endsWith('.md'));
    expect(articles).toHaveLength(files.length);
    for (const a of articles) {
      const root = parseMarkdown(a.body);
      const html = renderArticleHtml(root, articleText(root), [], hrefFor);
      expect(html, a.id).not.toMatch(/<(script|style|iframe|object|embed|svg|math|link|meta|base|form|input|button|template|noscript)\b/i);
      // Attribute names only: the stringifier double-quotes values and escapes quotes inside them.
      const tagsWithoutValues = html.replace(/"[^"]*"/g, '""');
      expect(tagsWithoutValues, a.id).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
      expect(tagsWithoutValues, a.id).not.toMatch(/<[^>]*\sstyle\s*=/i);
      expect(html, a.id).not.toMatch(/(href|src|action|formaction|data)\s*=\s*"\s*(javascript|vbscript|data):/i);
    }
  });
});

describe('escaping helpers', () => {
  it('escapeHtml escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('jsonForScript cannot close the script element and parses back to the same value', () => {
    const value = { name: '</script><script>alert(1)</script>', note: '<!-- a & b -->', lines: 'a\u2028b\u2029c' };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
    expect(jsonForScript(undefined)).toBe('null');
  });
});
