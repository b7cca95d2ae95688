/**
 * Countries, foreign offices and people, international and foreign bodies,
 * named organisations and laws (issue 14), on sentences written the way the
 * press writes them.
 */
import { describe, expect, it } from 'vitest';
import { extractText, names, of, roles } from './seed-support.ts';
import { resolveEntities, type ArticleExtraction } from '../../../src/lib/resolve/index.ts';

const read = (id: string, body: string): ArticleExtraction => {
  const x = extractText(id, `Tin\n${body}`, '2005-01-02');
  return { article: x.article, text: x.text, mentions: x.mentions };
};

describe('countries', () => {
  it('are places of level "country", under their Vietnamese name, short forms included', () => {
    const { mentions } = extractText('c1', 'Tin\nHàng xuất khẩu sang Mỹ, Nhật và Hàn Quốc tăng mạnh; Australia và Xin-ga-po giảm.');
    const places = of('place', mentions);
    expect(names(places)).toEqual(['Hoa Kỳ', 'Nhật Bản', 'Hàn Quốc', 'Australia', 'Singapore']);
    expect(places.every((p) => p.attrs?.level === 'country')).toBe(true);
    expect(new Set(places.map((p) => p.key)).size).toBe(5);
  });

  it('are not read in lower case, inside a longer name, after a word of address, or as a pronoun starting a sentence', () => {
    const { mentions } = extractText('c2', 'Tin\nCửa hàng mỹ phẩm của chị Nga ở phố Thái Hà. Anh cho biết sẽ tới Thái Bình.');
    expect(names(of('place', mentions)).filter((n) => ['Hoa Kỳ', 'Nga', 'Thái Lan', 'Vương quốc Anh'].includes(n))).toEqual([]);
  });

  it('a sentence\'s capitalised first word does not hide the country after it, but a place\'s name keeps its syllables', () => {
    const { mentions } = extractText('c4', 'Tin\nTại Ấn Độ, giá vàng tăng. Thủ Đức có chợ đầu mối.');
    // "Thủ Đức" without a level word is no place the extractor reads, and never Germany.
    expect(names(of('place', mentions))).toEqual(['Ấn Độ']);
  });

  it('a news agency named after a country is not a commune', () => {
    const { mentions } = extractText('c3', 'Tin\nTheo Tân Hoa xã (Trung Quốc), vụ việc xảy ra hôm qua.');
    expect(of('place', mentions).map((p) => p.attrs?.level)).toEqual(['country']);
    expect(names(of('unit', mentions))).toContain('Thông tấn xã Trung Quốc');
  });
});

