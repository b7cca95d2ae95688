/**
 * Organisations named with their kind: where the name ends, the bodies and
 * places written inside it, and the titles read before or after a person
 * (issue 14, classes 3, 6 and 14), on sentences written the way the press writes them.
 */
import { describe, expect, it } from 'vitest';
import { extractText, names, of, roles } from './seed-support.ts';

describe('organisation names', () => {
  it('read a place\'s name whole, whatever its syllables look like', () => {
    const { mentions } = extractText('o1', 'Tin\nTổng công ty Cấp nước Thành phố Hồ Chí Minh cho biết sẽ tăng giá nước.');
    expect(names(of('unit', mentions))).toContain('Tổng công ty Cấp nước Thành phố Hồ Chí Minh');
    expect(names(of('place', mentions))).toContain('Thành phố Hồ Chí Minh');
  });

  it('give the body written inside them as a unit of its own and as their parent', () => {
    const { mentions } = extractText('o2', 'Tin\nBệnh nhân được chuyển tới Khoa Hồi sức Bệnh viện Việt Đức để điều trị.');
    const units = of('unit', mentions);
    expect(names(units)).toEqual(['Khoa Hồi sức Bệnh viện Việt Đức', 'Bệnh viện Việt Đức']);
    expect(units[0]!.attrs?.parentKeys).toEqual([units[1]!.key]);
  });

  it('keep the body after a dash that they belong to, and are not a person when a second organisation word follows', () => {
    const { mentions } = extractText('o3', 'Tin\nAnh Lê Văn Tâm, Bí thư Đoàn Trường Đại học Khoa học Tự nhiên – Đại học Quốc gia Hà Nội, phát biểu.');
    expect(roles(mentions)).toEqual(['Lê Văn Tâm | Bí thư | Đoàn Trường Đại học Khoa học Tự nhiên – Đại học Quốc gia Hà Nội']);
    expect(names(of('unit', mentions))).toContain('Trường Đại học Khoa học Tự nhiên – Đại học Quốc gia Hà Nội');
  });

  it('stop before "thuộc" (the body they belong to is named after it)', () => {
    const { mentions } = extractText('o4', 'Tin\nViện Vật lý Địa cầu thuộc Viện Hàn lâm Khoa học ghi nhận trận động đất.');
    expect(names(of('unit', mentions))[0]).toBe('Viện Vật lý Địa cầu');
  });

  it('of a body every province has, written without a place, are the article\'s province\'s, or no entity', () => {
    const placed = extractText('o6', 'Tin\nTỉnh Nghệ An: Giám đốc Sở Y tế Lê Văn An cho biết.');
    expect(roles(placed.mentions)).toEqual(['Lê Văn An | Giám đốc | Sở Y tế Nghệ An']);
    const nowhere = extractText('o7', 'Tin\nGiám đốc Sở Y tế Lê Văn An cho biết.');
    expect(roles(nowhere.mentions)).toEqual(['Lê Văn An | Giám đốc | Sở Y tế']);
    expect(of('unit', nowhere.mentions)).toEqual([]);
  });

  it('end at a foreign name after Vietnamese words, after a foreign last word, and not at a count', () => {
    const { mentions } = extractText('o8', 'Tin\nĐảng Dân chủ Chuck Schumer phản đối. Công ty Microsoft tổ chức hội thảo. Công ty Galaxy chiếm 30 % thị phần. Tập đoàn Berkshire Hathaway cho biết.');
    expect(names(of('unit', mentions))).toEqual(['Đảng Dân chủ', 'Công ty Microsoft', 'Công ty Galaxy', 'Tập đoàn Berkshire Hathaway']);
  });

  it('name the places written with a level word inside them', () => {
    const { mentions } = extractText('o5', 'Tin\nCông ty Lương thực tỉnh Sóc Trăng đã ký hợp đồng xuất khẩu.');
    expect(names(of('place', mentions))).toEqual(['Tỉnh Sóc Trăng']);
  });
});

describe('titles', () => {
  it('read every title\'s deputy ("Phó …") with the title\'s own unit rules', () => {
    const { mentions } = extractText('t1', 'Tin\nPhó Vụ trưởng Pháp chế Trần Văn Hòa cho biết dự thảo đã xong.');
    expect(roles(mentions)).toEqual(['Trần Văn Hòa | Phó Vụ trưởng | Vụ Pháp chế']);
  });

  it('after a name in brackets, in lower case, with a long organisation name closed by the bracket', () => {
    const { mentions } = extractText('t2', 'Tin\nCơ quan điều tra đã bắt Lê Thị Hoa (kế toán trưởng Công ty Vận tải và dịch vụ hàng hải) vì tham ô.');
    expect(roles(mentions)).toEqual(['Lê Thị Hoa | Kế toán trưởng | Công ty Vận tải và dịch vụ hàng hải']);
  });

  it('after an office of another country\'s body, a foreign name is the person\'s', () => {
    const { mentions } = extractText('t3', 'Tin\nHôm qua, Bộ trưởng Tư pháp Đức Klaus Weber nói.');
    expect(roles(mentions)).toEqual(['Klaus Weber | Bộ trưởng | Bộ Tư pháp Đức']);
  });

  it('skip a short bracket between the unit and the name', () => {
    const { mentions } = extractText('t4', 'Tin\nHôm qua, Giám đốc Công ty chè Bình Minh (huyện Mộc Châu) Lê Văn Sơn cho biết.');
    expect(roles(mentions)).toEqual(['Lê Văn Sơn | Giám đốc | Công ty chè Bình Minh']);
    expect(of('place', mentions).map((m) => m.surface)).toEqual(['huyện Mộc Châu']);
  });

  it('take a degree or a calling before a name as a word of address', () => {
    const { mentions } = extractText('t5', 'Tin\nHôm qua, PGS.TS Trần Văn Hải và nhạc sĩ Lê Tiến nói chuyện.');
    expect(names(of('person', mentions))).toEqual(['Trần Văn Hải', 'Lê Tiến']);
  });
});

