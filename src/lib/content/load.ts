/**
 * Load every article under `<contentDir>/articles/**\/*.md`: bytes → text
 * (encoding checks, BOM, CRLF) → frontmatter split → YAML → zod schema →
 * ArticleFile. Every problem becomes a Diagnostic naming file, line, field and
 * what to fix; a broken file never stops the others from being checked, so one
 * run lists all of them. What happens to each kind of bad input is documented
 * in docs/bad-input.md.
 */
import { bomlessUtf16 } from '../text/encoding.ts';
import { readFileSync } from 'node:fs';
import { fileSignature } from '../infra/file-signature.ts';
import { walkFiles } from '../infra/walk.ts';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { ArticleFile } from '../model/article.ts';
import type { Diagnostic } from './diagnostics.ts';
import { splitFrontmatter } from './frontmatter.ts';
import { frontmatterSchema, KNOWN_FIELDS, readFrontmatter, suggestField, type RawField } from './schema.ts';
import { normalizeText } from '../text/normalize.ts';
import { slugify } from '../text/slug.ts';

/** Bodies above this size still build, with a warning: they are usually several pages glued together. */
export const LARGE_BODY_CHARS = 1_000_000;
/** Lines above this length still build, with a warning: usually paragraphs that lost their blank lines. */
export const LONG_LINE_CHARS = 20_000;

const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const YAML_CONTROL_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFEFF]/g;

export interface LoadResult {
  articles: ArticleFile[];
  diagnostics: Diagnostic[];
}

/** What loading one file gave, without the article's body (the part worth keeping between builds). */
export interface LoadedFile {
  article: Omit<ArticleFile, 'body'> | null;
  diagnostics: Diagnostic[];
}

/**
 * Results of earlier loads, by file signature (path, size, modification time,
 * inode: a changed file has a new one, as in git's index). A file whose
 * signature is known is not read: its article's body is read when first asked
 * for, which a build with cached extraction and HTML never does.
 */
export interface LoadMemo {
  get(signature: string): LoadedFile | undefined;
  set(signature: string, loaded: LoadedFile): void;
}

function withoutBody(article: ArticleFile): Omit<ArticleFile, 'body'> {
  const { body, ...meta } = article;
  void body;
  return meta;
}

function withLazyBody(meta: Omit<ArticleFile, 'body'>, full: string): ArticleFile {
  let body: string | undefined;
  return {
    ...meta,
    get body(): string {
      return (body ??= loadArticleBytes(meta.file, meta.id, readFileSync(full)).article?.body ?? '');
    },
  };
}

export async function loadArticles(contentDir: string, memo?: LoadMemo): Promise<LoadResult> {
  const dir = path.join(contentDir, 'articles');
  const diagnostics: Diagnostic[] = [];
  let entries;
  try {
    entries = [...walkFiles(dir)];
  } catch {
    diagnostics.push({
      file: displayPath(dir),
      severity: 'error',
      message: `there is no articles folder here; put the Markdown files in ${displayPath(dir)}/ or point CONTENT_DIR at the folder that contains articles/`,
    });
    return { articles: [], diagnostics };
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.endsWith('.md')) files.push(entry.full);
    else if (!entry.name.startsWith('.')) {
      diagnostics.push({
        file: displayPath(entry.full),
        severity: 'warning',
        message: 'not an article (only files ending in .md are read); rename it to .md or move it out of articles/',
      });
    }
  }
  files.sort();

  // Synchronous reads: on a folder of small files (35,873 at the whole corpus) they
  // take a third of the time of the promise API, which queues every read on libuv's pool.
  const loaded: (ArticleFile | null)[] = files.map((full) => {
    const file = displayPath(full);
    let signature: string | undefined;
    if (memo) {
      try {
        signature = `${full}\u0000${fileSignature(full)}`;
        const known = memo.get(signature);
        if (known) {
          diagnostics.push(...known.diagnostics);
          return known.article && withLazyBody(known.article, full);
        }
      } catch {
        // unreadable: reported by the read below
      }
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(full);
    } catch (error) {
      diagnostics.push({ file, severity: 'error', message: `cannot read the file (${(error as Error).message}); check its permissions` });
      return null;
    }
    try {
      const result = loadArticleBytes(file, path.basename(full, '.md'), bytes);
      diagnostics.push(...result.diagnostics);
      if (memo && signature) {
        memo.set(signature, { article: result.article && withoutBody(result.article), diagnostics: result.diagnostics });
      }
      return result.article;
    } catch (error) {
      // A bug in the loader, not in the file: still reported against the file, never a bare stack trace.
      diagnostics.push({ file, severity: 'error', message: `internal error while loading this file (${(error as Error).message}); please report it with the file attached` });
      return null;
    }
  });

  // Ids come from file names, so the same name in two folders is a clash.
  const articles: ArticleFile[] = [];
  const firstById = new Map<string, ArticleFile>();
  for (const article of loaded) {
    if (!article) continue;
    const first = firstById.get(article.id);
    if (first) {
      diagnostics.push({
        file: article.file,
        severity: 'error',
        message: `the id "${article.id}" is already used by ${first.file}; article ids come from file names and must be unique across all folders — rename one of the two files`,
      });
      continue;
    }
    firstById.set(article.id, article);
    articles.push(article);
  }
  if (files.length === 0) {
    diagnostics.push({ file: displayPath(dir), severity: 'warning', message: 'no articles (*.md) found; the site will have no articles' });
  }
  diagnostics.sort(compareDiagnostics);
  return { articles, diagnostics };
}

