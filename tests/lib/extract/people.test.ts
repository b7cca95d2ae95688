import { describe, expect, it } from 'vitest';
import { extractText, people, seed } from './seed-support.ts';

describe('people with roles on the seeds', () => {
  it('seed 000: coordinated titles share the place; later "đồng chí" is the same person', () => {
    const p = people(seed('000'));
    expect(p.get('Lê Thành Vinh')).toEqual([
      { title: 'Phó Bí thư', unitName: 'Đảng ủy phường Minh Khai' },
      { title: 'Chủ tịch', unitName: 'Ủy ban nhân dân phường Minh Khai' },
    ]);
    expect(p.get('Nguyễn Thị Tuyết')).toEqual([{ title: 'Bí thư', unitName: 'Đảng ủy phường Trương Định' }]);
    expect(p.get('Trần Quyết Thắng')).toEqual([{ title: 'Phó Bí thư Thường trực', unitName: 'Quận ủy Hai Bà Trưng' }]);
    expect(p.get('Nguyễn Văn Nam')).toEqual([{ title: 'Bí thư', unitName: 'Quận ủy Hai Bà Trưng' }]);
    const vinh = seed('000').mentions.filter((m) => m.type === 'person' && m.key === 'person:lê thành vinh');
    expect(vinh).toHaveLength(2);
  });

  it('seed 000: the byline is not a person', () => {
    expect([...people(seed('000')).keys()]).not.toContain('Đình Hiệp');
  });

  it('seed 001: titles after the name, in captions, and the district committee', () => {
    const p = people(seed('001'));
    expect(p.get('Võ Bích Thủy')).toEqual([
      { title: 'Quận ủy viên', unitName: 'Quận ủy Tây Hồ' },
      { title: 'Bí thư', unitName: 'Đảng ủy phường Thụy Khuê' },
    ]);
    expect(p.get('Phạm Xuân Đức')).toEqual([{ title: 'Bí thư', unitName: 'Đảng ủy phường Phú Thượng' }]);
    const hang = p.get('Lê Thị Thu Hằng')!;
    expect(hang).toContainEqual({ title: 'Bí thư', unitName: 'Quận ủy Tây Hồ' });
    expect(hang).toContainEqual({ title: 'Chủ tịch', unitName: 'Hội đồng nhân dân quận Tây Hồ' });
    expect(p.has('Hồ Chí Minh')).toBe(true);
  });

  it('seed 002: bare "xã"/"phường" after a title take the article context', () => {
    const p = people(seed('002'));
    expect(p.get('Nguyễn Tiến Đức')).toEqual([{ title: 'Bí thư', unitName: 'Đảng ủy xã Hùng Lô' }]);
    expect(p.get('Hán Đình Huy')).toEqual([{ title: 'Chủ tịch', unitName: 'Ủy ban nhân dân phường Minh Phương' }]);
    expect(p.get('Đặng Trần Minh')).toEqual([{ title: 'Phó Bí thư Thường trực', unitName: 'Thành ủy Việt Trì' }]);
    expect(p.has('Anh Thơ')).toBe(false);
  });

  it('seed 003: "Ông …, title" and committees of agencies', () => {
    const p = people(seed('003'));
    expect(p.get('Phạm Xuân Biền')).toEqual([{ title: 'Phó Bí thư', unitName: 'Đảng ủy Khối các cơ quan tỉnh Thái Bình' }]);
    expect(p.get('Bùi Hoàng Mai')).toEqual([{ title: 'Phó Bí thư', unitName: 'Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh Bắc Ninh' }]);
    expect(p.get('Phạm Thị Nguyên Hạnh')).toEqual([{ title: 'Phó Bí thư Thường trực', unitName: 'Đảng ủy Khối các cơ quan thành phố Hà Nội' }]);
    expect(p.has('Thanh Thương')).toBe(false);
  });

  it('seed 004: a military rank, and a bare "Đảng ủy" joined to the military command it is coordinated with', () => {
    const x = seed('004');
    const p = people(x);
    expect(p.get('Nguyễn Văn Cường')).toEqual([
      { title: 'Phó Bí thư Thường trực', unitName: 'Đảng ủy Quân sự quận Hai Bà Trưng' },
      { title: 'Chính trị viên', unitName: 'Ban Chỉ huy quân sự quận Hai Bà Trưng' },
    ]);
    const cuong = x.mentions.find((m) => m.type === 'person' && m.key === 'person:nguyễn văn cường')!;
    expect((cuong.attrs as { rank: string }).rank).toBe('Thượng tá');
    expect(p.has('Thế Hà')).toBe(false);
  });
});

describe('people on hand-written text', () => {
  it('Hoàng/Huỳnh and Vũ/Võ stay different people', () => {
    const x = extractText('t', 'Tiêu đề\nÔng Hoàng Văn Hải và ông Huỳnh Văn Hải dự họp. Bà Vũ Thị Lan và bà Võ Thị Lan phát biểu.');
    expect(new Set(x.mentions.filter((m) => m.type === 'person').map((m) => m.key))).toEqual(
      new Set(['person:hoàng văn hải', 'person:huỳnh văn hải', 'person:vũ thị lan', 'person:võ thị lan']),
    );
  });

  it('photo credits, agency bylines and the frontmatter author are not people', () => {
    const x = extractText(
      't',
      'Tiêu đề\nHội nghị diễn ra sáng nay. (Ảnh: Nguyễn Văn Tùng/TTXVN)\nĐồng chí Trần Văn Bình phát biểu.\nLê Minh Hoàng',
      null,
      'Lê Minh Hoàng',
    );
    expect([...people(x).keys()]).toEqual(['Trần Văn Bình']);
  });

  it('phrases that merely start with a capitalised word are not names', () => {
    const x = extractText('t', 'Tiêu đề\nHội Phụ nữ và Hội Cựu chiến binh phường tham gia. Hà Nội Mới đưa tin.');
    expect(people(x).size).toBe(0);
  });

  it('streets, schools and countries named like people are not people', () => {
    const x = extractText(
      't',
      'Tiêu đề\nXe buýt chạy trên đường Lê Hồng Phong, qua số 53c Huỳnh Khương Ninh và trường THPT Mạc Đĩnh Chi. Chính phủ Hà Lan và Hàn Quốc ủng hộ. Ông Nguyễn Văn Bình dự lễ.',
    );
    expect([...people(x).keys()]).toEqual(['Nguyễn Văn Bình']);
  });

  it('a foreign name after a head-of-state title, an organisation after a trailing title', () => {
    const x = extractText('t', 'Tiêu đề\nTổng thống Donald Trump phát biểu. Ông Hồ Sỹ Hùng - Cục trưởng Cục Phát triển doanh nghiệp, Bộ Kế hoạch và Đầu tư cho biết thêm.');
    const p = people(x);
    expect(p.get('Donald Trump')).toEqual([{ title: 'Tổng thống', unitName: null }]);
    expect(p.get('Hồ Sỹ Hùng')).toEqual([{ title: 'Cục trưởng', unitName: 'Cục Phát triển doanh nghiệp' }]);
  });
});
