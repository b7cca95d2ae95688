import { describe, expect, it } from 'vitest';
import type { KbEntity, KnowledgeBase } from '../../../src/lib/model/kb.ts';
import { parseSampleGold, parseSeedGold, GoldError } from '../../../src/lib/eval/gold.ts';
import { checkTargets, prf, scoreExtraction } from '../../../src/lib/eval/score.ts';
import { codeKey, nameKey } from '../../../src/lib/eval/keys.ts';

function entity(id: string, name: string, extra: Partial<KbEntity> & { in?: string[] } = {}): KbEntity {
  const type = id.split('/')[0] as KbEntity['type'];
  const { in: articles = ['a1'], ...rest } = extra;
  return { id, type, name, aliases: [name], url: `/${id}/`, articles, mentions: [], ...rest };
}

function kb(entities: KbEntity[]): KnowledgeBase {
  return { version: 1, articles: [], entities };
}

const gold = parseSeedGold(
  {
    seed: 's1.txt',
    people: [
      {
        name: 'Lê Thành Vinh',
        roles: [
          { title: 'Phó Bí thư', unit: 'Đảng ủy phường Minh Khai' },
          { title: 'Chủ tịch', unit: 'Ủy ban nhân dân phường Minh Khai' },
        ],
      },
      { name: 'Nguyễn Văn Nam', roles: [{ title: 'Bí thư', unit: 'Quận ủy Hai Bà Trưng' }] },
      { name: 'Hồ Chí Minh', optional: true },
    ],
    units: [
      { name: 'Đảng ủy phường Minh Khai' },
      { name: 'Ủy ban nhân dân phường Minh Khai', aliases: ['UBND phường Minh Khai'] },
      { name: 'Quận ủy Hai Bà Trưng' },
    ],
    places: [{ name: 'phường Minh Khai', level: 'ward', aliases: ['Minh Khai'] }],
    documents: [
      { name: 'Nghị quyết Trung ương 4 khóa XI', code: '12-NQ/TW', year: 2012 },
      { name: 'Nghị quyết Trung ương 4 khóa XII', code: '04-NQ/TW', year: 2016 },
      { name: 'Điều lệ Đảng' },
    ],
    nonEntities: ['Đình Hiệp'],
  },
  's1.yaml',
);
const paired = [{ gold, articleId: 'a1' }];

const docInfo = (code: string | null, date: string | null) => ({ kind: 'Nghị quyết', code, number: null, issuer: null, term: null, date, replacedBy: null });

const unitMk = entity('unit/dang-uy-phuong-minh-khai', 'Đảng ủy phường Minh Khai');
const ubnd = entity('unit/ubnd-minh-khai', 'Ủy ban nhân dân phường Minh Khai', { aliases: ['UBND phường Minh Khai', 'Ủy ban nhân dân phường Minh Khai'] });
const quanUy = entity('unit/quan-uy-hai-ba-trung', 'Quận ủy Hai Bà Trưng');
const perfect = [
  entity('person/le-thanh-vinh', 'Lê Thành Vinh', {
    roles: [
      { title: 'Phó Bí thư', unit: unitMk.id, unitName: 'Đảng ủy phường Minh Khai', article: 'a1', date: null },
      { title: 'Chủ tịch', unit: ubnd.id, unitName: 'UBND phường Minh Khai', article: 'a1', date: null },
    ],
  }),
  entity('person/nguyen-van-nam', 'Nguyễn Văn Nam', { roles: [{ title: 'Bí thư', unit: quanUy.id, unitName: null, article: 'a1', date: null }] }),
  unitMk,
  ubnd,
  quanUy,
  entity('place/minh-khai', 'Phường Minh Khai', { level: 'ward' }),
  entity('document/12-nq-tw', 'Nghị quyết số 12-NQ/TW', { document: docInfo('12-NQ/TƯ', '2012-01-16') }),
  entity('document/04-nq-tw', 'Nghị quyết số 04-NQ/TW', { document: docInfo('04-NQ/TW', '2016-10-30') }),
  entity('document/dieu-le-dang', 'Điều lệ Đảng', { document: docInfo(null, null) }),
];

