import { describe, it, expect } from 'vitest';
import { jsonForScript, articleLd, entityLd, websiteLd, type JsonLd } from '../../../src/lib/site/jsonld.ts';
import type { SiteConfig } from '../../../src/lib/model/site-config.ts';
import { fixtureKb } from './fixture.ts';

const cfg: SiteConfig = { siteUrl: 'https://example.org', basePath: '/kho-tin/' };
const kb = fixtureKb();
const byId = (id: string) => kb.entities.find((e) => e.id === id)!;

describe('jsonForScript', () => {
  it('cannot break out of the script element, and parses back to the same value', () => {
    const value = { headline: 'A </script><script>alert(1)</script> <!-- x --> & \u2028 \u2029 "q"' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/<\/script|<!--|[<>&\u2028\u2029]/i);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('schema.org graphs', () => {
  it('describes an article as a NewsArticle with author, date and typed mentions under the base path', () => {
    const a = kb.articles.find((x) => x.id === 'hoi-nghi-quan')!;
    const ld = articleLd(cfg, a, a.entities.map(byId), [{ name: 'Trang chủ', path: '/' }, { name: a.title, path: '/bai-viet/hoi-nghi-quan/' }]);
    const [node, crumbs] = ld['@graph'] as JsonLd[];
    expect(ld['@context']).toBe('https://schema.org');
    expect(node).toMatchObject({
      '@type': 'NewsArticle',
      url: 'https://example.org/kho-tin/bai-viet/hoi-nghi-quan/',
      headline: 'Hội nghị quận ủy',
      datePublished: '2023-01-27',
      author: { '@type': 'Person', name: 'Minh An' },
    });
    const types = (node!.mentions as JsonLd[]).map((m) => `${m['@type']} ${m.url}`);
    expect(types).toContain('Person https://example.org/kho-tin/nguoi/nguyen-thi-tuyet/');
    expect(types).toContain('Organization https://example.org/kho-tin/don-vi/dang-uy-phuong-truong-dinh/');
    expect(types).toContain('Place https://example.org/kho-tin/dia-danh/truong-dinh/');
    expect(types).toContain('Legislation https://example.org/kho-tin/van-ban/04-nq-tw-2016/');
    expect(crumbs).toMatchObject({ '@type': 'BreadcrumbList', itemListElement: [{ position: 1, item: 'https://example.org/kho-tin/' }, { position: 2 }] });
  });
  it('leaves out datePublished and author when unknown', () => {
    const a = { ...kb.articles.find((x) => x.id === 'khong-ngay')!, author: null };
    const node = (articleLd(cfg, a, [], [])['@graph'] as JsonLd[])[0]!;
    expect(node).not.toHaveProperty('datePublished');
    expect(node).not.toHaveProperty('author');
  });
  it('types entity pages: Person with job titles, Organization with parent and place, Legislation with its identifier', () => {
    const person = (entityLd(cfg, byId('person/nguyen-thi-tuyet'), {}, [])['@graph'] as JsonLd[])[0]!;
    expect(person).toMatchObject({ '@type': 'Person', name: 'Nguyễn Thị Tuyết', jobTitle: ['Bí thư Đảng ủy phường Trương Định', 'Chủ tịch UBND phường Trương Định'] });
    const unit = (entityLd(cfg, byId('unit/dang-uy-phuong-truong-dinh'), { parent: byId('unit/quan-uy-hai-ba-trung'), place: byId('place/truong-dinh') }, [])['@graph'] as JsonLd[])[0]!;
    expect(unit).toMatchObject({ '@type': 'Organization', parentOrganization: { name: 'Quận ủy Hai Bà Trưng' }, location: { '@type': 'Place', name: 'Trương Định' } });
    const doc = (entityLd(cfg, byId('document/04-nq-tw-2016'), {}, [])['@graph'] as JsonLd[])[0]!;
    expect(doc).toMatchObject({ '@type': 'Legislation', legislationIdentifier: '04-NQ/TW', legislationDate: '2016-10-30', alternateName: ['NQ TƯ 4'] });
  });
  it('gives the home page a WebSite with a search action under the base path', () => {
    const site = (websiteLd(cfg)['@graph'] as JsonLd[])[0]!;
    expect(site.potentialAction).toMatchObject({ target: 'https://example.org/kho-tin/tim-kiem/?q={search_term_string}' });
  });
});