describe('foreign offices and people', () => {
  it('the country after a title is the role\'s unit, never part of the name', () => {
    const { mentions } = extractText('f1', 'Tin\nTổng thống Nga Vladimir Putin tiếp Thủ tướng Nhật Bản Shinzo Abe tại Moskva.');
    expect(names(of('person', mentions))).toEqual(['Vladimir Putin', 'Shinzo Abe']);
    expect(roles(mentions)).toEqual(['Vladimir Putin | Tổng thống | Nga', 'Shinzo Abe | Thủ tướng | Chính phủ Nhật Bản']);
    // "Moskva" is one of the city's spellings: the place is headed by the first (data/countries.yaml).
    expect(names(of('place', mentions))).toEqual(['Nga', 'Nhật Bản', 'Matxcơva']);
  });

  it('reads every spelling of a foreign city as one place', () => {
    const keys = ['Moscow', 'Matxcơva', 'Mát-xcơ-va', 'Moskva'].map((city) => {
      const places = of('place', extractText('c', `Tin\nHội nghị diễn ra tại ${city} hôm qua.`).mentions);
      expect(places.map((m) => m.attrs.name), city).toEqual(['Matxcơva']);
      return places[0]!.key;
    });
    expect(new Set(keys).size).toBe(1);
  });

  it('Thủ tướng with a Vietnamese name is of the Chính phủ; a foreign body keeps its country', () => {
    const { mentions } = extractText('f2', 'Tin\nThủ tướng Nguyễn Xuân Phúc đề nghị Bộ Tư pháp Mỹ và Quốc hội Cuba hợp tác.');
    expect(roles(mentions)).toEqual(['Nguyễn Xuân Phúc | Thủ tướng | Chính phủ']);
    expect(names(of('unit', mentions))).toEqual(['Bộ Tư pháp Hoa Kỳ', 'Quốc hội Cuba']);
  });

  it('foreign names standing alone, with particles and initials, but not brands or teams', () => {
    const { mentions } = extractText('f3', 'Tin\nOsama bin Laden tuyên bố, George W. Bush nói; Leicester City thắng, Honda Civic cho biết, Jean-Pierre Raffarin từ chức.');
    expect(names(of('person', mentions))).toEqual(['Osama bin Laden', 'George W. Bush', 'Jean-Pierre Raffarin']);
  });

  it('a foreign name standing alone with no sign it is a person (no title, no address, no verb of a person) is left out', () => {
    const { mentions } = extractText('f4', 'Tin\nDự án Blue Ocean Hotel được khởi công.');
    expect(of('person', mentions)).toEqual([]);
  });

  it('a surname alone is the one person whose full name ends with it, across articles', () => {
    const a = extractText('s1', 'Tin\nTổng thống Nga Vladimir Putin phát biểu.', '2017-01-02');
    const b = extractText('s2', 'Tin\nTổng thống Nga Putin cho biết.', '2017-01-03');
    const { entities } = resolveEntities([
      { article: a.article, text: a.text, mentions: a.mentions },
      { article: b.article, text: b.text, mentions: b.mentions },
    ]);
    const people = entities.filter((e) => e.type === 'person');
    expect(people.map((p) => p.name)).toEqual(['Vladimir Putin']);
    expect(people[0]!.articles.sort()).toEqual(['s1', 's2']);
  });

  it('a surname goes to the full name that holds its office in five times as many articles as any other', () => {
    const { entities } = resolveEntities([
      ...['v1', 'v2', 'v3', 'v4', 'v5'].map((id) => read(id, 'Tổng thống Nga Vladimir Putin phát biểu.')),
      read('m1', 'Tổng thống Nga Valdimir Putin phát biểu.'),
      read('s1', 'Tổng thống Nga Putin cho biết.'),
    ]);
    const people = Object.fromEntries(entities.filter((e) => e.type === 'person').map((p) => [p.name, [...p.articles].sort()]));
    expect(people).toEqual({ 'Vladimir Putin': ['s1', 'v1', 'v2', 'v3', 'v4', 'v5'], 'Valdimir Putin': ['m1'] });
  });

  it('a surname several full names end with is, in each article, the one full name that article also names', () => {
    const { entities } = resolveEntities([
      read('b0', 'Cựu Tổng thống Mỹ George Bush đến thăm.'),
      read('b1', 'Tổng thống Mỹ George W. Bush phát biểu. Tổng thống Bush nói thêm.'),
      read('b2', 'Bà Laura Bush nói. Thống đốc Jeb Bush cho biết; Thống đốc Bush nói tiếp.'),
      read('b3', 'Tổng thống Bush nói rằng cuộc họp đã kết thúc.'),
    ]);
    const people = Object.fromEntries(entities.filter((e) => e.type === 'person').map((p) => [p.name, [...p.articles].sort()]));
    // Two full names held the office "Bush" holds (Tổng thống Hoa Kỳ): no article-wide answer.
    expect(people).toEqual({
      'George Bush': ['b0'],
      'George W. Bush': ['b1'],
      'Laura Bush': ['b2'],
      'Jeb Bush': ['b2'],
      // Named alone, beside no full name: left as it is written rather than guessed.
      Bush: ['b3'],
    });
  });
});

describe('organisations', () => {
  it('international bodies by name and by abbreviation', () => {
    const { mentions } = extractText('o1', 'Tin\nLiên Hợp Quốc, ASEAN và IMF cùng ra tuyên bố.');
    expect(names(of('unit', mentions))).toEqual(['Liên Hợp Quốc', 'Hiệp hội các quốc gia Đông Nam Á', 'Quỹ Tiền tệ Quốc tế']);
  });

  it('a named company, hospital or university, up to where its name visibly ends', () => {
    const { mentions } = extractText('o2', 'Tin\nBệnh viện Bạch Mai, Công ty cổ phần Sợi Thế Kỷ và Trường Đại học Bách khoa Hà Nội ký kết; Công ty Tư vấn thiết kế cho biết.');
    expect(names(of('unit', mentions))).toEqual(['Bệnh viện Bạch Mai', 'Công ty cổ phần Sợi Thế Kỷ', 'Trường Đại học Bách khoa Hà Nội']);
  });

  it('a minister named by the ministry\'s field: "Bộ trưởng Tài chính" is of the Bộ Tài chính', () => {
    const { mentions } = extractText('o3', 'Tin\nBộ trưởng Tài chính Đinh Tiến Dũng trả lời chất vấn.');
    expect(roles(mentions)).toEqual(['Đinh Tiến Dũng | Bộ trưởng | Bộ Tài chính']);
  });
});