describe('keys', () => {
  it('folds names and old/new tone placement', () => {
    expect(nameKey('Khoá XII')).toBe(nameKey('khóa XII'));
    expect(nameKey('Đảng ủy')).toBe('dang uy');
    expect(nameKey('Võ Bích Thủy')).not.toBe(nameKey('Vũ Bích Thủy'));
  });
  it('normalises document codes but keeps TW and TU apart', () => {
    expect(codeKey('05-CT/TƯ')).toBe(codeKey('5-CT/TW'));
    expect(codeKey('05-CT/T.Ư')).toBe('5-CT/TW');
    expect(codeKey('24-CT/TU')).toBe('24-CT/TU');
    expect(codeKey('24-CT/TU')).not.toBe(codeKey('24-CT/TƯ'));
  });
});

describe('scoreExtraction', () => {
  it('reads what the article wrote for an entity as its name there, even when it is no alias', () => {
    // The article wrote "UBND phường Minh Khai"; the entity does not carry it as an alias.
    const bare = perfect.map((e) => (e.id === ubnd.id ? { ...e, aliases: ['Ủy ban nhân dân tỉnh X'], name: 'Ủy ban nhân dân tỉnh X' } : e));
    expect(scoreExtraction(kb(bare), paired).types.unit.missed).toBe(1);
    const surfaces = new Map([['a1', new Map([[ubnd.id, ['UBND phường Minh Khai']]])]]);
    const s = scoreExtraction(kb(bare), paired, surfaces);
    expect(s.types.unit.missed).toBe(0);
    expect(s.types.unit.wrong).toBe(0);
  });

  it('scores a perfect prediction 1.0 everywhere', () => {
    const s = scoreExtraction(kb(perfect), paired);
    for (const t of ['person', 'unit', 'place', 'document'] as const) expect(s.types[t].f1, t).toBe(1);
    expect(s.roles.f1).toBe(1);
    expect(s.types.person.found).toBe(2); // the optional person is neither required nor a false positive
    expect(s.boilerplate).toBe(0);
    expect(s.placeLevels).toEqual({ checked: 1, correct: 1 });
    expect(checkTargets(s).every((t) => t.met)).toBe(true);
  });

  it('counts misses, false positives and the optional entity', () => {
    const predicted = [
      ...perfect.filter((e) => e.id !== 'person/nguyen-van-nam'),
      entity('person/ho-chi-minh', 'Hồ Chí Minh'),
      entity('person/dinh-hiep', 'Đình Hiệp'),
    ];
    const s = scoreExtraction(kb(predicted), paired);
    expect(s.types.person).toMatchObject({ found: 1, missed: 1, correct: 1, wrong: 1, ignored: 1 });
    expect(s.types.person.precision).toBe(0.5);
    expect(s.types.person.recall).toBe(0.5);
    expect(s.boilerplate).toBe(1);
    expect(s.details.some((d) => d.kind === 'boilerplate' && d.text.startsWith('Đình Hiệp'))).toBe(true);
    expect(s.roles).toMatchObject({ found: 2, missed: 1 });
  });

  it('needs the unit of a role, not just the title', () => {
    const predicted = perfect.map((e) =>
      e.id === 'person/nguyen-van-nam' ? { ...e, roles: [{ title: 'Bí thư', unit: null, unitName: null, article: 'a1', date: null }] } : e,
    );
    const s = scoreExtraction(kb(predicted), paired);
    expect(s.roles).toMatchObject({ found: 2, missed: 1, correct: 2, wrong: 1 });
    expect(s.roles.f1).toBeCloseTo(2 / 3, 5);
  });

  it('ignores roles recorded for another article', () => {
    const predicted = perfect.map((e) =>
      e.id === 'person/nguyen-van-nam' ? { ...e, roles: [{ title: 'Bí thư', unit: quanUy.id, unitName: null, article: 'a2', date: null }] } : e,
    );
    expect(scoreExtraction(kb(predicted), paired).roles.missed).toBe(1);
  });

  it('matches documents by code and year, not by a shared number', () => {
    const wrongYear = perfect.map((e) => (e.id === 'document/04-nq-tw' ? { ...e, document: docInfo('04-NQ/TW', '2006-07-17') } : e));
    const s = scoreExtraction(kb(wrongYear), paired);
    expect(s.types.document).toMatchObject({ found: 2, missed: 1, wrong: 1 });
    expect(checkTargets(s).find((t) => t.label.startsWith('documents F1'))?.met).toBe(false);
  });

  it('flags a wrong merge when two gold documents share one predicted id', () => {
    const merged = entity('document/nq-tw4', 'Nghị quyết Trung ương 4', {
      aliases: ['Nghị quyết Trung ương 4 khóa XI', 'Nghị quyết Trung ương 4 khóa XII'],
      document: docInfo(null, null),
    });
    const predicted = [...perfect.filter((e) => !['document/12-nq-tw', 'document/04-nq-tw'].includes(e.id)), merged];
    const s = scoreExtraction(kb(predicted), paired);
    expect(s.merges.document.wrongMerges).toBe(1);
    expect(checkTargets(s).find((t) => t.label === 'no wrong document merge')?.met).toBe(false);
  });

  it('flags a split when two surface forms of one unit get different ids', () => {
    const split = [
      ...perfect.filter((e) => e.id !== ubnd.id),
      entity('unit/ubnd-a', 'Ủy ban nhân dân phường Minh Khai'),
      entity('unit/ubnd-b', 'UBND phường Minh Khai'),
    ];
    const s = scoreExtraction(kb(split), paired);
    expect(s.merges.unit.pairs).toBe(1);
    expect(s.merges.unit.together).toBe(0);
    expect(s.details.some((d) => d.kind === 'split')).toBe(true);
  });

  it('checks merges across articles', () => {
    const gold2 = parseSeedGold({ seed: 's2.txt', units: [{ name: 'Quận ủy Hai Bà Trưng' }] }, 's2.yaml');
    const predicted = [...perfect, entity('unit/quan-uy-hbt-2', 'Quận ủy Hai Bà Trưng', { in: ['a2'] })];
    const s = scoreExtraction(kb(predicted), [...paired, { gold: gold2, articleId: 'a2' }]);
    expect(s.merges.unit.together).toBe(s.merges.unit.pairs - 1);
  });
});

