/**
 * The frontmatter schema (zod) and the reading of frontmatter YAML into plain
 * field values that remember their line.
 *
 * YAML is parsed with the `yaml` package (YAML 1.2 core schema), which has no
 * timestamp type: `published: 2023-13-45` stays the text "2023-13-45" and is
 * validated as written, instead of becoming a JS Date of 2024-02-14 as it does
 * through gray-matter/js-yaml. Scalars that YAML would read as numbers or
 * booleans (`title: 1984`) are kept as the text the author wrote.
 */
import { z } from 'zod';
import { parseDocument, LineCounter, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { normalizeLine } from '../text/normalize.ts';

export const KNOWN_FIELDS = ['title', 'published', 'author', 'source', 'url', 'importedFrom'] as const;
export type KnownField = (typeof KNOWN_FIELDS)[number];

/** A field value as read from YAML: text, empty (null), or a structure that is not text. */
export type RawValue = string | null | { structure: 'list' | 'map' };

export interface RawField {
  value: RawValue;
  /** 1-based file line of the key. */
  line: number;
}

export interface YamlProblem {
  line: number;
  message: string;
}

export type ReadFrontmatter =
  | { ok: true; fields: Map<string, RawField> }
  | { ok: false; problems: YamlProblem[] };

/** Frontmatter is a handful of short fields; anything this long is a misplaced fence or garbage. */
export const MAX_FRONTMATTER_CHARS = 20_000;

const YAML_HINTS: Record<string, string> = {
  MISSING_CHAR: 'a quote or bracket is never closed',
  BLOCK_AS_IMPLICIT_KEY: 'a value contains ": "; put the whole value in double quotes',
  DUPLICATE_KEY: 'this field appears twice; keep one',
  BAD_INDENT: 'the indentation is wrong; start every field at the beginning of the line',
  MULTILINE_IMPLICIT_KEY: 'a field name runs over two lines; put each field on one line as `name: value`',
  TAB_AS_INDENT: 'a tab is used for indentation; use spaces or none',
  UNEXPECTED_TOKEN: 'unexpected character; put the value in double quotes',
};

/**
 * Parse frontmatter YAML. `firstLine` is the file line of the first YAML line, so
 * every reported line is a line of the file.
 */
export function readFrontmatter(yaml: string, firstLine: number): ReadFrontmatter {
  if (yaml.length > MAX_FRONTMATTER_CHARS) {
    return {
      ok: false,
      problems: [{ line: firstLine, message: `the frontmatter is ${yaml.length.toLocaleString('en')} characters long; it should hold a few one-line fields — check that the closing --- is right after them` }],
    };
  }
  const lineCounter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    // The yaml parser recurses on nesting; absurdly deep nesting overflows the stack.
    return { ok: false, problems: [{ line: firstLine, message: `the frontmatter cannot be read (${(error as Error).message}); write one \`name: value\` field per line` }] };
  }
  const lineOf = (offset: number): number => lineCounter.linePos(Math.max(0, Math.min(offset, yaml.trimEnd().length - 1))).line + firstLine - 1;

  if (doc.errors.length > 0) {
    const problems = doc.errors.slice(0, 5).map((e) => {
      const hint = YAML_HINTS[e.code] ?? 'check quotes and colons';
      const plain = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      let line = lineOf(e.pos[0]);
      // The parser notices a missing closing quote where the text ends; the author needs the line that opened it.
      if (e.code === 'MISSING_CHAR') line = openQuoteLine(yaml, line - firstLine) + firstLine;
      return { line, message: `YAML syntax error (${plain}): ${hint}` };
    });
    return { ok: false, problems };
  }
  const fields = new Map<string, RawField>();
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) {
    return { ok: true, fields };
  }
  if (!isMap(contents)) {
    return {
      ok: false,
      problems: [{ line: firstLine, message: 'the frontmatter must be a list of fields, one `name: value` per line (e.g. `title: …`)' }],
    };
  }
  for (const pair of contents.items) {
    const keyNode = pair.key as YamlNode | null;
    const keyText = isScalar(keyNode) ? String(keyNode.value) : '?';
    const keyLine = keyNode?.range ? lineOf(keyNode.range[0]) : firstLine;
    fields.set(keyText, { value: rawValue(pair.value as YamlNode | null), line: keyLine });
  }
  return { ok: true, fields };
}

