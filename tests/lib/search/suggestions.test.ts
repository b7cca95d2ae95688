import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildKnowledge } from '../../../src/lib/build/knowledge.ts';
import { entityPath } from '../../../src/lib/model/paths.ts';
import { parseSuggestionIndex, suggester, suggestionIndex, type SuggestionSource } from '../../../src/lib/search/suggestions.ts';

const source = (name: string, type: SuggestionSource['type'], articles: number, aliases: string[] = []): SuggestionSource =>
  ({ name, type, articles, aliases, path: `/${type}/${name.length}/` });

describe('suggestion index', () => {
  const entities = [
    source('Hà Nội', 'place', 900),
    source('Tập đoàn Điện lực Việt Nam', 'unit', 300, ['EVN', 'Tập đoàn Điện lực']),
    source('Bộ Công an', 'unit', 250, ['BCA']),
    source('Đinh La Thăng', 'person', 99),
    source('Hà Nam', 'place', 40),
    source('Công an Hà Nội', 'unit', 30),
    source('Ủy ban nhân dân phường Minh Khai', 'unit', 20, ['UBND phường Minh Khai', 'Uỷ ban nhân dân phường Minh Khai']),
  ];
  const s = suggester(suggestionIndex(entities));

  it('matches the start of words, with or without diacritics, đ included, the whole name first', () => {
    expect(s.suggest('dinh la').map((e) => e[0])).toEqual(['Đinh La Thăng']);
    expect(s.suggest('Đinh').map((e) => e[0])).toEqual(['Đinh La Thăng']);
    expect(s.suggest('ha n').map((e) => e[0])).toEqual(['Hà Nội', 'Hà Nam', 'Công an Hà Nội']);
    expect(s.suggest('ha noi').map((e) => e[0])).toEqual(['Hà Nội', 'Công an Hà Nội']);
    expect(s.suggest('cong an').map((e) => e[0])).toEqual(['Công an Hà Nội', 'Bộ Công an']);
  });

  it('knows a body by its short form, and waits for two characters', () => {
    expect(s.suggest('evn').map((e) => e[0])).toEqual(['Tập đoàn Điện lực Việt Nam']);
    expect(s.suggest('ubnd phuong minh').map((e) => e[0])).toEqual(['Ủy ban nhân dân phường Minh Khai']);
    expect(s.suggest('minh khai').map((e) => e[0])).toEqual(['Ủy ban nhân dân phường Minh Khai']);
    expect(s.suggest('h')).toEqual([]);
    expect(s.suggest('  ')).toEqual([]);
  });

  it('keeps the most-named entities within the byte budget', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => source(`Người thứ ${i}`, 'person', 5_000 - i));
    const index = suggestionIndex(many, 10_000);
    expect(new TextEncoder().encode(JSON.stringify(index)).length).toBeLessThanOrEqual(10_000);
    expect(index.entries[0]![0]).toBe('Người thứ 0');
    expect(index.entries.length).toBeGreaterThan(100);
    expect(index.entries.length).toBeLessThan(5_000);
  });

  it('rejects a file that is not an index, naming it', () => {
    expect(() => parseSuggestionIndex({ version: 2 }, '/tim-kiem/goi-y.json')).toThrow(/goi-y\.json: not a suggestion index/);
    const index = suggestionIndex(entities);
    expect(parseSuggestionIndex(JSON.parse(JSON.stringify(index)), 'x')).toEqual(index);
  });

  it('on the seeds, offers the people and bodies named in the most articles', async () => {
    const { kb } = await buildKnowledge(path.resolve('content'));
    const ranked = [...kb.entities].sort((a, b) => b.articles.length - a.articles.length);
    const index = suggestionIndex(ranked.map((e) => ({ name: e.name, type: e.type, aliases: e.aliases, articles: e.articles.length, path: entityPath(e.id) })));
    expect(index.entries.length).toBe(kb.entities.length);
    const top = ranked[0]!;
    expect(suggester(index).suggest(top.name)[0]![3]).toBe(entityPath(top.id));
  });
});
