/**
 * Every bad-input case of issue 8 item 1, on hand-written fixtures in
 * tests/fixtures/bad-content/articles (byte-exact: see its .gitattributes), plus
 * generated large inputs. What each case does is documented in docs/bad-input.md.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, mkdir, writeFile, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadArticles, type LoadedFile, type LoadMemo, type LoadResult } from '../../../src/lib/content/load.ts';
import { readdirSync } from 'node:fs';
import { formatDiagnostic, type Diagnostic } from '../../../src/lib/content/diagnostics.ts';
import { parseMarkdown } from '../../../src/lib/markdown/parse.ts';
import { articleText } from '../../../src/lib/markdown/text.ts';
import { renderArticleHtml } from '../../../src/lib/render/html.ts';
import type { ArticleFile } from '../../../src/lib/model/article.ts';

const FIXTURES = 'tests/fixtures/bad-content';
const ARTICLES = `${FIXTURES}/articles`;

let result: LoadResult;
beforeAll(async () => {
  result = await loadArticles(FIXTURES);
});

function diagnosticsFor(name: string): Diagnostic[] {
  return result.diagnostics.filter((d) => d.file === `${ARTICLES}/${name}`);
}
function only(name: string, severity: Diagnostic['severity'] = 'error'): Diagnostic {
  const found = diagnosticsFor(name).filter((d) => d.severity === severity);
  expect(found, `${severity}s for ${name}: ${JSON.stringify(diagnosticsFor(name))}`).toHaveLength(1);
  return found[0]!;
}
function article(id: string): ArticleFile {
  const a = result.articles.find((x) => x.id === id);
  expect(a, `article ${id} should load; diagnostics: ${JSON.stringify(result.diagnostics.filter((d) => d.file.includes(id)))}`).toBeDefined();
  return a!;
}
function render(a: ArticleFile): string {
  const root = parseMarkdown(a.body);
  return renderArticleHtml(root, articleText(root), [], (e) => `/${e}/`);
}

describe('broken articles fail with file, line, field and what to fix', () => {
  it('malformed YAML: the line of the bad field, and the fix', () => {
    const d = only('malformed-yaml.md');
    expect(formatDiagnostic(d)).toBe(
      `${ARTICLES}/malformed-yaml.md:2: YAML syntax error (Nested mappings are not allowed in compact mappings): a value contains ": "; put the whole value in double quotes`,
    );
  });

  it('an unclosed quote points at the line that opened it', () => {
    const d = only('unclosed-quote.md');
    expect(d.line).toBe(2);
    expect(d.message).toMatch(/quote .*never closed/);
  });

  it('unclosed frontmatter fence: names the opening line and where to close it', () => {
    const d = only('unclosed-fence.md');
    expect(d.line).toBe(1);
    expect(d.message).toBe(
      'the frontmatter opened by --- on line 1 is never closed; add a line containing only --- after the last field (line 3)',
    );
  });

  it('no frontmatter at all', () => {
    expect(only('no-frontmatter.md').message).toMatch(/no frontmatter; start it with a line `---`/);
  });

  it('missing, empty and non-text titles', () => {
    const missing = only('missing-title.md');
    expect([missing.line, missing.field]).toEqual([1, 'title']);
    expect(missing.message).toMatch(/no title; add a line `title: …`/);
    const empty = only('empty-title.md');
    expect([empty.line, empty.field, empty.message]).toEqual([2, 'title', 'the title is empty; write the article title after `title:`']);
    const list = only('list-title.md');
    expect([list.line, list.field]).toEqual([3, 'title']);
    expect(list.message).toMatch(/^title is a list, not text; write it on one line/);
  });

  it('an impossible unquoted date is caught as written, not turned into 2024-02-14', () => {
    expect(formatDiagnostic(only('impossible-date.md'))).toBe(
      `${ARTICLES}/impossible-date.md:3 [published]: "2023-13-45" is not a real date; write YYYY-MM-DD, e.g. 2023-01-27, or remove the line`,
    );
  });

  it('an impossible quoted date (2023 has no 29 February)', () => {
    const d = only('impossible-date-quoted.md');
    expect([d.line, d.field]).toEqual([4, 'published']);
    expect(d.message).toMatch(/^"2023-02-29" is not a real date/);
  });

  it('a date without a year is not completed, it is reported', () => {
    const d = only('date-without-year.md');
    expect(d.message).toMatch(/^"12\/3" is not a date in the form YYYY-MM-DD/);
  });

  it('a url that is not http(s)', () => {
    const d = only('bad-url.md');
    expect([d.line, d.field]).toEqual([3, 'url']);
    expect(d.message).toMatch(/not a web address; write a full http:\/\/ or https:\/\/ URL/);
  });

  it('an empty body fails, naming the line where the text should be', () => {
    const d = only('empty-body.md');
    expect(d.line).toBe(4);
    expect(d.message).toMatch(/no text; write the article below the closing ---/);
  });

  it('a file name that is not a slug gets a suggested name', () => {
    expect(only('Hoi Nghi.md').message).toMatch(/rename it to hoi-nghi\.md$/);
  });

  it('two articles with the same id in two folders: the second names the first, the first still loads', () => {
    const d = only('tin-b/trung-ten.md');
    expect(d.message).toContain(`the id "trung-ten" is already used by ${ARTICLES}/tin-a/trung-ten.md`);
    expect(article('trung-ten').file).toBe(`${ARTICLES}/tin-a/trung-ten.md`);
  });

  it('a non-Markdown file in articles/ is reported, not silently skipped', () => {
    expect(only('ghi-chu.txt', 'warning').message).toMatch(/only files ending in \.md are read/);
  });

  it('all broken files are listed in one run, and no broken file becomes an article', () => {
    const broken = new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => path.basename(d.file)));
    expect([...broken].sort()).toEqual(
      [
        'Hoi Nghi.md', 'bad-url.md', 'date-without-year.md', 'empty-body.md', 'empty-title.md', 'impossible-date-quoted.md',
        'impossible-date.md', 'list-title.md', 'malformed-yaml.md', 'missing-title.md', 'no-frontmatter.md',
        'trung-ten.md', 'unclosed-fence.md', 'unclosed-quote.md',
      ].sort(),
    );
    expect(result.articles.map((a) => a.id).sort()).toEqual(
      ['bom', 'crlf', 'eth', 'nfd', 'nul-bytes', 'number-title', 'trung-ten', 'unknown-field'].sort(),
    );
  });
});

describe('odd but readable articles build and render correctly', () => {
  it('BOM: removed, frontmatter read, line numbers unchanged', () => {
    const a = article('bom');
    expect([a.title, a.published, a.bodyLine]).toEqual(['Bài có BOM', '2023-03-12', 5]);
    expect(diagnosticsFor('bom.md')).toEqual([]);
  });

  it('CRLF: read as LF everywhere, no stray \\r', async () => {
    expect((await readFile(`${ARTICLES}/crlf.md`, 'latin1')).includes('\r\n')).toBe(true);
    const a = article('crlf');
    expect([a.title, a.author]).toEqual(['Bài có CRLF', 'Minh Anh']);
    expect(a.body).not.toContain('\r');
    expect(render(a)).toContain('<p>Bí thư Đảng ủy phường phát biểu chỉ đạo hội nghị.</p>');
  });

  it('NUL bytes: removed with a warning naming the line', () => {
    const a = article('nul-bytes');
    expect(a.body).toBe('Chiều 12/3, Đảng ủy phường Minh Khai họp.\n\nĐoạn hai.\n');
    const w = only('nul-bytes.md', 'warning');
    expect(w.line).toBe(4);
    expect(w.message).toMatch(/NUL bytes .* were removed/);
  });

  it('NFD text becomes NFC in title, author and body', async () => {
    const raw = await readFile(`${ARTICLES}/nfd.md`, 'utf8');
    expect(raw).not.toBe(raw.normalize('NFC'));
    const a = article('nfd');
    expect(a.title).toBe('Nguyễn Thị Tuyết dự hội nghị'.normalize('NFC'));
    expect(a.title.normalize('NFC')).toBe(a.title);
    expect(a.author).toBe('Trường Sơn'.normalize('NFC'));
    expect(render(a)).toContain('Đảng ủy phường Minh Khai'.normalize('NFC'));
  });

  it('Ð (Eth) becomes Đ in title and body', () => {
    const a = article('eth');
    expect(a.title).toBe('Đảng ủy phường Minh Khai');
    expect(a.title.codePointAt(0)).toBe(0x0110);
    expect(render(a)).toBe('<p>Đảng ủy phường Minh Khai họp. Đồng chí Bí thư phát biểu.</p>');
  });

  it('unknown fields warn with their line and a suggestion, and the article loads', () => {
    const warnings = diagnosticsFor('unknown-field.md');
    expect(warnings.map((d) => [d.severity, d.line, d.field])).toEqual([
      ['warning', 3, 'Tags'],
      ['warning', 4, 'date'],
    ]);
    expect(warnings[1]!.message).toBe('unknown field "date" is ignored; did you mean `published`?');
    expect(article('unknown-field').published).toBeNull();
  });

  it('a title YAML would read as a number keeps the text as written', () => {
    expect(article('number-title').title).toBe('1984');
  });

  it('every loaded article has a content hash and a body start line', () => {
    for (const a of result.articles) {
      expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(a.bodyLine).toBeGreaterThan(1);
    }
  });
});

describe('generated inputs: sizes and encodings', () => {
  let dir: string;
  const paragraph = 'Đảng ủy phường Trương Định tổ chức hội nghị sơ kết, đánh giá kết quả thực hiện nghị quyết năm 2022. ';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kho-tin-content-'));
    await mkdir(path.join(dir, 'articles'));
    const front = (title: string) => `---\ntitle: ${title}\n---\n`;
    // ~5 MB: 20,000 paragraphs.
    await writeFile(path.join(dir, 'articles/rat-dai.md'), front('Bài rất dài') + Array.from({ length: 20_000 }, (_, i) => `Đoạn ${i}: ${paragraph}`).join('\n\n'));
    // One 200,000-character line.
    await writeFile(path.join(dir, 'articles/dong-dai.md'), front('Một dòng rất dài') + 'Mở đầu.\n\n' + paragraph.repeat(Math.ceil(200_000 / paragraph.length)).slice(0, 200_000) + '\n');
    await writeFile(path.join(dir, 'articles/utf16.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(front('UTF-16') + 'Nội dung.\n', 'utf16le')]));
    await writeFile(path.join(dir, 'articles/utf16-khong-bom.md'), Buffer.from(front('UTF-16') + 'Noi dung bai viet.\n', 'utf16le'));
    await writeFile(path.join(dir, 'articles/windows-1258.md'), Buffer.concat([Buffer.from(front('Latin') + 'Dòng một.\n'), Buffer.from([0x44, 0xf2, 0x6e, 0x67, 0x0a])]));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a multi-megabyte body and a 200,000-character line build (with a warning) in bounded time', async () => {
    const started = performance.now();
    const { articles, diagnostics } = await loadArticles(dir);
    const big = articles.find((a) => a.id === 'rat-dai')!;
    const long = articles.find((a) => a.id === 'dong-dai')!;
    expect(big.body.length).toBeGreaterThan(2_000_000);
    expect(long.body).toContain(paragraph.slice(0, 50));
    const warnings = diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.find((d) => d.file.endsWith('rat-dai.md'))!.message).toMatch(/million characters/);
    const lineWarning = warnings.find((d) => d.file.endsWith('dong-dai.md'))!;
    expect(lineWarning.line).toBe(6);
    expect(lineWarning.message).toMatch(/^this line is 200,000 characters long/);

    const html = render(long);
    expect(html.length).toBeGreaterThan(200_000);
    const bigHtml = render(big);
    expect(bigHtml.includes("<p>Đoạn 19999: Đảng ủy")).toBe(true);
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('UTF-16 (with or without BOM) and non-UTF-8 bytes are errors naming the file, the line and the fix', async () => {
    const { diagnostics } = await loadArticles(dir);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const of = (name: string) => errors.find((d) => d.file.endsWith(`/${name}`))!;
    expect(of('utf16.md').message).toMatch(/is UTF-16; save it as UTF-8/);
    expect(of('utf16-khong-bom.md').message).toMatch(/looks like UTF-16/);
    expect(of('windows-1258.md').line).toBe(5);
    expect(of('windows-1258.md').message).toMatch(/not valid UTF-8 .* re-save it as UTF-8/);
  });

  it('a missing articles folder is one clear error', async () => {
    const { diagnostics } = await loadArticles(path.join(dir, 'khong-co'));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toMatch(/no articles folder here/);
  });
});

describe('loading with a memo of earlier loads (unchanged files are not read again)', () => {
  it('gives the same articles and warnings from the memo, and re-reads a file that changed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kho-tin-load-memo-'));
    try {
      await mkdir(path.join(dir, 'articles'));
      const seeds = readdirSync('content/articles').filter((n) => n.endsWith('.md')).sort();
      for (const name of seeds) await writeFile(path.join(dir, 'articles', name), await readFile(path.join('content/articles', name)));
      // A file with a warning (an unknown field): the warning must be reported on every build.
      await writeFile(path.join(dir, 'articles', 'canh-bao.md'), '---\ntitle: Bài có trường lạ\ntacgia: Ai đó\n---\nNội dung bài viết.\n');
      const memo = new Map<string, LoadedFile>();
      const reads = { get: 0, set: 0 };
      // Stored as JSON, as the build cache keeps it.
      const loadMemo: LoadMemo = {
        get: (sig) => { const v = memo.get(sig); if (v) reads.get++; return v; },
        set: (sig, v) => { reads.set++; memo.set(sig, JSON.parse(JSON.stringify(v)) as LoadedFile); },
      };
      const first = await loadArticles(dir, loadMemo);
      expect(reads).toEqual({ get: 0, set: seeds.length + 1 });
      const second = await loadArticles(dir, loadMemo);
      expect(reads.get).toBe(seeds.length + 1);
      expect(second.diagnostics).toEqual(first.diagnostics);
      expect(second.diagnostics.some((d) => d.file.endsWith('canh-bao.md') && /tacgia/.test(d.message))).toBe(true);
      // Same articles, bodies included (read when asked for).
      expect(second.articles.map((a) => ({ ...a, body: a.body }))).toEqual(first.articles.map((a) => ({ ...a })));

      // Change one file: it is read again and its new title is seen.
      const changed = path.join(dir, 'articles', seeds[0]!);
      await writeFile(changed, (await readFile(changed, 'utf8')).replace(/^title: .*$/m, 'title: Tiêu đề đã sửa'));
      const third = await loadArticles(dir, loadMemo);
      expect(third.articles.find((a) => a.id === seeds[0]!.replace(/\.md$/, ''))!.title).toBe('Tiêu đề đã sửa');
      expect(reads.set).toBe(seeds.length + 2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
