/** Seed articles for extractor tests: the raw seeds in ../shared/seeds, parsed like imported Markdown. */
import fs from 'node:fs';
import path from 'node:path';
import { parseMarkdown } from '../../../src/lib/markdown/parse.ts';
import { articleText, type ArticleText } from '../../../src/lib/markdown/text.ts';
import { extractMentions } from '../../../src/lib/extract/index.ts';
import { normalizeText } from '../../../src/lib/text/normalize.ts';
import type { ArticleFile } from '../../../src/lib/model/article.ts';
import type { Mention } from '../../../src/lib/model/mention.ts';
import { loadArticleBytes } from '../../../src/lib/content/load.ts';

export const SEEDS_DIR = path.resolve(process.env.SEEDS_DIR ?? '../shared/seeds');

const DATES: Record<string, string | null> = { '000': '2023-01-27', '001': null, '002': '2022-03-18', '003': null, '004': '2019-07-24' };

export interface Extracted {
  article: ArticleFile;
  text: ArticleText;
  mentions: Mention[];
}

/** Build an article from Markdown-ish text: first line the title, each further non-empty line a paragraph. */
export function articleFrom(id: string, raw: string, published: string | null = null, author: string | null = null): { article: ArticleFile; text: ArticleText } {
  const lines = normalizeText(raw).split('\n').map((l) => l.trim()).filter(Boolean);
  const title = lines[0] ?? '';
  const body = lines.slice(1).join('\n\n');
  const text = articleText(parseMarkdown(body));
  const article: ArticleFile = { id, file: `${id}.md`, title, published, author, source: null, url: null, importedFrom: null, body, bodyLine: 2, hash: id };
  return { article, text };
}

export function extractText(id: string, raw: string, published: string | null = null, author: string | null = null): Extracted {
  const { article, text } = articleFrom(id, raw, published, author);
  return { article, text, mentions: extractMentions(article, text) };
}

export const CONTENT_DIR = path.resolve('content/articles');

/**
 * Seed n ("000"…"004"): the imported Markdown in content/articles (found by its
 * importedFrom), as the site reads it; the raw seed text when it is not there.
 */
export function seed(n: string): Extracted {
  if (fs.existsSync(CONTENT_DIR)) {
    for (const f of fs.readdirSync(CONTENT_DIR).sort()) {
      if (!f.endsWith('.md')) continue;
      const bytes = fs.readFileSync(path.join(CONTENT_DIR, f));
      if (!bytes.toString('utf8').includes(`importedFrom: ${n}_`)) continue;
      const { article, diagnostics } = loadArticleBytes(`content/articles/${f}`, f.replace(/\.md$/, ''), bytes);
      if (!article) throw new Error(`content/articles/${f}: ${diagnostics.map((d) => d.message).join('; ')}`);
      const text = articleText(parseMarkdown(article.body));
      return { article, text, mentions: extractMentions(article, text) };
    }
  }
  const file = fs.readdirSync(SEEDS_DIR).find((f) => f.startsWith(n));
  if (!file) throw new Error(`seed ${n} not found in ${CONTENT_DIR} or ${SEEDS_DIR}`);
  return extractText(`seed-${n}`, fs.readFileSync(path.join(SEEDS_DIR, file), 'utf8'), DATES[n] ?? null);
}

export interface RoleView { title: string; unitName: string | null }

export function people(x: Extracted): Map<string, RoleView[]> {
  const out = new Map<string, RoleView[]>();
  for (const m of x.mentions) {
    if (m.type !== 'person') continue;
    const name = (m.attrs as { name: string }).name;
    const roles = ((m.attrs as { roles: { title: string; unitName: string | null }[] }).roles ?? []).map((r) => ({ title: r.title, unitName: r.unitName }));
    out.set(name, [...(out.get(name) ?? []), ...roles]);
  }
  return out;
}

export function keysOf(x: Extracted, type: Mention['type']): Set<string> {
  return new Set(x.mentions.filter((m) => m.type === type).map((m) => m.key));
}

export function namesOf(x: Extracted, type: Mention['type']): Set<string> {
  return new Set(x.mentions.filter((m) => m.type === type).map((m) => (m.attrs as { name: string }).name));
}

/** The mentions of one type, in text order. */
export const of = <T extends Mention['type']>(type: T, ms: Mention[]): Extract<Mention, { type: T }>[] =>
  ms.filter((m): m is Extract<Mention, { type: T }> => m.type === type);
/** Their canonical names (the surface when a mention has none). */
export const names = (ms: Mention[]): string[] => ms.map((m) => String(m.attrs?.name ?? m.surface));
/** Every role of every person mention, as "name | title | unit". */
export const roles = (ms: Mention[]): string[] =>
  of('person', ms).flatMap((m) => m.attrs.roles.map((r) => `${m.attrs.name} | ${r.title} | ${r.unitName ?? '—'}`));
