import { describe, expect, it } from 'vitest';
import { splitGluedWords } from '../../../src/lib/import/glued.ts';
import { cleanArticle } from '../../../src/lib/import/article.ts';

describe('words that lost their space in the scrape', () => {
  it('are parted where a Vietnamese syllable runs into a capital', () => {
    expect(splitGluedWords('Công ty tỉnh Gia LaiTrịnh Xuân Nhân')).toBe('Công ty tỉnh Gia Lai Trịnh Xuân Nhân');
    expect(splitGluedWords('thành phố ĐàLạt và TuMơRông')).toBe('thành phố Đà Lạt và Tu Mơ Rông');
  });

  it('leave brand names, one-letter typos and long foreign words whole', () => {
    for (const s of ['VnExpress', 'iPhone', 'PetroVietnam', 'MobiFone', 'HảI', 'DươnG', 'McDonalsoặc']) expect(splitGluedWords(s)).toBe(s);
    expect(splitGluedWords('theo tin vớiVnExpress')).toBe('theo tin với VnExpress');
  });

  it('are parted by the importer in the body, after captions were told from text', () => {
    const r = cleanArticle({ title: 'Tin', text: 'Tin\nÔng được bổ nhiệm làm Giám đốc Sở Y tế tỉnh Gia LaiTừ tháng 5.', published: null, author: null, source: null, url: null, importedFrom: 'glued.txt' });
    expect(r.ok && r.article.blocks.map((b) => b.text)).toEqual(['Ông được bổ nhiệm làm Giám đốc Sở Y tế tỉnh Gia Lai Từ tháng 5.']);
  });

  it('take linear time on a long pathological line', () => {
    const line = (n: number): string => 'aBạ'.repeat(n);
    const time = (n: number): number => {
      const t = performance.now();
      splitGluedWords(line(n));
      return performance.now() - t;
    };
    time(20_000); // warm up
    // Ten times the input may cost at most about ten times (allowing for noise), never a hundred.
    expect(time(200_000)).toBeLessThan(Math.max(50, time(20_000) * 40));
  });
});
