import { describe, expect, it } from 'vitest';
import { extractText, seed } from './seed-support.ts';
import type { Mention } from '../../../src/lib/model/mention.ts';

const places = (ms: Mention[]) => ms.filter((m) => m.type === 'place');
const attrs = (m: Mention) => m.attrs as { name: string; level: string; code: string | null; era: string | null };
const byName = (ms: Mention[], name: string) => places(ms).filter((m) => attrs(m).name === name);

describe('places', () => {
  it('seed 000: Minh Khai is the ward of Hai Bà Trưng; places inside unit names count', () => {
    const x = seed('000');
    const mk = byName(x.mentions, 'Phường Minh Khai');
    expect(mk.length).toBeGreaterThan(0);
    for (const m of mk) expect(m.key).toBe('place:pre-2025:00295');
    expect(attrs(byName(x.mentions, 'Quận Hai Bà Trưng')[0]!).level).toBe('district');
    expect(byName(x.mentions, 'Phường Trương Định').length).toBeGreaterThan(0); // inside "Đảng ủy phường Trương Định"
  });

  it('seed 004: a list after a plural level word, resolved by the district in the title', () => {
    const x = seed('004');
    expect(byName(x.mentions, 'Phường Trương Định')[0]!.key).toBe('place:pre-2025:00298');
    expect(byName(x.mentions, 'Phường Thanh Nhàn')).toHaveLength(1);
    expect(byName(x.mentions, 'Quận Hai Bà Trưng').length).toBeGreaterThan(0);
  });

  it('seed 003: provinces standing alone, with their level', () => {
    const x = seed('003');
    for (const n of ['Tỉnh Bắc Ninh', 'Tỉnh Thái Bình', 'Thành phố Hà Nội', 'Thành phố Hải Phòng']) expect(byName(x.mentions, n).length).toBeGreaterThan(0);
    expect(attrs(byName(x.mentions, 'Thành phố Hà Nội')[0]!).level).toBe('city');
    expect(attrs(byName(x.mentions, 'Tỉnh Bắc Ninh')[0]!).level).toBe('province');
  });

  it('seed 002: commune, ward and provincial city', () => {
    const x = seed('002');
    expect(attrs(byName(x.mentions, 'Xã Hùng Lô')[0]!).level).toBe('commune');
    expect(attrs(byName(x.mentions, 'Phường Minh Phương')[0]!).level).toBe('ward');
    expect(attrs(byName(x.mentions, 'Thành phố Việt Trì')[0]!).level).toBe('provincial-city');
  });

  it('the same ward name in another district follows the article\'s district', () => {
    const x = extractText('t', 'Tiêu đề\nTại phường Minh Khai, quận Bắc Từ Liêm, người dân góp ý.', '2023-05-01');
    const mk = byName(x.mentions, 'Phường Minh Khai')[0]!;
    expect(mk.key).toBe('place:pre-2025:00613');
  });

  it('an ambiguous name without context stays one unresolved place per level and name', () => {
    const x = extractText('t', 'Tiêu đề\nNgười dân phường Minh Khai góp ý.', '2023-05-01');
    expect(byName(x.mentions, 'Phường Minh Khai')[0]!.key).toBe('place:?:ward:minh khai');
  });

  it('articles after 1 July 2025 use the 2025 units', () => {
    const x = extractText('t', 'Tiêu đề\nNgười dân phường Hai Bà Trưng, thành phố Hà Nội góp ý.', '2025-09-01');
    expect(attrs(byName(x.mentions, 'Phường Hai Bà Trưng')[0]!).era).toBe('2025');
  });

  it('"Thái Bình Dương" and "Hồ Chí Minh" alone are not provinces; "TP Hồ Chí Minh" is a city', () => {
    const x = extractText('t', 'Tiêu đề\nTàu ra Thái Bình Dương. Học tập tư tưởng Hồ Chí Minh. Người dân TP Hồ Chí Minh vui mừng.');
    const names = places(x.mentions).map((m) => attrs(m).name);
    expect(names).toEqual(['Thành phố Hồ Chí Minh']);
  });

  it('foreign places and capitalised level words inside other names are not places', () => {
    const x = extractText('t', 'Tiêu đề\nÔng Hashimoto, Thống đốc tỉnh Ibaraki, và thành phố New York. Trà Long Tỉnh Tây Hồ nổi tiếng. Người dân phường Cầu Dền, quận Hai Bà Trưng.', '2019-01-01');
    // New York is in the world gazetteer (data/countries.yaml): a foreign place, not a Vietnamese city.
    expect(places(x.mentions).map((m) => `${attrs(m).name} (${attrs(m).level})`)).toEqual(['New York (foreign)', 'Phường Cầu Dền (ward)', 'Quận Hai Bà Trưng (district)']);
  });
});
