/**
 * Thousands of randomly mutated seeds (deterministic PRNG) through the
 * importer: each finishes quickly with an article or the importer's own error,
 * and every written body parses back (remark) to exactly the cleaned text.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import matter from 'gray-matter';
import { importPlainText } from '../../../src/lib/import/plaintext.ts';
import { renderMarkdown } from '../../../src/lib/import/markdown.ts';
import { ImportError } from '../../../src/lib/import/types.ts';
import { parseMarkdown } from '../../../src/lib/markdown/parse.ts';
import { articleText } from '../../../src/lib/markdown/text.ts';
import { seedFiles } from './support.ts';
import { mulberry32 } from '../fuzz/mutate.ts';

const prng = mulberry32;

const INSERTS = ['*', '_', '[', ']', '<', '>', '#', '-', '1. ', ':::', ':a', '`', '\\', '&amp;', '&#0;', '\n', '\n\n', '\u0000', '\u00D0', 'e\u0301', '\uFEFF', '  ', 'Ảnh: ', '(Ảnh: X/TTXVN)', 'Tin liên quan\n', '|', '!', '\r\n', '(0) Bình luận\n', 'a.jpg\n'];

function mutate(text: string, random: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 12);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (out.length + 1));
    const kind = random();
    if (kind < 0.5) out = out.slice(0, at) + INSERTS[Math.floor(random() * INSERTS.length)]! + out.slice(at);
    else if (kind < 0.75) out = out.slice(0, at) + out.slice(at + Math.floor(random() * 200));
    else if (kind < 0.9) {
      const from = Math.floor(random() * out.length);
      out = out.slice(0, at) + out.slice(from, from + Math.floor(random() * 300)) + out.slice(at);
    } else out = out.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x2000)) + out.slice(at);
  }
  return out;
}

describe('fuzzing the importer with mutated seeds', () => {
  it('2,000 mutations: bounded time, a result or an ImportError, exact round trip', () => {
    const seeds = seedFiles().map((f) => readFileSync(f, 'utf8'));
    const random = prng(20260323);
    let written = 0;
    for (let n = 0; n < 2000; n++) {
      const text = mutate(seeds[n % seeds.length]!, random);
      const started = performance.now();
      let result;
      try {
        result = importPlainText(new TextEncoder().encode(text), `fuzz-${n}.txt`);
      } catch (error) {
        expect(error, `mutation ${n}`).toBeInstanceOf(ImportError);
        continue;
      }
      if (result.ok) {
        written++;
        const { content } = matter(renderMarkdown(result.article));
        const at = articleText(parseMarkdown(content));
        const parsed = at.blocks.map((b) => at.text.slice(b.start, b.end));
        const expected = result.article.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : [b.text, b.credit ?? ''].filter(Boolean)));
        expect(parsed, `mutation ${n}`).toEqual(expected);
      }
      expect(performance.now() - started, `mutation ${n}`).toBeLessThan(1000);
    }
    expect(written).toBeGreaterThan(1500);
  }, 120_000);
});
