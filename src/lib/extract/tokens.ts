/**
 * Tokens and phrase tries shared by the people, unit and place extractors.
 *
 * A token is a run of letters/marks/digits or a single other non-space
 * character, with its offsets in the article text. `norm` is the matching form:
 * lower case with canonical (old) tone placement, so "Thuỵ"/"Thụy" and
 * "Uỷ"/"Ủy" match the same phrases. Normalised forms are cached per distinct
 * written token, so the cost per article is one regex scan plus Map lookups.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalTones } from '../text/fold.ts';

export interface Token {
  start: number;
  end: number;
  /** As written (for an expanded abbreviation: the expansion's word). */
  raw: string;
  /** Lower case, canonical tones. */
  norm: string;
  word: boolean;
  /** First character is an upper-case letter. */
  cap: boolean;
  /** Capitalised word whose other letters are lower case ("Minh", not "UBND"). */
  titleCase: boolean;
  /** Set on tokens produced by expanding an abbreviation. */
  expandedFrom?: string;
}

const TOKEN_RE = /[\p{L}\p{M}\p{N}]+|\S/gu;

// A Vietnamese syllable written without diacritics: initial consonant, vowels, final consonant.
const VIETNAMESE_SYLLABLE = /^(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?(?:[aeiouy]{1,3})(?:ch|nh|ng|[cmnpt])?$/;

/** Could this lower-case ASCII word be a Vietnamese syllable with its diacritics lost ("minh", "thanh")? "blair", "oscar" cannot. */
export function spellsVietnameseSyllable(lower: string): boolean {
  return VIETNAMESE_SYLLABLE.test(lower);
}
const WORD_START_RE = /^[\p{L}\p{M}\p{N}]/u;
const UPPER_START_RE = /^\p{Lu}/u;

interface TokenShape {
  norm: string;
  word: boolean;
  cap: boolean;
  titleCase: boolean;
}
const shapeCache = new Map<string, TokenShape>();

export function tokenShape(raw: string): TokenShape {
  let shape = shapeCache.get(raw);
  if (shape) return shape;
  const word = WORD_START_RE.test(raw);
  const cap = word && UPPER_START_RE.test(raw);
  const rest = raw.slice(1);
  const titleCase = cap && rest.length > 0 && rest === rest.toLowerCase() && rest !== rest.toUpperCase();
  // No Vietnamese syllable is longer than 7 letters; long runs (numbers, junk) skip tone work.
  const norm = !word ? raw : raw.length > 12 ? raw.toLowerCase() : canonicalTones(raw).toLowerCase();
  shape = { norm, word, cap, titleCase };
  if (raw.length <= 40 && shapeCache.size < 500_000) shapeCache.set(raw, shape);
  return shape;
}

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(slice); m; m = TOKEN_RE.exec(slice)) {
    const raw = m[0];
    const shape = tokenShape(raw);
    const start = from + m.index;
    out.push({ start, end: start + raw.length, raw, norm: shape.norm, word: shape.word, cap: shape.cap, titleCase: shape.titleCase });
  }
  return out;
}

/** The matching forms of a phrase ("Ủy ban nhân dân" → ["ủy","ban","nhân","dân"]). */
export function phraseNorms(phrase: string): string[] {
  return tokenize(phrase.normalize('NFC')).map((t) => t.norm);
}

interface TrieNode<V> {
  next: Map<string, TrieNode<V>>;
  values: V[];
}

/** Longest-match dictionary of token sequences. */
export class PhraseTrie<V> {
  private readonly root: TrieNode<V> = { next: new Map(), values: [] };

  add(norms: readonly string[], value: V): void {
    if (norms.length === 0) return;
    let node = this.root;
    for (const n of norms) {
      let child = node.next.get(n);
      if (!child) node.next.set(n, (child = { next: new Map(), values: [] }));
      node = child;
    }
    node.values.push(value);
  }

  /** The first tokens of every phrase (for a cheap "could anything start here?" test). */
  firstTokens(): IterableIterator<string> {
    return this.root.next.keys();
  }

  /** Longest phrase starting at tokens[i]; `length` counts tokens. */
  longest(tokens: readonly Token[], i: number, limit = tokens.length): { length: number; values: V[] } | null {
    let node: TrieNode<V> | undefined = this.root;
    let best: { length: number; values: V[] } | null = null;
    for (let j = i; j < limit; j++) {
      node = node.next.get(tokens[j]!.norm);
      if (!node) break;
      if (node.values.length > 0) best = { length: j - i + 1, values: node.values };
    }
    return best;
  }

  /** Every phrase starting at tokens[i], shortest first. */
  all(tokens: readonly Token[], i: number, limit = tokens.length): { length: number; values: V[] }[] {
    const out: { length: number; values: V[] }[] = [];
    let node: TrieNode<V> | undefined = this.root;
    for (let j = i; j < limit; j++) {
      node = node.next.get(tokens[j]!.norm);
      if (!node) break;
      if (node.values.length > 0) out.push({ length: j - i + 1, values: node.values });
    }
    return out;
  }
}

/** Absolute path of a file under the project's data/ folder. */
export function dataPath(file: string): string {
  const candidates: string[] = [];
  try {
    candidates.push(fileURLToPath(new URL(`../../../data/${file}`, import.meta.url)));
  } catch {
    // import.meta.url is not a file URL when bundled; the cwd candidate remains.
  }
  candidates.push(path.resolve(process.cwd(), 'data', file));
  for (const c of candidates) if (fs.existsSync(c)) return c;
  throw new Error(`data file not found: data/${file} (looked in ${candidates.join(', ')})`);
}

