import { describe, it, expect } from 'vitest';
import {
  createSiteViews, siteViews, buildAlphaIndex, paginate, pagePath, formatDateVi, highlightNames, letterAnchor,
  MENTIONS_PER_PAGE, RELATED_PER_TYPE, type IndexEntry,
} from '../../../src/lib/site/views.ts';
import type { KbEntity, KnowledgeBase } from '../../../src/lib/model/kb.ts';
import { fixtureKb, article, entity } from './fixture.ts';

describe('article order and dates', () => {
  it('lists articles newest first, undated last, same-day ones by title', () => {
    const v = createSiteViews(fixtureKb());
    expect(v.articlesNewestFirst.map((a) => a.id)).toEqual(['hoi-nghi-quan', 'an-do', 'phuong-truong-dinh', 'khong-ngay']);
  });
  it('formats dates day first', () => {
    expect(formatDateVi('2023-01-27')).toBe('27/01/2023');
    expect(formatDateVi('2023-01')).toBe('01/2023');
    expect(formatDateVi('2023')).toBe('2023');
    expect(formatDateVi(null)).toBe('');
  });
});

describe('indexes with Vietnamese collation', () => {
  it('sorts people by given name (An < Bình < Đức < Tuyết) and files Đ under its own letter', () => {
    const v = createSiteViews(fixtureKb());
    expect(v.entitiesOfType('person').map((e) => e.name)).toEqual(['Lê Văn An', 'Trần Đăng Bình', 'Phạm Văn Đức', 'Nguyễn Thị Tuyết']);
    const index = v.alphaIndex('person');
    expect(index.letters.map((l) => [l.letter, l.count, l.anchor])).toEqual([
      ['A', 1, 'chu-a'], ['B', 1, 'chu-b'], ['Đ', 1, 'chu-dd'], ['T', 1, 'chu-t'],
    ]);
    expect(index.pages).toHaveLength(1);
    expect(index.pages[0]!.groups.map((g) => g.entries.map((e) => e.count))).toEqual([[1], [1], [1], [2]]);
    // Namesakes are told apart by their latest role.
    expect(index.pages[0]!.groups.map((g) => g.entries[0]!.note)).toEqual(['Bí thư Quận ủy Hai Bà Trưng', undefined, undefined, 'Bí thư Đảng ủy phường Trương Định']);
  });
  it('sorts titles with a < ă < â and d < đ', () => {
    const kb: KnowledgeBase = { version: 1, entities: [], articles: ['Đà Nẵng', 'Âu', 'Dân vận', 'Ăn', 'An'].map((t, i) => article(`a${i}`, t, null)) };
    expect(createSiteViews(kb).articleIndex().pages[0]!.groups.flatMap((g) => g.entries.map((e) => e.name))).toEqual(['An', 'Ăn', 'Âu', 'Dân vận', 'Đà Nẵng']);
  });
  it('packs letters into pages, moving a letter that fits to a fresh page and spilling one larger than a page, and points each letter at its first page', () => {
    const entries: IndexEntry[] = [];
    for (const [letter, n] of [['A', 3], ['B', 5], ['C', 1], ['1', 1]] as const) {
      for (let i = 0; i < n; i++) entries.push({ id: `${letter}${i}`, name: `${letter}${i}`, sortKey: `${letter}${i}`, count: 0 });
    }
    const index = buildAlphaIndex(entries, 4);
    expect(index.total).toBe(10);
    expect(index.pages.map((p) => p.groups.map((g) => `${g.letter}${g.continued ? '+' : ''}:${g.entries.length}`))).toEqual([
      ['A:3', 'B:1'], ['B+:4'], ['C:1', '#:1'],
    ]);
    expect(index.letters.map((l) => `${l.letter}@${l.page}`)).toEqual(['A@1', 'B@1', 'C@3', '#@3']);
    expect(letterAnchor('#')).toBe('chu-khac');
  });
});

