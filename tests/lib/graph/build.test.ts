import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ArticleFile } from '../../../src/lib/model/article.ts';
import type { KbEntity } from '../../../src/lib/model/kb.ts';
import { buildKnowledgeBase } from '../../../src/lib/graph/build.ts';
import { serializeKnowledgeBase } from '../../../src/lib/graph/export.ts';

function article(id: string): ArticleFile {
  return { id, file: `content/articles/${id}.md`, title: id, published: null, author: null, source: null, url: null, importedFrom: null, body: '', bodyLine: 1, hash: id };
}

function person(id: string, articles: string[]): KbEntity {
  return {
    id,
    type: 'person',
    name: id,
    aliases: ['Võ Bích Thủy', 'Đồng chí Võ Bích Thủy', 'Bích Thủy'],
    url: `/nguoi/${id}/`,
    articles,
    mentions: articles.flatMap((a) => [
      { article: a, sentence: `${a}-first` },
      { article: a, sentence: `${a}-second` },
    ]),
    roles: articles.map((a) => ({ title: 'Bí thư', unit: null, unitName: null, article: a, date: null })),
  };
}

describe('buildKnowledgeBase', () => {
  it('gives the same bytes whatever order the inputs come in', () => {
    const articles = [article('b'), article('a'), article('c')];
    const entities = [person('person/z', ['c', 'a']), person('person/m', ['b']), person('person/a', ['c', 'b'])];
    const one = serializeKnowledgeBase(buildKnowledgeBase(articles, { entities, links: new Map() }));
    const reversed = entities.map((e) => ({ ...e, aliases: [...e.aliases].reverse() })).reverse();
    const two = serializeKnowledgeBase(buildKnowledgeBase([...articles].reverse(), { entities: reversed, links: new Map() }));
    expect(two).toBe(one);
    const kb = JSON.parse(one) as ReturnType<typeof buildKnowledgeBase>;
    expect(kb.articles.map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(kb.entities.map((e) => e.id)).toEqual(['person/a', 'person/m', 'person/z']);
    expect(kb.articles.find((a) => a.id === 'c')?.entities).toEqual(['person/a', 'person/z']);
    const z = kb.entities.find((e) => e.id === 'person/z')!;
    expect(z.articles).toEqual(['a', 'c']);
    // mentions grouped by article, text order kept inside one article
    expect(z.mentions.map((m) => m.sentence)).toEqual(['a-first', 'a-second', 'c-first', 'c-second']);
    expect(z.roles?.map((r) => r.article)).toEqual(['a', 'c']);
    expect(kb.version).toBe(1);
  });
});

describe('npm run kb (scripts/kb.ts)', () => {
  const node = path.resolve('node_modules/.bin/node');
  const run = (args: string[]) => spawnSync(node, ['scripts/kb.ts', ...args], { encoding: 'utf8' });

  it('writes kb.json from a content folder, the same bytes twice', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kb-'));
    mkdirSync(path.join(dir, 'articles'));
    writeFileSync(path.join(dir, 'articles', 'mot-bai.md'), '---\ntitle: Một bài\npublished: 2023-01-27\n---\n\nBí thư Quận ủy Hai Bà Trưng Nguyễn Văn Nam phát biểu.\n');
    const out1 = path.join(dir, 'one', 'kb.json');
    const out2 = path.join(dir, 'two.json');
    const r1 = run(['--content', dir, '--out', out1]);
    expect(r1.status, r1.stderr).toBe(0);
    expect(run(['--content', dir, '--out', out2]).status).toBe(0);
    const text = readFileSync(out1, 'utf8');
    expect(readFileSync(out2, 'utf8')).toBe(text);
    const kb = JSON.parse(text);
    expect(kb.version).toBe(1);
    expect(kb.articles).toHaveLength(1);
    expect(kb.articles[0]).toMatchObject({ id: 'mot-bai', title: 'Một bài', published: '2023-01-27', url: '/bai-viet/mot-bai/' });
  });

  it('prints file:line diagnostics and exits 1 on bad content', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kb-bad-'));
    mkdirSync(path.join(dir, 'articles'));
    writeFileSync(path.join(dir, 'articles', 'hong.md'), '---\ntitle: [chưa đóng\n---\n\nx\n');
    const r = run(['--content', dir, '--out', path.join(dir, 'kb.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/hong\.md:2: /);
  });

  it('asks for --out', () => {
    const r = run(['--content', 'content']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out/);
  });
});
