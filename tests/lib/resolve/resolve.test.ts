import { describe, expect, it } from 'vitest';
import { entitySlugBase, resolveEntities, type ArticleExtraction } from '../../../src/lib/resolve/index.ts';
import { extractText, seed } from '../extract/seed-support.ts';

const seeds = (): ArticleExtraction[] => ['000', '001', '002', '003', '004'].map((n) => seed(n));

describe('resolution across the seeds', () => {
  const r = resolveEntities(seeds());
  const byId = new Map(r.entities.map((e) => [e.id, e]));
  const find = (type: string, name: string) => r.entities.filter((e) => e.type === type && e.name === name);

  it('one page for Hai Bà Trưng and one for Trương Định, each linking seeds 000 and 004', () => {
    const hbt = find('place', 'Quận Hai Bà Trưng');
    expect(hbt).toHaveLength(1);
    expect(hbt[0]!.articles).toHaveLength(2);
    expect(hbt[0]!.level).toBe('district');
    const td = find('place', 'Phường Trương Định');
    expect(td).toHaveLength(1);
    expect(td[0]!.articles).toHaveLength(2);
  });

  it('places and the units named after them are distinct entities that link', () => {
    const unit = find('unit', 'Đảng ủy phường Trương Định')[0]!;
    const place = find('place', 'Phường Trương Định')[0]!;
    expect(unit.id).not.toBe(place.id);
    expect(unit.place).toBe(place.id);
    expect(unit.parent).toBe(find('unit', 'Quận ủy Hai Bà Trưng')[0]!.id);
    expect(byId.get(find('unit', 'Quận ủy Hai Bà Trưng')[0]!.parent!)!.name).toBe('Thành ủy Hà Nội');
  });

  it('people: one entity per person with roles, aliases and sentences', () => {
    const vinh = find('person', 'Lê Thành Vinh');
    expect(vinh).toHaveLength(1);
    expect(vinh[0]!.roles!.map((x) => [x.title, x.unitName])).toEqual([
      ['Phó Bí thư', 'Đảng ủy phường Minh Khai'],
      ['Chủ tịch', 'Ủy ban nhân dân phường Minh Khai'],
    ]);
    expect(vinh[0]!.roles![1]!.unit).toBe(find('unit', 'Ủy ban nhân dân phường Minh Khai')[0]!.id);
    expect(vinh[0]!.roles![0]!.date).toBe('2023-01-27');
    expect(vinh[0]!.mentions).toHaveLength(2);
    expect(vinh[0]!.id).toBe('person/le-thanh-vinh');
    expect(vinh[0]!.url).toBe('/nguoi/le-thanh-vinh/');
    const ubnd = find('unit', 'Ủy ban nhân dân phường Minh Khai')[0]!;
    expect(ubnd.aliases).toContain('UBND phường Minh Khai');
    expect(find('person', 'Hồ Chí Minh')[0]!.articles.length).toBeGreaterThanOrEqual(3);
  });

  it('no byline or credit becomes an entity', () => {
    const names = new Set(r.entities.map((e) => e.name));
    for (const n of ['Đình Hiệp', 'N.Hoa', 'Anh Thơ', 'Thanh Thương', 'Thế Hà', 'M.Quang']) expect(names.has(n)).toBe(false);
  });

  it('links are sorted, non-overlapping and point at entities', () => {
    for (const [, links] of r.links) {
      for (let i = 1; i < links.length; i++) expect(links[i]!.start).toBeGreaterThanOrEqual(links[i - 1]!.end);
      for (const l of links) expect(byId.has(l.entity)).toBe(true);
    }
  });

  it('ids do not depend on the order of the articles', () => {
    const again = resolveEntities(seeds().reverse());
    expect(again.entities.map((e) => e.id)).toEqual(r.entities.map((e) => e.id));
  });
});