describe('article panel', () => {
  it('lists the people with the roles this article gives them, and the units, places and documents', () => {
    const v = createSiteViews(fixtureKb());
    const panel = v.articlePanel('phuong-truong-dinh');
    expect(panel.people.map((p) => [p.person.name, p.roles.map((r) => `${r.title} ${r.unitName}`)])).toEqual([
      ['Nguyễn Thị Tuyết', ['Chủ tịch UBND phường Trương Định']],
    ]);
    expect(panel.units.map((e) => e.id)).toEqual(['unit/dang-uy-phuong-truong-dinh']);
    expect(panel.places.map((e) => e.id)).toEqual(['place/truong-dinh']);
    expect(panel.documents.map((e) => e.id)).toEqual(['document/04-nq-tw-2016']);
  });
});

describe('entity views', () => {
  const v = createSiteViews(fixtureKb());
  it('builds a role timeline, latest first, with unit, dates and source articles', () => {
    expect(v.roleTimeline('person/nguyen-thi-tuyet').map((s) => [s.title, s.unit, s.unitName, s.lastDate, s.sources.map((x) => x.article.id)])).toEqual([
      ['Bí thư', 'unit/dang-uy-phuong-truong-dinh', 'Đảng ủy phường Trương Định', '2023-01-27', ['hoi-nghi-quan']],
      ['Chủ tịch', null, 'UBND phường Trương Định', '2022-03-18', ['phuong-truong-dinh']],
    ]);
  });
  it('groups mentions by article, newest first, with distinct sentences', () => {
    const groups = v.mentionGroups('person/nguyen-thi-tuyet');
    expect(groups.map((g) => [g.article.id, g.sentences.length])).toEqual([['hoi-nghi-quan', 2], ['phuong-truong-dinh', 1]]);
  });
  it('ranks related entities by shared articles', () => {
    const rel = v.related('person/nguyen-thi-tuyet');
    expect(rel.unit.map((r) => [r.entity.id, r.shared])).toEqual([['unit/dang-uy-phuong-truong-dinh', 2], ['unit/quan-uy-hai-ba-trung', 1]]);
    expect(rel.place.map((r) => [r.entity.id, r.shared])).toEqual([['place/truong-dinh', 2], ['place/hai-ba-trung', 1]]);
    expect(rel.person.map((r) => r.entity.id)).toEqual(['person/le-van-an']);
  });
  it('gives a unit its children, members, place and documents; a place its units', () => {
    expect(v.childUnits('unit/quan-uy-hai-ba-trung').map((e) => e.id)).toEqual(['unit/dang-uy-phuong-truong-dinh']);
    expect(v.unitMembers('unit/dang-uy-phuong-truong-dinh').map((m) => [m.person.name, m.title, m.lastDate])).toEqual([['Nguyễn Thị Tuyết', 'Bí thư', '2023-01-27']]);
    expect(v.unitsAtPlace('place/truong-dinh').map((e) => e.id)).toEqual(['unit/dang-uy-phuong-truong-dinh']);
    expect(v.documentsOfUnit('unit/dang-uy-phuong-truong-dinh').mentionedWith.map((e) => e.id)).toEqual(['document/04-nq-tw-2016']);
    expect(v.documentsOfUnit('unit/quan-uy-hai-ba-trung').issued.map((e) => e.id)).toEqual(['document/47-qd-tw']);
  });
  it('gives a document the units that mention it in one sentence, and what it replaces', () => {
    expect(v.unitsMentioningDocument('document/04-nq-tw-2016').map((h) => [h.units.map((u) => u.id), h.article.id])).toEqual([
      [['unit/dang-uy-phuong-truong-dinh'], 'phuong-truong-dinh'],
    ]);
    expect(v.replaces('document/04-nq-tw-2016').map((e) => e.id)).toEqual(['document/47-qd-tw']);
  });
  it('groups the units of one sentence under that sentence, once', () => {
    const s = 'Quận ủy A và Đảng ủy B quán triệt Nghị quyết X.';
    const kb: KnowledgeBase = {
      version: 1,
      articles: [article('a1', 'Bài 1', '2024-01-02')],
      entities: [
        entity('unit/a', 'Quận ủy A', { articles: ['a1'], mentions: [{ article: 'a1', sentence: s }, { article: 'a1', sentence: s }] }),
        entity('unit/b', 'Đảng ủy B', { articles: ['a1'], mentions: [{ article: 'a1', sentence: s }] }),
        entity('document/x', 'Nghị quyết X', { articles: ['a1'], mentions: [{ article: 'a1', sentence: s }, { article: 'a1', sentence: s }] }),
      ],
    };
    expect(createSiteViews(kb).unitsMentioningDocument('document/x').map((h) => [h.article.id, h.sentence, h.units.map((u) => u.id)])).toEqual([
      ['a1', s, ['unit/b', 'unit/a']],
    ]);
  });
  it('finds a unit by exact name for document issuers', () => {
    expect(v.unitNamed('Quận ủy Hai Bà Trưng')?.id).toBe('unit/quan-uy-hai-ba-trung');
    expect(v.unitNamed('Quận ủy')).toBeUndefined();
  });
  it('ranks most-mentioned entities, leaving out unmentioned ones', () => {
    expect(v.mostMentioned('document', 10).map((e) => e.id)).toEqual(['document/04-nq-tw-2016']);
    expect(v.mostMentioned('unit', 1).map((e) => e.id)).toEqual(['unit/dang-uy-phuong-truong-dinh']);
  });
  it('memoises one views object per knowledge base', () => {
    const kb = fixtureKb();
    expect(siteViews(kb)).toBe(siteViews(kb));
    expect(siteViews(kb)).not.toBe(siteViews(fixtureKb()));
  });
});

