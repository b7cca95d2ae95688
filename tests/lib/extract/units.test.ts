import { describe, expect, it } from 'vitest';
import { extractText, seed } from './seed-support.ts';
import type { Mention } from '../../../src/lib/model/mention.ts';

const units = (ms: Mention[]) => ms.filter((m) => m.type === 'unit');
const attrs = (m: Mention) => m.attrs as { name: string };
const unitNames = (ms: Mention[]) => new Set(units(ms).map((m) => (m.attrs as { name: string }).name));
const bySurface = (ms: Mention[], surface: string) => units(ms).filter((m) => m.surface === surface);

describe('units on the seeds', () => {
  it('seed 000: abbreviations expand, names nest, bare references take the context', () => {
    const x = seed('000');
    const names = unitNames(x.mentions);
    for (const n of ['Quận ủy Hai Bà Trưng', 'Ủy ban nhân dân phường Minh Khai', 'Đảng ủy phường Minh Khai', 'Đảng ủy phường Trương Định', 'Bộ Chính trị', 'Ban Chấp hành Trung ương Đảng', 'Đảng bộ quận Hai Bà Trưng']) {
      expect(names).toContain(n);
    }
    // "Đảng ủy phường" in Vinh's quote is his ward's committee.
    const bare = bySurface(x.mentions, 'Đảng ủy phường');
    expect(bare.length).toBeGreaterThan(0);
    for (const m of bare) expect((m.attrs as { name: string }).name).toBe('Đảng ủy phường Minh Khai');
    // Đảng ủy phường Trương Định → Quận ủy Hai Bà Trưng → Thành ủy Hà Nội.
    const td = units(x.mentions).find((m) => m.surface === 'Đảng ủy phường Trương Định')!;
    expect((td.attrs as { parentKeys: string[] }).parentKeys[0]).toBe(units(x.mentions).find((m) => m.surface === 'Quận ủy Hai Bà Trưng')!.key);
    // "các cấp ủy Đảng" is not a unit.
    expect(units(x.mentions).some((m) => /cấp ủy/.test(m.surface))).toBe(false);
  });

  it('seed 001: "Quận ủy", "Thành ủy" and "Ban Thường vụ Thành ủy" resolve to Tây Hồ and Hà Nội', () => {
    const x = seed('001');
    for (const m of bySurface(x.mentions, 'Quận ủy')) expect((m.attrs as { name: string }).name).toBe('Quận ủy Tây Hồ');
    for (const m of bySurface(x.mentions, 'Thành ủy')) expect((m.attrs as { name: string }).name).toBe('Thành ủy Hà Nội');
    expect(unitNames(x.mentions)).toContain('Ban Thường vụ Thành ủy Hà Nội');
    expect(unitNames(x.mentions)).toContain('Hội đồng nhân dân quận Tây Hồ');
  });

  it('seed 002: "Thành ủy Thành phố Việt Trì" and "Thành ủy Việt Trì" are one unit; coordinated "Đảng ủy-UBND phường"', () => {
    const x = seed('002');
    const keys = new Set([...bySurface(x.mentions, 'Thành ủy Thành phố Việt Trì'), ...bySurface(x.mentions, 'Thành ủy Việt Trì')].map((m) => m.key));
    expect(keys.size).toBe(1);
    expect(unitNames(x.mentions)).toContain('Đảng ủy phường Minh Phương');
    expect(unitNames(x.mentions)).toContain('Ban Thường vụ Đảng ủy phường Minh Phương');
    expect(unitNames(x.mentions)).toContain('Đảng ủy xã Hùng Lô');
  });

  it('seed 003: generic "các Đảng ủy Khối" and place-less "Đảng ủy Khối các cơ quan" are not units', () => {
    const x = seed('003');
    const names = [...unitNames(x.mentions)];
    expect(names).toContain('Đảng ủy Khối các cơ quan tỉnh Thái Bình');
    expect(names).toContain('Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh Bắc Ninh');
    expect(names).toContain('Thành ủy Hà Nội');
    expect(names.filter((n) => n.startsWith('Đảng ủy Khối') || n.startsWith('Đảng bộ Khối'))).toHaveLength(3);
  });

  it('seed 004: military units of quận Hai Bà Trưng and the capital command', () => {
    const x = seed('004');
    const names = unitNames(x.mentions);
    for (const n of ['Đảng bộ Quân sự quận Hai Bà Trưng', 'Đảng ủy Quân sự quận Hai Bà Trưng', 'Ban Chỉ huy quân sự quận Hai Bà Trưng', 'Bộ Tư lệnh Thủ đô Hà Nội']) {
      expect(names).toContain(n);
    }
    for (const m of bySurface(x.mentions, 'Ban CHQS quận')) expect((m.attrs as { name: string }).name).toBe('Ban Chỉ huy quân sự quận Hai Bà Trưng');
  });
});

describe('units on hand-written text', () => {
  it('"UBND phường Minh Khai" and "Ủy ban nhân dân phường Minh Khai" are one key', () => {
    const x = extractText('t', 'Tiêu đề\nUBND phường Minh Khai (quận Hai Bà Trưng) họp. Ủy ban nhân dân phường Minh Khai đã triển khai.', '2023-01-01');
    const keys = new Set(units(x.mentions).map((m) => m.key));
    expect(keys.size).toBe(1);
  });

  it('a bare reference without a context is not emitted', () => {
    const x = extractText('t', 'Tiêu đề\nĐảng ủy phường đã họp. Quận ủy chỉ đạo.');
    expect(units(x.mentions)).toHaveLength(0);
  });

  it('an organisation between a title and a name becomes the role\'s unit', () => {
    const x = extractText('t', 'Tiêu đề\nPhó Giám đốc Sở Tài nguyên và Môi trường Nguyễn Văn Chiến cho biết như vậy.');
    const p = x.mentions.find((m) => m.type === 'person')!;
    expect((p.attrs as { roles: { unitName: string }[] }).roles[0]!.unitName).toBe('Sở Tài nguyên và Môi trường');
  });

  it('another country\'s government or parliament is its own unit, never ours', () => {
    const x = extractText('t', 'Tiêu đề\nChính phủ Hàn Quốc và Quốc hội Mỹ đã họp. Chính phủ Việt Nam hoan nghênh. Quốc hội khóa XIV thông qua.');
    expect(units(x.mentions).map((m) => `${m.surface} → ${attrs(m).name}`)).toEqual([
      'Chính phủ Hàn Quốc → Chính phủ Hàn Quốc',
      'Quốc hội Mỹ → Quốc hội Hoa Kỳ',
      'Chính phủ → Chính phủ',
      'Quốc hội → Quốc hội',
    ]);
  });

  it('a bare body after another country\'s is that country\'s; one that needs a country and has none is no unit', () => {
    const x = extractText('t', 'Tiêu đề\nQuốc hội Ba Lan họp phiên bất thường. Quốc hội đã thông qua dự luật. Thượng viện sẽ xem xét.');
    expect(units(x.mentions).map((m) => attrs(m).name)).toEqual(['Quốc hội Ba Lan', 'Quốc hội Ba Lan']);
  });
});
