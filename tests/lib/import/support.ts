/** Shared helpers for the importer tests: the real seeds, a fresh output folder, the parsed body. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import matter from 'gray-matter';
import type { Nodes, Root } from 'mdast';
import { parseMarkdown } from '../../../src/lib/markdown/parse.ts';
import { articleText } from '../../../src/lib/markdown/text.ts';

export const SEEDS_DIR = path.resolve(process.env.SEEDS_DIR ?? '../shared/seeds');
export const CORPUS_PATH = path.resolve(process.env.CORPUS_PATH ?? '../shared/corpus/news-vi.jsonl.gz');
export const FIXTURES = path.resolve('tests/fixtures/import');

export function seedFiles(): string[] {
  const names = readdirSync(SEEDS_DIR).filter((n) => n.endsWith('.txt')).sort();
  if (names.length !== 5) throw new Error(`expected the five seeds in ${SEEDS_DIR}, found ${names.length}`);
  return names.map((n) => path.join(SEEDS_DIR, n));
}

export function freshDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'kho-tin-import-'));
}

export interface WrittenArticle {
  data: Record<string, unknown>;
  body: string;
  root: Root;
  /** Text of each block, in order, with its kind (paragraph, caption, …). */
  blocks: { kind: string; text: string }[];
  /** Each `:::caption` container: its paragraphs (caption, then credit) joined by a space. */
  captions: string[];
}

/** Concatenated text of a node (text nodes only). */
function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map((child) => textOf(child as Nodes)).join('') : '';
}

export function readArticle(file: string): WrittenArticle {
  const parsed = matter(readFileSync(file, 'utf8'));
  const root = parseMarkdown(parsed.content);
  const at = articleText(root);
  return {
    data: parsed.data as Record<string, unknown>,
    body: parsed.content,
    root,
    blocks: at.blocks.map((b) => ({ kind: b.kind, text: at.text.slice(b.start, b.end) })),
    captions: root.children
      .filter((node) => node.type === 'containerDirective' && node.name === 'caption')
      .map((node) => ('children' in node ? node.children.map((child) => textOf(child)).join(' ') : '')),
  };
}
