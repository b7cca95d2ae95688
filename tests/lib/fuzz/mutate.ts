/**
 * Deterministic mutations of article files for the fuzz test: a seeded PRNG
 * (mulberry32) and byte-level edits that mimic what scrapers and hand edits do
 * to Markdown — flipped bytes, NUL/BOM/Ð/NFD inserts, duplicated and deleted
 * lines, broken frontmatter fences, huge lines, runs of Markdown punctuation.
 */

import { mulberry32, type Random } from '../../../src/lib/infra/random.ts';

export { mulberry32, type Random };

const int = (rand: Random, n: number): number => Math.floor(rand() * n);
const pick = <T>(rand: Random, items: readonly T[]): T => items[int(rand, items.length)]!;

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Markdown-significant punctuation: the characters that drive parser state. */
const PUNCTUATION = ['*', '_', '[', ']', '(', ')', '<', '>', '`', '~', '#', '!', ':', '{', '}', '|', '\\', '&', ';', '"', "'", '-', '=', '.', '\n', ' '];
/** Repeated units for huge lines: pathological for naive parsers (nested brackets, emphasis runs, directives, HTML). */
const HUGE_UNITS = ['[', '*a', '_', '`', '<a ', '![', ':x[', '&#', '((', '> ', '- ', '\\', 'Đảng ủy ', 'a', '[a](', '<!--', ':::'];

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

function lines(bytes: Uint8Array): string[] {
  return dec.decode(bytes).split('\n');
}

export const MUTATIONS: Record<string, (bytes: Uint8Array, rand: Random) => Uint8Array> = {
  flipByte(bytes, rand) {
    if (bytes.length === 0) return bytes;
    const out = bytes.slice();
    const at = int(rand, out.length);
    out[at] = out[at]! ^ (1 << int(rand, 8));
    return out;
  },
  randomBytes(bytes, rand) {
    const junk = new Uint8Array(1 + int(rand, 8)).map(() => int(rand, 256));
    return splice(bytes, int(rand, bytes.length + 1), 0, junk);
  },
  insertNul(bytes, rand) {
    return splice(bytes, int(rand, bytes.length + 1), 0, new Uint8Array(1 + int(rand, 3)));
  },
  insertBom(bytes, rand) {
    return splice(bytes, rand() < 0.5 ? 0 : int(rand, bytes.length + 1), 0, enc.encode('\uFEFF'));
  },
  insertEth(bytes, rand) {
    const text = dec.decode(bytes);
    const at = int(rand, text.length + 1);
    return enc.encode(text.slice(0, at) + 'Ðảng ủy Ð' + text.slice(at));
  },
  nfdSlice(bytes, rand) {
    const text = dec.decode(bytes);
    const from = int(rand, text.length + 1);
    const to = Math.min(text.length, from + int(rand, 2000));
    return enc.encode(text.slice(0, from) + text.slice(from, to).normalize('NFD') + text.slice(to));
  },
  duplicateLine(bytes, rand) {
    const ls = lines(bytes);
    const at = int(rand, ls.length);
    ls.splice(at, 0, ...Array.from({ length: 1 + int(rand, 3) }, () => ls[at]!));
    return enc.encode(ls.join('\n'));
  },
  deleteLine(bytes, rand) {
    const ls = lines(bytes);
    ls.splice(int(rand, ls.length), 1 + int(rand, 2));
    return enc.encode(ls.join('\n'));
  },
  breakFence(bytes, rand) {
    const ls = lines(bytes);
    const fences = ls.flatMap((l, i) => (l.trim() === '---' ? [i] : []));
    if (fences.length === 0) return enc.encode('---\n' + ls.join('\n'));
    const at = pick(rand, fences);
    const replacement = pick(rand, ['', '--', '----', ' ---', '---x', '...', '***', '---\n---']);
    ls[at] = replacement;
    return enc.encode(ls.join('\n'));
  },
  crlf(bytes) {
    return enc.encode(dec.decode(bytes).replace(/\n/g, '\r\n'));
  },
  hugeLine(bytes, rand) {
    const unit = pick(rand, HUGE_UNITS);
    const length = 20_000 + int(rand, 180_000);
    const line = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
    const ls = lines(bytes);
    ls.splice(int(rand, ls.length + 1), 0, line);
    return enc.encode(ls.join('\n'));
  },
  punctuation(bytes, rand) {
    const text = dec.decode(bytes);
    let out = '';
    let from = 0;
    for (let k = 0, n = 1 + int(rand, 20); k < n; k++) {
      const at = from + int(rand, Math.max(1, Math.floor((text.length - from) / (n - k))));
      const run = Array.from({ length: 1 + int(rand, 6) }, () => pick(rand, PUNCTUATION)).join('');
      out += text.slice(from, at) + run;
      from = at;
    }
    return enc.encode(out + text.slice(from));
  },
  yamlNoise(bytes, rand) {
    const ls = lines(bytes);
    const noise = pick(rand, [
      'title: [unclosed', 'title: "open', 'published: 2023-13-45', 'published: 2023-02-29', 'title:', 'title: 2023',
      'title: {a: 1}', 'url: javascript:alert(1)', 'author: &x a', 'x: *x', 'tags: [a, b]', '  bad indent: x', '\ttab: x',
      'published: 2023-01-27T10:00:00', 'title: |', ': :', 'title: a: b',
    ]);
    ls.splice(1 + int(rand, Math.min(6, ls.length)), 0, noise);
    return enc.encode(ls.join('\n'));
  },
};

/** Mutations that usually make the file unloadable are rarer, so most cases reach parse and render too; huge lines are rarer because each costs about a second. */
const WEIGHTS: Record<string, number> = { flipByte: 1, randomBytes: 1, breakFence: 1, yamlNoise: 1, hugeLine: 1 };
const NAMES = Object.keys(MUTATIONS).flatMap((name) => Array.from({ length: WEIGHTS[name] ?? 3 }, () => name));

/** 1–4 mutations of one seed; the names are returned so a failure can say what was done. */
export function mutate(seed: Uint8Array, rand: Random): { bytes: Uint8Array; applied: string[] } {
  let bytes = seed;
  const applied: string[] = [];
  for (let k = 0, n = 1 + int(rand, 4); k < n; k++) {
    const name = pick(rand, NAMES);
    bytes = MUTATIONS[name]!(bytes, rand);
    applied.push(name);
  }
  return { bytes, applied };
}