describe('abbreviations', () => {
  it('written as one compound with & or - are spelled out inside a unit\'s name', () => {
    const { mentions } = extractText('a1', 'Tin\nHôm qua, Bộ KH&CN và Sở GD-ĐT Hà Nội ký kết; Sở Y tế TP.HCM dự.');
    expect(names(of('unit', mentions))).toEqual(['Bộ Khoa học và Công nghệ', 'Sở Giáo dục và Đào tạo Hà Nội', 'Sở Y tế thành phố Hồ Chí Minh']);
  });
});

describe('foreign bodies', () => {
  it('are not the body a Vietnamese name holds, though named bare after the foreign one', () => {
    const { mentions } = extractText('f0', 'Tin\nHôm qua, Quốc hội Cuba do đồng chí Esteban Lazo Hernandez, Chủ tịch Quốc hội dẫn đầu đã thăm Việt Nam. Chủ tịch Quốc hội Nguyễn Thị Kim Ngân đón đoàn.');
    expect(roles(mentions)).toEqual(['Esteban Lazo Hernandez | Chủ tịch | Quốc hội Cuba', 'Nguyễn Thị Kim Ngân | Chủ tịch | Quốc hội']);
  });

  it('keep the country as written as a name beside the canonical one', () => {
    const { mentions } = extractText('f1', 'Tin\nBộ Quốc phòng Anh ra thông báo.');
    const unit = of('unit', mentions)[0]!;
    expect(unit.attrs?.name).toBe('Bộ Quốc phòng Vương quốc Anh');
    expect(unit.attrs?.aliases).toEqual(['Bộ Quốc phòng Anh']);
  });
});

describe('officers of international bodies', () => {
  it('are foreign names after the body, with or without its bracketed abbreviation', () => {
    const { mentions } = extractText('i1', 'Tin\nHôm qua, Tổng thư ký IPU Martin Chungong và Chủ tịch Liên minh Nghị viện Thế giới (IPU) Saber Chowdhury phát biểu.');
    expect(roles(mentions)).toEqual([
      'Martin Chungong | Tổng Thư ký | Liên minh Nghị viện Thế giới',
      'Saber Chowdhury | Chủ tịch | Liên minh Nghị viện Thế giới',
    ]);
  });
});

describe('names', () => {
  it('keep a Korean given name\'s hyphenated syllable', () => {
    const { mentions } = extractText('n1', 'Tin\nHôm qua, Tổng thống Roh Moo-hyun phát biểu và Tổng thống Moon Jae-in nói.');
    expect(names(of('person', mentions))).toEqual(['Roh Moo-hyun', 'Moon Jae-in']);
  });

  it('stop before a title\'s first syllable and never take a syllable glued to a number', () => {
    const { mentions } = extractText('n2', 'Tin\nÔng Hoàng Văn Hải Bí thư Đảng ủy phát biểu. Ông Vương Đức8 nói.');
    expect(names(of('person', mentions))).toEqual(['Hoàng Văn Hải']);
  });

  it('are not streets listed after "đường như", nor a place\'s name standing alone', () => {
    const { mentions } = extractText('n4', 'Tin\nHàng loạt tuyến đường như Khâm Thiên, Nguyễn Thái Học, Bùi Ngọc Dương bị ngập. Lạc Dương có nhiều hoa; Lạc Dương đẹp.');
    expect(names(of('person', mentions))).toEqual([]);
  });

  it('are never a province of before 2008', () => {
    const { mentions } = extractText('n3', 'Tin\nTỉnh Hà Tây sáp nhập vào Hà Nội; ông Hà Tây nói.');
    expect(names(of('person', mentions))).toEqual([]);
  });
});

describe('addresses', () => {
  it('go up after a commune: a district\'s name next is not read as another commune', () => {
    const { mentions } = extractText('a2', 'Tin\nTại ấp An Trạch, xã An Hiệp, Mỹ Tú, Sóc Trăng, chúng tôi đến. Các phường Cầu Dền, Trương Định và Thanh Nhàn.');
    expect(of('place', mentions).map((m) => m.surface)).toEqual(['xã An Hiệp', 'Sóc Trăng', 'phường Cầu Dền', 'Trương Định', 'Thanh Nhàn']);
  });
});
