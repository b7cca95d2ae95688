import { describe, expect, it } from 'vitest';
import { articleFrom, extractText } from './seed-support.ts';
import { extractMentions } from '../../../src/lib/extract/index.ts';

describe('extraction on broken input', () => {
  it('a 200,000-character pathological line finishes fast', () => {
    const patterns = [
      'Bí thư Đảng ủy phường '.repeat(9000),
      'Nguyễn '.repeat(30000),
      '('.repeat(100000) + 'UBND' + ')'.repeat(100000),
      'Ảnh: '.repeat(40000),
      'phường Minh Khai, '.repeat(11000),
      'Đ'.repeat(200000),
      'Chủ tịch UBND '.repeat(15000),
      'Nguyễn Văn An Bình '.repeat(10000),
    ];
    for (const p of patterns) {
      const { article, text } = articleFrom('t', `Tiêu đề\n${p.slice(0, 200_000)}`);
      const t0 = performance.now();
      const mentions = extractMentions(article, text);
      const ms = performance.now() - t0;
      // Linear work is well under a second here; anything quadratic takes minutes.
      expect(ms).toBeLessThan(8000);
      expect(Array.isArray(mentions)).toBe(true);
    }
  });

  it('empty and markup-only articles give no mentions', () => {
    expect(extractText('t', 'Tiêu đề').mentions).toEqual([]);
    expect(extractText('t', 'Tiêu đề\n***\n> \n- ').mentions).toEqual([]);
  });
});