describe('person identity across articles', () => {
  const art = (id: string, body: string, date = '2023-01-01') => extractText(id, `Tiêu đề\n${body}`, date);

  it('same name in two provinces: two people; without a place: joins the only placed one', () => {
    const r = resolveEntities([
      art('a', 'Bí thư Tỉnh ủy Bắc Ninh Nguyễn Văn Hùng phát biểu.'),
      art('b', 'Chủ tịch UBND tỉnh Thái Bình Nguyễn Văn Hùng dự họp.'),
    ]);
    const hung = r.entities.filter((e) => e.name === 'Nguyễn Văn Hùng');
    expect(hung).toHaveLength(2);
    expect(new Set(hung.map((e) => e.id))).toEqual(new Set(['person/nguyen-van-hung', 'person/nguyen-van-hung-2']));

    const r2 = resolveEntities([
      art('a', 'Bí thư Tỉnh ủy Bắc Ninh Nguyễn Văn Hùng phát biểu.'),
      art('c', 'Đồng chí Nguyễn Văn Hùng phát biểu tại hội nghị.'),
    ]);
    const one = r2.entities.filter((e) => e.name === 'Nguyễn Văn Hùng');
    expect(one).toHaveLength(1);
    expect(one[0]!.articles).toEqual(['a', 'c']);
  });

  it('Hoàng/Huỳnh and Vũ/Võ never merge', () => {
    const r = resolveEntities([
      art('a', 'Ông Hoàng Văn Nam và ông Vũ Đức Anh dự họp.'),
      art('b', 'Ông Huỳnh Văn Nam và ông Võ Đức Anh dự họp.'),
    ]);
    const people = r.entities.filter((e) => e.type === 'person').map((e) => e.name).sort();
    expect(people).toEqual(['Hoàng Văn Nam', 'Huỳnh Văn Nam', 'Võ Đức Anh', 'Vũ Đức Anh']);
  });

  it('tone placement variants are one person and one canonical name', () => {
    const r = resolveEntities([art('a', 'Bà Võ Bích Thuỵ phát biểu.'), art('b', 'Bà Võ Bích Thụy phát biểu.')]);
    const p = r.entities.filter((e) => e.type === 'person');
    expect(p).toHaveLength(1);
    expect(p[0]!.name).toBe('Võ Bích Thụy');
    expect([...p[0]!.aliases].sort()).toEqual(['Võ Bích Thụy', 'Võ Bích Thuỵ'].sort());
  });
});

describe('entity slugs', () => {
  it('never hand out a purely numeric slug, which would clash with index page URLs', () => {
    expect(entitySlugBase('place', '1')).toBe('dia-danh-1');
    expect(entitySlugBase('document', '2024')).toBe('van-ban-2024');
    expect(entitySlugBase('place', 'Quận 1')).toBe('quan-1');
    expect(entitySlugBase('person', '…')).toBe('nguoi');
  });
});

describe('a body written without its place', () => {
  it('is the article\'s province\'s, and what the article wrote is no alias of it elsewhere', () => {
    const a = extractText('a', 'Tiêu đề\n\nChiều 5/3, UBND tỉnh Quảng Nam họp bàn kế hoạch năm. Theo UBND tỉnh, Sở Xây dựng sẽ trình phương án trong tháng.', '2023-03-05');
    const b = extractText('b', 'Tiêu đề\n\nSáng 7/3, UBND tỉnh Khánh Hòa làm việc với các sở. UBND tỉnh giao Sở Xây dựng rà soát các dự án.', '2023-03-07');
    const r = resolveEntities([a, b]);
    const quangNam = r.entities.find((e) => e.type === 'unit' && e.name === 'Ủy ban nhân dân tỉnh Quảng Nam')!;
    const khanhHoa = r.entities.find((e) => e.type === 'unit' && e.name === 'Ủy ban nhân dân tỉnh Khánh Hòa')!;
    expect(quangNam.articles).toEqual(['a']);
    expect(khanhHoa.articles).toEqual(['b']);
    expect(quangNam.aliases).toContain('UBND tỉnh Quảng Nam');
    for (const e of [quangNam, khanhHoa]) expect(e.aliases).not.toContain('UBND tỉnh');
    // "Sở Xây dựng" is each article's province's department, and named so nowhere else.
    const department = r.entities.find((e) => e.type === 'unit' && e.name === 'Sở Xây dựng Quảng Nam')!;
    expect(department.articles).toContain('a');
    expect(department.aliases).not.toContain('Sở Xây dựng');
  });
});

describe('a misspelt foreign name', () => {
  const many = (name: string, n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => extractText(`${name.replace(/\W+/g, '-').toLowerCase()}-${from + i}`, `Tiêu đề\n\nHôm qua, Tổng thống Nga ${name} đã tiếp các nhà báo tại điện Kremlin lần thứ ${i + 1}.`, '2005-05-05'));

  it('joins the far better known name one slip away (letters swapped, added or dropped)', () => {
    const r = resolveEntities([...many('Vladimir Putin', 12), ...many('Valdimir Putin', 1), ...many('Vladirmir Putin', 1)]);
    const putins = r.entities.filter((e) => e.type === 'person' && e.name.endsWith('Putin'));
    expect(putins.map((e) => e.name)).toEqual(['Vladimir Putin']);
    expect(putins[0]!.articles).toHaveLength(14);
    expect(putins[0]!.aliases).toEqual(expect.arrayContaining(['Valdimir Putin', 'Vladirmir Putin']));
  });

  it('stays apart when the known name is not far better known, or two words differ, or the surname differs', () => {
    const r = resolveEntities([...many('Vladimir Putin', 4), ...many('Valdimir Putin', 1), ...many('Dmitry Medvedev', 12), ...many('Dmitri Medvedew', 1)]);
    const names = r.entities.filter((e) => e.type === 'person').map((e) => e.name).sort();
    expect(names).toEqual(['Dmitri Medvedew', 'Dmitry Medvedev', 'Valdimir Putin', 'Vladimir Putin']);
  });
});