/** 0-based index of the last line at or before `upTo` whose value opens a quote it does not close. */
function openQuoteLine(yaml: string, upTo: number): number {
  const lines = yaml.split('\n');
  for (let i = Math.min(upTo, lines.length - 1); i >= 0; i--) {
    const line = lines[i]!;
    const colon = line.indexOf(': ');
    const value = (colon === -1 ? line : line.slice(colon + 2)).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && (value.length === 1 || !value.endsWith(quote))) return i;
  }
  return upTo;
}

function rawValue(node: YamlNode | null): RawValue {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) {
    if (node.value === null || node.value === undefined) return null;
    if (typeof node.value === 'string') return node.value;
    // Numbers, booleans: keep the text as written ("1984", "2023", "yes").
    return typeof node.source === 'string' ? node.source : String(node.value);
  }
  if (isSeq(node)) return { structure: 'list' };
  return { structure: 'map' };
}

/** True for YYYY-MM-DD naming a real calendar day (2023-02-29 is not). */
export function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

const notText = (field: string) => (issue: { input: unknown }) => {
  if (issue.input === undefined) return `${field} is missing`;
  const input = issue.input as RawValue;
  if (input !== null && typeof input === 'object') {
    return `${field} is a ${input.structure}, not text; write it on one line as \`${field}: …\` (quote it if it contains ": " or starts with [ or {)`;
  }
  return `${field} must be text`;
};

const optionalText = (field: string) =>
  z
    .union([z.string({ error: notText(field) }), z.null()], { error: notText(field) })
    .optional()
    .transform((v) => {
      if (v === undefined || v === null) return null;
      const line = normalizeLine(v);
      return line === '' ? null : line;
    });

export const frontmatterSchema = z.object({
  title: z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? 'the article has no title; add a line `title: …` to the frontmatter'
          : issue.input === null
            ? 'the title is empty; write the article title after `title:`'
            : notText('title')(issue),
    })
    .transform(normalizeLine)
    .pipe(z.string().min(1, { error: 'the title is empty; write the article title after `title:`' })),
  published: z
    .union([z.string({ error: notText('published') }), z.null()], { error: notText('published') })
    .optional()
    .transform((v) => (v === undefined || v === null ? null : v.trim()))
    .superRefine((v, ctx) => {
      if (v === null || v === '') return;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${v.slice(0, 60)}" is not a date in the form YYYY-MM-DD; write e.g. 2023-01-27, or remove the line if the article gives no full date`,
        });
      } else if (!isRealDate(v)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${v}" is not a real date; write YYYY-MM-DD, e.g. 2023-01-27, or remove the line`,
        });
      }
    })
    .transform((v) => (v === '' ? null : v)),
  author: optionalText('author'),
  source: optionalText('source'),
  url: optionalText('url').superRefine((v, ctx) => {
    if (v === null) return;
    let ok = false;
    try {
      const parsed = new URL(v);
      ok = (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
    } catch {
      ok = false;
    }
    if (!ok) {
      ctx.addIssue({
        code: 'custom',
        message: `"${v.slice(0, 80)}" is not a web address; write a full http:// or https:// URL, or remove the line`,
      });
    }
  }),
  importedFrom: optionalText('importedFrom'),
});

export type Frontmatter = z.output<typeof frontmatterSchema>;

/** "Title" for "title", "imported_from" for "importedFrom": a likely misspelling of a known field. */
export function suggestField(name: string): KnownField | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
  const key = squash(name);
  const aliases: Record<string, KnownField> = {
    date: 'published', publisheddate: 'published', publishdate: 'published', ngay: 'published',
    tieude: 'title', byline: 'author', tacgia: 'author', link: 'url', nguon: 'source',
  };
  return KNOWN_FIELDS.find((f) => squash(f) === key) ?? aliases[key];
}