describe('laws', () => {
  it('a code written with "Luật" is the code; another country\'s law is none of ours', () => {
    const { mentions } = extractText('l9', 'Tin\nTheo Luật Dân sự năm 2005 và Bộ luật Dân sự; Hiến pháp Mỹ và Hiến pháp của Afghanistan khác Hiến pháp năm 2013.');
    expect(of('document', mentions).map((m) => m.attrs?.name)).toEqual(['Bộ luật Dân sự 2005', 'Bộ luật Dân sự', 'Hiến pháp 2013']);
  });

  it('a stated year is that version; none, the version in force at the article\'s date', () => {
    const { mentions } = extractText('l1', 'Tin\nLuật Đất đai năm 2003 được thay bằng Luật Đất đai; Bộ luật hình sự quy định rõ.', '2017-05-01');
    const docs = of('document', mentions);
    expect(docs.map((d) => d.key)).toEqual(['document/luat-dat-dai-2003', 'document/luat-dat-dai-2013', 'document/bo-luat-hinh-su-2015']);
  });

  it('an undated article keeps the law without a version, and a generic "pháp luật" is no law', () => {
    const { mentions } = extractText('l2', 'Tin\nTheo Luật Doanh nghiệp, việc chấp hành pháp luật là bắt buộc.', null);
    expect(of('document', mentions).map((d) => d.key)).toEqual(['document/luat-doanh-nghiep']);
  });

  it('a document named by kind and number alone is this article\'s own entity', () => {
    const a = extractText('n1', 'Tin\nNghị định số 49 gây tranh cãi.', '2017-06-20');
    expect(of('document', a.mentions).map((d) => d.key)).toEqual(['document/nghi-dinh-49-bai-n1']);
  });
});

describe('former roles', () => {
  it('"nguyên", "cựu" before a title, in a chain or after the name, make the role former', () => {
    const { mentions } = extractText('r1', 'Tin\nÔng Trần Văn Bình, nguyên Bộ trưởng Bộ Tài chính, cho biết. Cựu Tổng thống Mỹ Bill Clinton đến Hà Nội. Phó Bí thư Thành ủy, nguyên Chủ tịch UBND thành phố Đà Nẵng Trần Văn Minh phát biểu.');
    const former = of('person', mentions).flatMap((m) => ((m.attrs?.roles ?? []) as { title: string; former?: boolean }[]).map((r) => `${m.attrs?.name} | ${r.title} | ${r.former === true}`));
    expect(former).toEqual([
      'Trần Văn Bình | Bộ trưởng | true',
      'Bill Clinton | Tổng thống | true',
      'Trần Văn Minh | Phó Bí thư | false',
      'Trần Văn Minh | Chủ tịch | true',
    ]);
  });
});

describe('"nước này"', () => {
  it('a body of "nước này" is the one of the foreign country named before it, or no unit', () => {
    const a = extractText('n2', 'Tin\nTại Ấn Độ, Bộ Tài chính nước này vừa giảm thuế.');
    expect(names(of('unit', a.mentions))).toEqual(['Bộ Tài chính Ấn Độ']);
    const b = extractText('n3', 'Tin\nBộ Tài chính nước này vừa giảm thuế.');
    expect(of('unit', b.mentions)).toEqual([]);
  });
});

describe('a level word before a foreign place', () => {
  it('is no Vietnamese place: the foreign place is read', () => {
    const { mentions } = extractText('lv', 'Tin\nĐoàn đã thăm thành phố Matxcơva và tỉnh Tứ Xuyên, rồi về Thành phố Hồ Chí Minh.');
    const places = of('place', mentions).map((m) => `${m.attrs.name} (${m.attrs.level})`);
    expect(places).toEqual(['Matxcơva (foreign)', 'Tứ Xuyên (foreign)', 'Thành phố Hồ Chí Minh (city)']);
  });
  it('but a one-syllable country starting a longer name is a Vietnamese place\'s', () => {
    const { mentions } = extractText('lv2', 'Tin\nNgười dân xã Mỹ Đình và phường Đức Nghĩa đã góp ý.');
    expect(of('place', mentions).map((m) => m.attrs.name)).toEqual(['Xã Mỹ Đình', 'Phường Đức Nghĩa']);
  });
});