describe('prf', () => {
  it('is 1 with nothing to find and nothing predicted, 0 F1 with only misses', () => {
    expect(prf({ found: 0, missed: 0, correct: 0, wrong: 0, ignored: 0 }).f1).toBe(1);
    expect(prf({ found: 0, missed: 3, correct: 0, wrong: 0, ignored: 0 }).f1).toBe(0);
  });
});

describe('gold files', () => {
  it('rejects an unknown field with the file and the path', () => {
    expect(() => parseSeedGold({ seed: 'x.txt', people: [{ name: 'A', role: [] }] }, 'bad.yaml')).toThrow(/bad\.yaml: people\.0/);
  });
  it('rejects an alias shared by two entities of one type', () => {
    expect(() =>
      parseSeedGold({ seed: 'x.txt', documents: [{ name: 'A', aliases: ['NQ TƯ 4'] }, { name: 'B', aliases: ['NQ TW 4', 'NQ TƯ 4'] }] }, 'bad.yaml'),
    ).toThrow(GoldError);
  });
  it('reads a corpus sample with one gold article per record', () => {
    const g = parseSampleGold({ sample: 'x', scope: ['person'], records: [{ recordId: 'r1', people: [{ name: 'A', roles: [] }] }, { recordId: 'r2' }] }, 's.yaml');
    expect(g.map((x) => x.key)).toEqual(['r1', 'r2']);
  });
});

