/**
 * Guards around the Markdown parser for pathological input.
 *
 * micromark (under remark-parse) is quadratic on a few shapes that a broken
 * scrape or a fuzzer produces and a person never writes (measured, 20,000
 * characters on one line): `*a*a*a…` 8 s, `a*a*…` 13 s, `1. 1. 1. …` 20 s,
 * `> > > …` minutes; and deep nesting overflows the stack of every recursive
 * tree walker after it. So, before parsing:
 *   - a line whose container prefix (`>`, `-`, `*`, `+`, `1.`) is deeper than
 *     MAX_PREFIX_MARKERS has the rest of its markers escaped (shown as text);
 *   - a block (lines between blank lines) with more than MAX_DELIMITERS
 *     emphasis/link delimiters (`*`, `_`, `[`, `]`) or more than
 *     MAX_BLOCK_LINES lines is kept out of the parser and shown as the literal
 *     text it is.
 * After parsing, a tree deeper than MAX_DEPTH is replaced by plain paragraphs
 * of the literal text. Nothing is dropped; normal articles are untouched.
 * One pass over the text, no regular expressions with backtracking.
 */
import type { Root, Paragraph } from 'mdast';

export const MAX_PREFIX_MARKERS = 8;
export const MAX_DELIMITERS = 500;
export const MAX_DEPTH = 48;

/** A block with more lines than this (no blank line between them) is shown as literal text: a tight list of that many items is quadratic to convert. */
export const MAX_BLOCK_LINES = 1000;

export interface Defused {
  /** The Markdown to parse. */
  markdown: string;
  /** Placeholder → the literal text it stands for (blocks kept out of the parser). */
  literals: Map<string, string>;
}

/**
 * Take out of the parser what would make it slow: over-deep line prefixes are
 * escaped; over-dense or over-long blocks are replaced by a placeholder line
 * (plus blank lines, so line numbers stay) and put back as literal text after
 * parsing (see restoreLiterals). Returns the input itself when nothing needs it.
 */
export function defuseMarkdown(markdown: string): Defused {
  const literals = new Map<string, string>();
  const lines = markdown.split('\n');
  let changed = false;
  let blockStart = 0;
  let delimiters = 0;
  let prefix = '';
  const flush = (end: number): void => {
    if (delimiters <= MAX_DELIMITERS && end - blockStart <= MAX_BLOCK_LINES) return;
    if (!prefix) prefix = placeholderPrefix(markdown);
    const key = `${prefix}${literals.size}Z`;
    literals.set(key, lines.slice(blockStart, end).join('\n'));
    lines[blockStart] = key;
    for (let i = blockStart + 1; i < end; i++) lines[i] = '';
    changed = true;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      flush(i);
      blockStart = i + 1;
      delimiters = 0;
      continue;
    }
    const capped = capPrefix(line);
    if (capped !== line) {
      lines[i] = capped;
      changed = true;
    }
    delimiters += countDelimiters(line);
  }
  flush(lines.length);
  return { markdown: changed ? lines.join('\n') : markdown, literals };
}

/** ASCII letters only, so it parses as a plain word; made unique against the input. */
function placeholderPrefix(markdown: string): string {
  let prefix = 'KHOTINLITERALBLOCK';
  while (markdown.includes(prefix)) prefix += 'X';
  return prefix + 'N';
}

/** Put the literal blocks back into whatever node holds their placeholder (paragraph text, code, html). */
export function restoreLiterals(root: Root, literals: Map<string, string>): void {
  if (literals.size === 0) return;
  const first = literals.keys().next().value!;
  const prefix = first.slice(0, first.lastIndexOf('N') + 1);
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as { value?: unknown; children?: unknown[] };
    if (typeof node.value === 'string' && node.value.includes(prefix)) {
      let value = node.value;
      for (const [key, literal] of literals) if (value.includes(key)) value = value.split(key).join(literal);
      node.value = value;
    }
    if (node.children) stack.push(...node.children);
  }
}

function countDelimiters(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 42 /* * */ || c === 95 /* _ */ || c === 91 /* [ */ || c === 93 /* ] */) n++;
  }
  return n;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Escape the container marker after the MAX_PREFIX_MARKERS-th one at the start of a line. */
function capPrefix(line: string): string {
  let i = 0;
  let depth = 0;
  for (;;) {
    while (isSpace(line[i])) i++;
    const c = line[i];
    let markerEnd = -1;
    if (c === '>') markerEnd = i + 1;
    else if ((c === '-' || c === '*' || c === '+') && (isSpace(line[i + 1]) || i + 1 === line.length)) markerEnd = i + 1;
    else if (isDigit(c)) {
      let j = i;
      while (j - i < 9 && isDigit(line[j])) j++;
      if ((line[j] === '.' || line[j] === ')') && (isSpace(line[j + 1]) || j + 1 === line.length)) markerEnd = j + 1;
    }
    if (markerEnd === -1) return line;
    if (depth === MAX_PREFIX_MARKERS) {
      // `\>`, `\-`, `1\.`: the marker becomes literal text, and so does everything after it.
      const at = isDigit(c) ? markerEnd - 1 : i;
      return line.slice(0, at) + '\\' + line.slice(at);
    }
    depth++;
    i = markerEnd;
  }
}

/** Depth of the tree, without recursion. */
export function treeDepth(root: Root): number {
  let max = 0;
  const stack: [{ children?: unknown[] }, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (depth > MAX_DEPTH) return depth; // enough to know
    for (const child of node.children ?? []) stack.push([child as { children?: unknown[] }, depth + 1]);
  }
  return max;
}

/** The literal text as paragraphs (one per blank-line-separated block): the fallback for trees too deep to walk. */
export function plainParagraphs(markdown: string): Root {
  const children: Paragraph[] = [];
  for (const block of markdown.split(/\n[ \t]*\n/)) {
    const value = block.trim();
    if (value) children.push({ type: 'paragraph', children: [{ type: 'text', value }] });
  }
  return { type: 'root', children };
}
