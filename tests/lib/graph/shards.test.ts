import { describe, expect, it } from 'vitest';
import { joinKnowledgeBase, shardKnowledgeBase } from '../../../src/lib/graph/shards.ts';
import type { KbEntity, KnowledgeBase } from '../../../src/lib/model/kb.ts';

function entity(type: KbEntity['type'], slug: string, sentence: string): KbEntity {
  return { id: `${type}/${slug}`, type, name: slug, aliases: [slug], url: `/x/${slug}/`, articles: ['a'], mentions: [{ article: 'a', sentence }] };
}

// A knowledge base in kb.json's order: articles by id, entities by id (document < person < place < unit).
const kb: KnowledgeBase = {
  version: 1,
  articles: Array.from({ length: 30 }, (_, i) => ({ id: `a${String(i).padStart(2, '0')}`, url: `/bai-viet/a${i}/`, title: `Tin ${i} – Hà Nội`, published: null, author: null, source: null, file: `a${i}.md`, entities: [] })),
  entities: [
    ...Array.from({ length: 5 }, (_, i) => entity('document', `d${i}`, 'Nghị quyết số 5.')),
    ...Array.from({ length: 40 }, (_, i) => entity('person', `p${String(i).padStart(2, '0')}`, `Ông Nguyễn Văn ${i} phát biểu tại hội nghị.`)),
    entity('place', 'ha-noi', 'Hà Nội '.repeat(200)),
    ...Array.from({ length: 12 }, (_, i) => entity('unit', `u${String(i).padStart(2, '0')}`, 'Ủy ban nhân dân phường.')),
  ],
};

describe('the published knowledge base', () => {
  const maxBytes = 2_000;
  const { index, shards } = shardKnowledgeBase(kb, maxBytes);
  const files = new Map(shards.map((s) => [s.file, s.json]));

  it('is an index and shards of at most the given size, one kind of record each, unless one record alone is larger', () => {
    expect(index.version).toBe(2);
    expect([index.articles, index.entities]).toEqual([30, { person: 40, unit: 12, place: 1, document: 5 }]);
    expect(shards.length).toBeGreaterThan(5);
    for (const ref of index.shards) {
      expect(Buffer.byteLength(files.get(ref.file)!)).toBe(ref.bytes);
      expect(ref.bytes <= maxBytes || ref.count === 1).toBe(true);
      expect(ref.file).toMatch(new RegExp(`^kb/${ref.holds}-\\d{3}\\.json$`));
    }
    expect(index.shards.find((r) => r.holds === 'place')!.bytes).toBeGreaterThan(maxBytes); // one long record
  });

  it('joins back into the whole knowledge base, byte for byte', () => {
    const joined = joinKnowledgeBase(JSON.parse(JSON.stringify(index)), (f) => files.get(f)!);
    expect(JSON.stringify(joined)).toBe(JSON.stringify(kb));
  });

  it('says which shard holds an id', () => {
    const ref = index.shards.find((r) => r.holds === 'person' && r.first <= 'person/p20' && 'person/p20' <= r.last)!;
    expect((JSON.parse(files.get(ref.file)!) as KbEntity[]).some((e) => e.id === 'person/p20')).toBe(true);
  });

  it('refuses a file that is not an index, or a shard that lost records', () => {
    expect(() => joinKnowledgeBase(kb as never, () => '[]')).toThrow(/not a shard index/);
    expect(() => joinKnowledgeBase(index, (f) => (f === index.shards[0]!.file ? '[]' : files.get(f)!))).toThrow(/expected \d+ records/);
  });
});
