import { describe, expect, it } from 'vitest';
import { abbreviationTable, expandTokens, findDefinitions } from '../../../src/lib/extract/abbreviations.ts';
import { tokenize } from '../../../src/lib/extract/tokens.ts';
import { extractText, seed } from './seed-support.ts';

describe('abbreviations', () => {
  it('the built-in table expands the usual ones', () => {
    const t = abbreviationTable();
    expect(t.get('UBND')!.expansion).toBe('Ủy ban nhân dân');
    expect(t.get('HĐND')!.expansion).toBe('Hội đồng nhân dân');
    expect(t.get('MTTQ')!.expansion).toBe('Mặt trận Tổ quốc');
  });

  it('finds the article\'s own "(ABBR)" definitions by initials (seed 002: TCCSĐ)', () => {
    const x = seed('002');
    const defs = new Map<string, string>();
    for (const b of x.text.blocks) for (const [k, v] of findDefinitions(tokenize(x.text.text, b.start, b.end))) defs.set(k, v.expansion);
    expect(defs.get('TCCSĐ')).toBe('tổ chức cơ sở Đảng');
  });

  it('does not take a bracketed word whose letters are not the initials before it', () => {
    expect(findDefinitions(tokenize('(HNM) - Năm 2022, công tác xây dựng Đảng (ABC)')).size).toBe(0);
  });

  it('expanded tokens keep the abbreviation\'s offsets', () => {
    const text = 'UBND phường Minh Khai';
    const out = expandTokens(tokenize(text), new Map());
    expect(out.slice(0, 4).map((t) => t.raw)).toEqual(['Ủy', 'ban', 'nhân', 'dân']);
    expect(out.slice(0, 4).every((t) => t.start === 0 && t.end === 4)).toBe(true);
  });

  it('an article-defined abbreviation names the same unit as its expansion', () => {
    const x = extractText(
      't',
      'Tiêu đề\nỦy ban Mặt trận Tổ quốc (UBMTTQVN) phường Minh Khai, quận Hai Bà Trưng họp. Hội Liên hiệp Phụ nữ (HLHPN) phường Minh Khai ra quân; HLHPN phường Minh Khai cũng tham gia.',
      '2023-01-01',
    );
    const hlhpn = x.mentions.filter((m) => m.type === 'unit' && /HLHPN|Liên hiệp/.test(m.surface));
    expect(hlhpn.length).toBe(2);
    expect(new Set(hlhpn.map((m) => m.key)).size).toBe(1);
  });
});
