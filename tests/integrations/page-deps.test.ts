/**
 * PageDependencies on the seeds' real site views: a page's key is reproduced by a
 * later build when what it read is unchanged, and changes when any of it changes,
 * including data of an entity nested in another call's result only when a link
 * to it would show the change.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageDependencies, digest, type DataSources } from '../../src/integrations/page-deps.ts';
import { buildKnowledge } from '../../src/lib/build/knowledge.ts';
import { siteViews, type SiteViews } from '../../src/lib/site/views.ts';
import type { KbEntity } from '../../src/lib/model/kb.ts';

function sourcesOf(views: SiteViews): DataSources {
  const out: DataSources = {};
  for (const [k, v] of Object.entries(views)) if (typeof v === 'function') out[k] = v as DataSources[string];
  return out;
}

describe('page dependencies', () => {
  let views: SiteViews;
  let dir: string;
  beforeAll(async () => {
    process.env.KHO_TIN_CACHE = '0';
    views = siteViews((await buildKnowledge('content')).kb);
    dir = mkdtempSync(path.join(tmpdir(), 'kho-tin-deps-'));
  });
  afterAll(() => {
    delete process.env.KHO_TIN_CACHE;
    rmSync(dir, { recursive: true, force: true });
  });

  /** Renders "a page" of a person: the calls EntityPage and PersonDetails make. */
  function renderPerson(deps: PageDependencies, page: string, id: string): void {
    const v = deps.recorder(page, views);
    v.entity(id);
    v.mentionGroups(id);
    v.related(id);
    v.roleTimeline(id);
  }

  it('gives a page rendered for the first time a one-off key, and its real key after the build', () => {
    const person = views.entitiesOfType('person').find((e) => (e.roles ?? []).length > 0)!;
    const page = `/nguoi/${person.id.split('/')[1]}/`;
    const first = new PageDependencies(sourcesOf(views), dir);
    expect(first.cacheKey(page)).toMatch(/^pending:/);
    renderPerson(first, page, person.id);
    writeFileSync(path.join(dir, 'incremental-build.json'), JSON.stringify({ routes: { 'src/pages/nguoi/[slug]/[...page].astro': { paths: { [page]: { cacheKey: first.cacheKey(page), outputFile: `${page.slice(1)}index.html` } } } } }));
    // The output files of the pages Astro keeps: what pruning of the kept dist/ must not delete.
    expect(first.afterPages((p) => p)).toEqual({ rendered: 1, reused: 0, outputs: new Set([`${page.slice(1)}index.html`]) });
    const manifest = JSON.parse(readFileSync(path.join(dir, 'incremental-build.json'), 'utf8'));
    const recordedKey = manifest.routes['src/pages/nguoi/[slug]/[...page].astro'].paths[page].cacheKey as string;
    expect(recordedKey).not.toMatch(/^pending:/);

    // The next build, same data: the same key, so Astro reuses the page.
    const second = new PageDependencies(sourcesOf(views), dir);
    expect(second.cacheKey(page)).toBe(recordedKey);

    // The next build, one recorded call returns something else: a new key.
    const changed = sourcesOf(views);
    const timeline = views.roleTimeline(person.id);
    changed.roleTimeline = () => [{ ...timeline[0]!, title: `${timeline[0]!.title} (mới)` }, ...timeline.slice(1)];
    expect(new PageDependencies(changed, dir).cacheKey(page)).not.toBe(recordedKey);
  });

  it('digests a nested entity by what a link shows, and a requested entity by all but its back-references', () => {
    const entity = views.entitiesOfType('unit').find((e) => e.mentions.length > 0)!;
    const moreMentions: KbEntity = { ...entity, mentions: [...entity.mentions, entity.mentions[0]!], articles: [...entity.articles, 'x'] };
    const newAlias: KbEntity = { ...entity, aliases: [...entity.aliases, 'Tên khác'] };
    const renamed: KbEntity = { ...entity, name: `${entity.name} mới` };
    // Nested (e.g. in related lists): only id, type and name count.
    expect(digest([{ entity: moreMentions, shared: 2 }])).toBe(digest([{ entity, shared: 2 }]));
    expect(digest([{ entity: newAlias, shared: 2 }])).toBe(digest([{ entity, shared: 2 }]));
    expect(digest([{ entity: renamed, shared: 2 }])).not.toBe(digest([{ entity, shared: 2 }]));
    expect(digest([{ entity, shared: 3 }])).not.toBe(digest([{ entity, shared: 2 }]));
    // Asked for directly (its own page, a parent link): everything but mentions and articles.
    expect(digest(moreMentions)).toBe(digest(entity));
    expect(digest(newAlias)).not.toBe(digest(entity));
  });

  it('never reuses a page that read a whole data structure instead of calling a view', () => {
    const deps = new PageDependencies(sourcesOf(views), dir);
    const page = '/trang-thu/';
    void deps.recorder(page, views).kb.articles.length;
    writeFileSync(path.join(dir, 'incremental-build.json'), JSON.stringify({ routes: { r: { paths: { [page]: { cacheKey: 'k' } } } } }));
    deps.afterPages((p) => p);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'incremental-build.json'), 'utf8'));
    expect(manifest.routes.r.paths[page]).toBeUndefined();
    expect(new PageDependencies(sourcesOf(views), dir).cacheKey(page)).toMatch(/^pending:/);
  });
});