/**
 * One file's bytes → an article and/or diagnostics. `file` is the path shown in
 * messages, `id` the file name without .md. Never throws on any input.
 */
export function loadArticleBytes(file: string, id: string, bytes: Uint8Array): { article: ArticleFile | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const error = (message: string, line?: number, field?: string): void => {
    diagnostics.push({ file, line, field, message, severity: 'error' });
  };
  const warn = (message: string, line?: number, field?: string): void => {
    diagnostics.push({ file, line, field, message, severity: 'warning' });
  };

  if (!ID_RE.test(id)) {
    const suggestion = slugify(id) || 'bai-viet';
    error(`the file name "${id}.md" is not a valid article id (lower-case ASCII letters, digits and single dashes); rename it to ${suggestion}.md`);
  }

  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    error(decoded.message, decoded.line);
    return { article: null, diagnostics };
  }
  let text = decoded.text;
  // BOM: an encoding marker, not content; stray ones elsewhere are invisible and would hide a `---` fence.
  if (text.includes('\uFEFF')) text = text.replace(/\uFEFF/g, '');
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    warn(`NUL bytes (first on this line) were removed; the file may be damaged — check the text around here`, lineAt(text, nul));
    text = text.replace(/\u0000/g, '');
  }

  const split = splitFrontmatter(text);
  if (split.kind === 'missing') {
    error('the file has no frontmatter; start it with a line `---`, then `title: …`, then a line `---`, then the article text', 1);
    return { article: null, diagnostics };
  }
  if (split.kind === 'unclosed') {
    error(
      `the frontmatter opened by --- on line ${split.openLine} is never closed; add a line containing only --- after the last field (line ${split.lastFieldLine})`,
      split.openLine,
    );
    return { article: null, diagnostics };
  }

  const read = readFrontmatter(split.yaml.replace(YAML_CONTROL_RE, ''), split.yamlLine);
  if (!read.ok) {
    for (const p of read.problems) error(p.message, p.line);
    return { article: null, diagnostics };
  }
  const fields = read.fields;
  const openLine = split.yamlLine - 1;
  const lineOf = (field: string): number => fields.get(field)?.line ?? openLine;

  for (const [name, field] of fields) {
    if ((KNOWN_FIELDS as readonly string[]).includes(name)) continue;
    const suggestion = suggestField(name);
    warn(
      suggestion
        ? `unknown field "${name}" is ignored; did you mean \`${suggestion}\`?`
        : `unknown field "${name}" is ignored; the known fields are ${KNOWN_FIELDS.join(', ')}`,
      field.line,
      name,
    );
  }

  const input: Record<string, RawField['value']> = {};
  for (const name of KNOWN_FIELDS) {
    const field = fields.get(name);
    if (field) input[name] = field.value;
  }
  const parsed = frontmatterSchema.safeParse(input);
  let ok = parsed.success;
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      error(issue.message, field ? lineOf(field) : openLine, field || undefined);
    }
  }

  // Markdown decodes entities itself; decoding them here would turn an escaped "&lt;script&gt;" into markup.
  const body = normalizeText(split.body, { entities: false });
  if (body.trim() === '') {
    error('the article has no text; write the article below the closing ---, or delete the file', split.bodyLine);
    ok = false;
  }
  if (body.length > LARGE_BODY_CHARS) {
    warn(`the body is ${(body.length / 1e6).toFixed(1)} million characters; it builds, but check that this file is one article and not several pages glued together`, split.bodyLine);
  }
  const longLine = longestLine(body);
  if (longLine.length > LONG_LINE_CHARS) {
    warn(
      `this line is ${longLine.length.toLocaleString('en')} characters long; it builds as one paragraph — separate paragraphs with a blank line`,
      split.bodyLine + longLine.index,
    );
  }

  if (!ok || !parsed.success || !ID_RE.test(id)) return { article: null, diagnostics };
  const meta = parsed.data;
  return {
    article: {
      id,
      file,
      title: meta.title,
      published: meta.published,
      author: meta.author,
      source: meta.source,
      url: meta.url,
      importedFrom: meta.importedFrom,
      body,
      bodyLine: split.bodyLine,
      hash: createHash('sha256').update(bytes).digest('hex'),
    },
    diagnostics,
  };
}

type Decoded = { ok: true; text: string } | { ok: false; message: string; line?: number };

function decodeUtf8(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, message: 'the file is UTF-16; save it as UTF-8 (in most editors: "Save with encoding" → UTF-8)', line: 1 };
  }
  if (bomlessUtf16(bytes)) {
    return { ok: false, message: 'the file looks like UTF-16 (every other byte is NUL); save it as UTF-8', line: 1 };
  }
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    return {
      ok: false,
      message: 'the file is not valid UTF-8 (first bad byte on this line); re-save it as UTF-8 — it may be in a legacy encoding such as Windows-1258 or TCVN3',
      line,
    };
  }
  return { ok: true, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') };
}


/** Byte offset of the first byte that breaks UTF-8 (bytes.length when valid). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) { i++; continue; }
    else if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  let pos = text.indexOf('\n');
  while (pos !== -1 && pos < index) {
    line++;
    pos = text.indexOf('\n', pos + 1);
  }
  return line;
}

/** The longest line of `text`: its length and 0-based line index. */
function longestLine(text: string): { length: number; index: number } {
  let best = { length: 0, index: 0 };
  let start = 0;
  let index = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    if (nl - start > best.length) best = { length: nl - start, index };
    start = nl + 1;
    index++;
  }
  return best;
}

function displayPath(full: string): string {
  const rel = path.relative(process.cwd(), full);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? full : rel).split(path.sep).join('/');
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0);
}