describe('annotation scope', () => {
  it('scores only the annotated types of a corpus sample', () => {
    const [g] = parseSampleGold(
      { sample: 'x', scope: ['person', 'document'], records: [{ recordId: 'a1', people: [{ name: 'Nguyễn Văn Nam', roles: [{ title: 'Bí thư', unit: 'Quận ủy Hai Bà Trưng' }] }] }] },
      's.yaml',
    );
    const s = scoreExtraction(kb(perfect), [{ gold: g, articleId: 'a1' }]);
    expect(s.types.unit).toMatchObject({ found: 0, missed: 0, correct: 0, wrong: 0 });
    expect(s.types.person).toMatchObject({ found: 1, correct: 1, wrong: 1 }); // Lê Thành Vinh is not in this gold
    expect(s.types.document).toMatchObject({ wrong: 3 });
    expect(s.roles).toMatchObject({ found: 1, missed: 0, correct: 1, wrong: 2 });
  });
  it('rejects an entity outside the scope', () => {
    expect(() => parseSampleGold({ sample: 'x', scope: ['person'], records: [{ recordId: 'r', units: [{ name: 'Bộ Chính trị' }] }] }, 's.yaml')).toThrow(/outside the annotated scope/);
  });
});

describe('role titles', () => {
  const g = parseSeedGold(
    {
      seed: 'r.txt',
      people: [
        { name: 'Nguyễn Tấn Dũng', roles: [{ title: 'Thủ tướng', unit: 'Chính phủ' }] },
        { name: 'Lê Khả Phiêu', roles: [{ title: 'Tổng Bí thư', unit: null }] },
      ],
    },
    'r.yaml',
  );
  const role = (title: string, unitName: string | null) => [{ title, unit: null, unitName, article: 'a1', date: null }];
  it('accepts a former title, a title+unit split differently, any unit where the text names none', () => {
    const predicted = [
      entity('person/nguyen-tan-dung', 'Nguyễn Tấn Dũng', { roles: role('nguyên Thủ tướng Chính phủ', null) }),
      entity('person/le-kha-phieu', 'Lê Khả Phiêu', { roles: role('Tổng Bí thư', 'Ban Chấp hành Trung ương Đảng') }),
    ];
    expect(scoreExtraction(kb(predicted), [{ gold: g, articleId: 'a1' }]).roles).toMatchObject({ found: 2, wrong: 0 });
  });
  it('still rejects another title', () => {
    const predicted = [entity('person/nguyen-tan-dung', 'Nguyễn Tấn Dũng', { roles: role('Phó Thủ tướng', 'Chính phủ') })];
    expect(scoreExtraction(kb(predicted), [{ gold: g, articleId: 'a1' }]).roles).toMatchObject({ found: 0, wrong: 1 });
  });
});

describe('place levels', () => {
  it('reports a found place with the wrong level', () => {
    const predicted = perfect.map((e) => (e.id === 'place/minh-khai' ? { ...e, level: 'commune' } : e));
    const s = scoreExtraction(kb(predicted), paired);
    expect(s.types.place.found).toBe(1);
    expect(s.placeLevels).toEqual({ checked: 1, correct: 0 });
    expect(s.details.some((d) => d.kind === 'wrong-level')).toBe(true);
  });
});

describe('per-record scope', () => {
  it('lets one record of a sample annotate more types', () => {
    const golds = parseSampleGold(
      { sample: 'x', scope: ['person'], records: [{ recordId: 'a', scope: ['person', 'unit'], units: [{ name: 'Bộ Chính trị' }] }, { recordId: 'b' }] },
      's.yaml',
    );
    expect(golds.map((g) => g.scope)).toEqual([['person', 'unit'], ['person']]);
  });
});

describe('name keys ignore punctuation between words', () => {
  it('matches names that differ only by commas, dots and dashes', () => {
    expect(nameKey('Trung tâm tin học, Bộ GDĐT')).toBe(nameKey('Trung tâm tin học Bộ GDĐT'));
    expect(nameKey('TP.HCM')).toBe(nameKey('TP HCM'));
    expect(nameKey('Bộ Lao động - Thương binh và Xã hội')).toBe(nameKey('Bộ Lao động Thương binh và Xã hội'));
    expect(nameKey('Nghị quyết 16/2008/CP')).toBe('nghi quyet 16/2008/cp');
  });
});