describe('scale', () => {
  it('paginates an entity with 5,000 articles into pages of 50 and keeps related entities capped', () => {
    const articles = Array.from({ length: 5000 }, (_, i) => article(`a${i}`, `Bài ${i}`, `2020-01-${String((i % 28) + 1).padStart(2, '0')}`));
    const big = entity('document/big', 'Nghị quyết lớn', { articles: articles.map((a) => a.id), mentions: articles.map((a) => ({ article: a.id, sentence: `Câu ${a.id}.` })) });
    // 200 people, each in 25 of the articles: 5,000 × 1 + 200 × 25 entity-article pairs.
    const people: KbEntity[] = Array.from({ length: 200 }, (_, p) =>
      entity(`person/p${p}`, `Người ${p}`, { articles: Array.from({ length: 25 }, (_, k) => `a${(p * 25 + k) % 5000}`), mentions: [] }),
    );
    const kb: KnowledgeBase = { version: 1, articles, entities: [big, ...people] };
    const started = performance.now();
    const v = createSiteViews(kb);
    expect(v.entityPageCount('document/big')).toBe(100);
    const page3 = paginate(v.mentionGroups('document/big'), 3, MENTIONS_PER_PAGE);
    expect(page3.items).toHaveLength(50);
    expect(page3.start).toBe(100);
    expect(v.related('document/big').person).toHaveLength(RELATED_PER_TYPE);
    // Only the newest RELATED_ARTICLE_CAP articles are looked at: counts are ≤ 25, ranked.
    const shared = v.related('document/big').person.map((r) => r.shared);
    expect(shared.every((n, i) => n <= 25 && n > 0 && (i === 0 || n <= shared[i - 1]!))).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });
  it('rejects pages out of range and builds page paths', () => {
    expect(() => paginate([1, 2, 3], 3, 2)).toThrow(RangeError);
    expect(paginate([], 1, 50).pageCount).toBe(1);
    expect(pagePath('/nguoi/a/', 1)).toBe('/nguoi/a/');
    expect(pagePath('/nguoi/a/', 2)).toBe('/nguoi/a/2/');
  });
});

describe('highlightNames', () => {
  it('marks the longest names first, without overlaps', () => {
    expect(highlightNames('Bí thư Nguyễn Thị Tuyết và bà Tuyết', ['Tuyết', 'Nguyễn Thị Tuyết'])).toEqual([
      { text: 'Bí thư ', mark: false }, { text: 'Nguyễn Thị Tuyết', mark: true }, { text: ' và bà ', mark: false }, { text: 'Tuyết', mark: true },
    ]);
    expect(highlightNames('không có', ['X'])).toEqual([{ text: 'không có', mark: false }]);
  });
});
