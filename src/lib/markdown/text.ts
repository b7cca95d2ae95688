/**
 * The plain text of a parsed article, with positions.
 *
 * Extraction works on one string per article; every character of it comes from
 * an mdast `text` node, so a mention found at [start, end) can be mapped back to
 * the node(s) it came from and linked in place by the renderer. Blocks
 * (paragraphs, headings, list items, captions) are joined with "\n\n" so that no
 * match ever spans two blocks.
 */
import type { Root, Text, Nodes, Parents } from 'mdast';
import { splitSentences } from './sentences.ts';

export interface TextSegment {
  node: Text;
  /** Offset of node.value[0] in ArticleText.text. */
  start: number;
  end: number;
}

export type BlockKind = 'paragraph' | 'heading' | 'caption' | 'list' | 'quote' | 'table';

export interface TextBlock {
  kind: BlockKind;
  start: number;
  end: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** Index of the block it lies in. */
  block: number;
}

export interface ArticleText {
  text: string;
  segments: TextSegment[];
  blocks: TextBlock[];
  sentences: Sentence[];
}

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'tableCell']);

export function articleText(root: Root): ArticleText {
  const parts: string[] = [];
  const segments: TextSegment[] = [];
  const blocks: TextBlock[] = [];
  let offset = 0;

  const visit = (node: Nodes, kind: BlockKind, inBlock: boolean): void => {
    if (node.type === 'text') {
      if (!inBlock) return;
      segments.push({ node, start: offset, end: offset + node.value.length });
      parts.push(node.value);
      offset += node.value.length;
      return;
    }
    if (node.type === 'break') {
      if (inBlock) { parts.push(' '); offset += 1; }
      return;
    }
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || node.type === 'yaml') return;
    let childKind = kind;
    if (node.type === 'containerDirective' && node.name === 'caption') childKind = 'caption';
    else if (node.type === 'heading') childKind = 'heading';
    else if (node.type === 'listItem' && kind === 'paragraph') childKind = 'list';
    else if (node.type === 'blockquote' && kind === 'paragraph') childKind = 'quote';
    else if (node.type === 'table') childKind = 'table';
    const startsBlock = !inBlock && BLOCK_TYPES.has(node.type);
    if (startsBlock) {
      if (blocks.length > 0) { parts.push('\n\n'); offset += 2; }
      blocks.push({ kind: childKind, start: offset, end: offset });
    }
    if ('children' in node) {
      for (const child of (node as Parents).children) visit(child as Nodes, childKind, inBlock || startsBlock);
    }
    if (startsBlock) blocks[blocks.length - 1]!.end = offset;
  };
  visit(root, 'paragraph', false);

  const text = parts.join('');
  const sentences: Sentence[] = [];
  blocks.forEach((block, index) => {
    for (const s of splitSentences(text, block.start, block.end)) sentences.push({ ...s, block: index });
  });
  return { text, segments, blocks, sentences };
}

/** Index of the sentence containing offset (binary search; sentences are sorted). */
export function sentenceAt(at: ArticleText, offset: number): number {
  let lo = 0;
  let hi = at.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = at.sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return Math.max(0, Math.min(lo, at.sentences.length - 1));
}
