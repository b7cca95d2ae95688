/**
 * schema.org JSON-LD for every page, and the one safe way to put it in a
 * <script type="application/ld+json">: article text can contain "</script>",
 * "<!--" or U+2028, so the serialised JSON escapes <, >, & and the line
 * separators as \uXXXX (still the same JSON to any parser).
 */
import type { KbArticle, KbEntity } from '../model/kb.ts';
import type { EntityType } from '../model/mention.ts';
import { absoluteUrl, type SiteConfig } from '../model/site-config.ts';
import { articlePath, entityPath, SEARCH_PATH } from '../model/paths.ts';

export type JsonLd = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonLd;

export const SITE_NAME = 'Kho tin';

const SCHEMA_TYPE: Record<EntityType, string> = {
  person: 'Person',
  unit: 'Organization',
  place: 'Place',
  document: 'Legislation',
};

export function schemaType(type: EntityType): string {
  return SCHEMA_TYPE[type];
}

/** JSON text safe to embed verbatim inside an HTML <script> element (the renderer's escaping, shared). */
export { jsonForScript } from '../render/escape.ts';

/** A reference to an entity, as used in `mentions`, `about` and relations. */
export function entityRef(cfg: SiteConfig, e: KbEntity): JsonLd {
  return { '@type': SCHEMA_TYPE[e.type], '@id': absoluteUrl(cfg, entityPath(e.id)), name: e.name, url: absoluteUrl(cfg, entityPath(e.id)) };
}

export interface Crumb {
  name: string;
  /** Site-root-relative path (without base). */
  path: string;
}

export function breadcrumbLd(cfg: SiteConfig, crumbs: Crumb[]): JsonLd {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: absoluteUrl(cfg, c.path) })),
  };
}

function graph(...nodes: (JsonLd | null)[]): JsonLd {
  return { '@context': 'https://schema.org', '@graph': nodes.filter((n): n is JsonLd => n !== null) };
}

export function websiteLd(cfg: SiteConfig): JsonLd {
  return graph({
    '@type': 'WebSite',
    '@id': absoluteUrl(cfg, '/'),
    name: SITE_NAME,
    url: absoluteUrl(cfg, '/'),
    inLanguage: 'vi',
    potentialAction: {
      '@type': 'SearchAction',
      target: `${absoluteUrl(cfg, SEARCH_PATH)}?q={search_term_string}`,
      'query-input': 'required name=search_term_string',
    },
  });
}

export function articleLd(cfg: SiteConfig, article: KbArticle, mentions: KbEntity[], crumbs: Crumb[]): JsonLd {
  const url = absoluteUrl(cfg, articlePath(article.id));
  const node: JsonLd = {
    '@type': 'NewsArticle',
    '@id': url,
    url,
    mainEntityOfPage: url,
    headline: article.title,
    inLanguage: 'vi',
    mentions: mentions.map((e) => entityRef(cfg, e)),
  };
  if (article.published) node.datePublished = article.published;
  if (article.author) node.author = { '@type': 'Person', name: article.author };
  if (article.source) node.publisher = { '@type': 'Organization', name: article.source };
  return graph(node, breadcrumbLd(cfg, crumbs));
}

export function entityLd(cfg: SiteConfig, e: KbEntity, extra: { parent?: KbEntity; place?: KbEntity }, crumbs: Crumb[]): JsonLd {
  const node: JsonLd = { ...entityRef(cfg, e), mainEntityOfPage: absoluteUrl(cfg, entityPath(e.id)) };
  const aliases = e.aliases.filter((a) => a !== e.name);
  if (aliases.length > 0) node.alternateName = aliases;
  if (e.type === 'person' && e.roles && e.roles.length > 0) {
    node.jobTitle = [...new Set(e.roles.map((r) => (r.unitName ? `${r.title} ${r.unitName}` : r.title)))].slice(0, 20);
  }
  if (e.type === 'unit') {
    if (extra.parent) node.parentOrganization = entityRef(cfg, extra.parent);
    if (extra.place) node.location = entityRef(cfg, extra.place);
  }
  if (e.type === 'place' && extra.parent) node.containedInPlace = entityRef(cfg, extra.parent);
  if (e.type === 'document' && e.document) {
    const d = e.document;
    if (d.code) node.legislationIdentifier = d.code;
    node.legislationType = d.kind;
    if (d.date) node.legislationDate = d.date;
    if (d.issuer) node.legislationPassedBy = { '@type': 'Organization', name: d.issuer };
  }
  return graph(node, breadcrumbLd(cfg, crumbs));
}

export function collectionLd(cfg: SiteConfig, name: string, path: string, crumbs: Crumb[]): JsonLd {
  return graph(
    { '@type': 'CollectionPage', '@id': absoluteUrl(cfg, path), url: absoluteUrl(cfg, path), name, inLanguage: 'vi' },
    breadcrumbLd(cfg, crumbs),
  );
}

export function webPageLd(cfg: SiteConfig, name: string, path: string): JsonLd {
  return graph({ '@type': 'WebPage', url: absoluteUrl(cfg, path), name, inLanguage: 'vi' });
}
