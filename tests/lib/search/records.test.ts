import { describe, expect, it } from 'vitest';
import { nameSearchKey } from '../../../src/lib/search/name-keys.ts';
import { planSearch } from '../../../src/lib/search/query.ts';
import { abbreviationVariants, articleRecord, bodyBlocks, entityContext, entityNames, entityRecord, MAX_BODY_CHARS } from '../../../src/lib/search/records.ts';
import { toIndexForm } from '../../../src/lib/search/index-form.ts';
import type { KbArticle, KbEntity, KnowledgeBase } from '../../../src/lib/model/kb.ts';

const article: KbArticle = {
  id: 'a', url: '/bai-viet/a/', title: '<script>alert(1)</script> Đảng ủy phường Trương Định',
  published: '2023-01-27', author: null, source: 'Hà Nội Mới, số 5', file: 'content/articles/a.md', entities: ['person/le-thanh-vinh'],
};
const person: KbEntity = {
  id: 'person/le-thanh-vinh', type: 'person', name: 'Lê Thành Vinh', aliases: ['Lê Thành Vinh', 'đồng chí Lê Thành Vinh'],
  url: '/nguoi/le-thanh-vinh/', articles: ['a'], mentions: [{ article: 'a', sentence: 'Chủ tịch UBND phường Minh Khai Lê Thành Vinh cho biết.' }],
  roles: [{ title: 'Chủ tịch', unit: null, unitName: 'UBND phường Minh Khai', article: 'a', date: '2023-01-27' }],
};
const kb: KnowledgeBase = { version: 1, articles: [article], entities: [person] };

function text(body: string) {
  const paragraphs = body.split('\n\n');
  let offset = 0;
  const blocks = paragraphs.map((p) => {
    const b = { kind: 'paragraph' as const, start: offset, end: offset + p.length };
    offset += p.length + 2;
    return b;
  });
  return { text: paragraphs.join('\n\n'), blocks };
}

describe('article records', () => {
  const record = articleRecord(article, text('Đồng chí <b>Vinh</b> & các "đảng viên".\n\nĐoạn hai.'), '/kho/bai-viet/a/');
  it('escape every piece of text, so markup in titles and bodies is indexed as text', () => {
    expect(record.html).not.toContain('<script>');
    expect(record.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(record.html).toContain('&lt;b&gt;Vinh&lt;/b&gt; &amp; các &quot;');
  });
  it('index the folded-đ form and carry filters, meta and the date sort as attributes only', () => {
    expect(record.url).toBe('/kho/bai-viet/a/');
    expect(record.html).toContain(toIndexForm('Đảng ủy phường Trương Định'));
    expect(record.html).toContain('data-pagefind-filter="type:Bài viết"');
    expect(record.html).toContain('data-pagefind-filter="year:2023"');
    expect(record.html).toContain('data-pagefind-sort="date:2023-01-27"');
    expect(record.html).toContain('data-pagefind-filter="source:Hà Nội Mới, số 5"');
    expect(record.html).toMatch(/<span data-pagefind-filter="[^"]*"><\/span>/);
  });
  it('carry the reference tokens of the documents they mention as searchable meta', () => {
    const withRefs = articleRecord(article, text('Chỉ thị 05.'), '/bai-viet/a/', ['vbrct05', 'vbrct05xii']);
    expect(withRefs.html).toContain('data-pagefind-meta="refs:vbrct05 vbrct05xii"');
    expect(record.html).not.toContain('refs:');
  });
  it('bound the indexed body at a block boundary', () => {
    const long = text(Array.from({ length: 400 }, (_, i) => `Đoạn văn số ${i} nói về công tác xây dựng Đảng ở cơ sở.`).join('\n\n'));
    const blocks = bodyBlocks(long);
    expect(blocks.join('').length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(blocks.length).toBeGreaterThan(100);
  });
});

describe('entity records', () => {
  const record = entityRecord(person, entityContext(kb), '/nguoi/le-thanh-vinh/');
  it('give the name the highest weight and list each distinct alias once', () => {
    expect(entityNames(person)).toEqual(['Lê Thành Vinh', 'đồng chí Lê Thành Vinh']);
    expect(record.html).toContain('<h1 data-pagefind-meta="title" data-pagefind-weight="10">Lê Thành Vinh</h1>');
    expect(record.html).toContain(`data-pagefind-meta="names:${toIndexForm('Lê Thành Vinh | đồng chí Lê Thành Vinh')} | xqnlethanhvinh | xqndongchilethanhvinh"`);
  });
  it('carry one whole-name key per name, the same key the search page makes of a query', () => {
    expect(nameSearchKey('Lê Thành Vinh')).toBe('xqnlethanhvinh');
    expect(planSearch('le thanh vinh').name).toBe('xqnlethanhvinh');
    expect(planSearch('Lê  Thành Vinh!').name).toBe('xqnlethanhvinh');
    expect(planSearch('Đảng uỷ phường Trương Định').name).toBe(nameSearchKey('Đảng ủy phường Trương Định'));
    // A headline is no name: no key.
    expect(planSearch('một hai ba bốn năm sáu bảy tám chín mười mười một').name).toBeNull();
  });
  it('take type, years and sources from the articles that mention the entity', () => {
    expect(record.html).toContain('data-pagefind-filter="type:Người"');
    expect(record.html).toContain('data-pagefind-filter="year:2023"');
    expect(record.html).toContain('data-pagefind-sort="date:2023-01-27"');
    expect(record.html).toContain(toIndexForm('Chủ tịch UBND phường Minh Khai'));
  });
});

describe('abbreviation variants of entity names (data/abbreviations.yaml)', () => {
  it('add the abbreviated and the expanded spelling, whatever the tone placement', () => {
    expect(abbreviationVariants('Hội đồng nhân dân quận Tây Hồ')).toEqual(['HĐND quận Tây Hồ']);
    expect(abbreviationVariants('UBND phường Minh Khai')).toEqual(['Ủy ban nhân dân phường Minh Khai']);
    expect(abbreviationVariants('Uỷ ban nhân dân phường Minh Khai')).toEqual(['UBND phường Minh Khai']);
    expect(abbreviationVariants('Lê Thành Vinh')).toEqual([]);
  });
  it('are indexed among the names of a unit', () => {
    const unit: KbEntity = { id: 'unit/hdnd', type: 'unit', name: 'Hội đồng nhân dân quận Tây Hồ', aliases: [], url: '/don-vi/hdnd/', articles: [], mentions: [] };
    expect(entityNames(unit)).toEqual(['Hội đồng nhân dân quận Tây Hồ', 'HĐND quận Tây Hồ']);
  });
});
