/**
 * The HTML each page contributes to the search index. The index is built from
 * the knowledge base, not by scraping the rendered pages: we decide exactly
 * which text is searchable, with which weight, and every piece of text goes
 * through toIndexForm (đ folding, tone placement) on the way in.
 *
 * Filters, sorts and meta are attributes on empty elements so that they never
 * leak into excerpts. All text is HTML-escaped; Pagefind reads it back as text.
 */
import type { KbArticle, KbEntity, KnowledgeBase } from '../model/kb.ts';
import type { TextBlock } from '../markdown/text.ts';
import { fromIndexForm, toIndexForm } from './index-form.ts';
import { abbreviationTable, type Abbreviation } from '../extract/abbreviations.ts';
import { fold } from '../text/fold.ts';
import { documentSearchKeys } from './document-keys.ts';
import { nameSearchKey } from './name-keys.ts';
import {
  FILTER_SOURCE, FILTER_TYPE, FILTER_YEAR, KIND_LABEL, META_DATE, META_KIND, META_NAMES, META_REFS, META_SOURCE, NAMES_SEPARATOR,
  SORT_DATE, UNDATED, type SearchKind,
} from './labels.ts';

export interface SearchRecord {
  /** Result URL, with the base path. */
  url: string;
  html: string;
}

/** Body text indexed per article: enough for excerpts and ranking, bounded for memory at corpus scale. */
export const MAX_BODY_CHARS = 12_000;
/**
 * Mention sentences indexed on an entity page. None: they repeat article text,
 * grow every index chunk (37,154 entity pages at corpus scale) and let entity
 * pages compete on body words; name, aliases and roles make the excerpt.
 */
export const MAX_ENTITY_SENTENCES = 0;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function idx(text: string): string {
  return escapeHtml(toIndexForm(text));
}

/** Attribute-only element: "key:value" pairs for data-pagefind-filter/meta/sort. */
function attr(kind: 'filter' | 'meta' | 'sort', key: string, value: string): string {
  // One element per value: a value may contain commas, which Pagefind would split on.
  return `<span data-pagefind-${kind}="${escapeHtml(`${key}:${value.replace(/\s+/g, ' ').trim()}`)}"></span>`;
}

function page(body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body>${body}</body></html>`;
}

function yearOf(date: string | null): string | null {
  return date && /^\d{4}-/.test(date) ? date.slice(0, 4) : null;
}

export interface ArticleBody {
  text: string;
  blocks: readonly Pick<TextBlock, 'kind' | 'start' | 'end'>[];
}

/** Paragraphs of the article text, cut at a block boundary after MAX_BODY_CHARS. */
export function bodyBlocks(body: ArticleBody, maxChars = MAX_BODY_CHARS): string[] {
  const out: string[] = [];
  let used = 0;
  for (const block of body.blocks) {
    const text = body.text.slice(block.start, block.end).replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const room = maxChars - used;
    if (room <= 0) break;
    out.push(text.length > room ? text.slice(0, room).replace(/\s+\S*$/, '') : text);
    used += text.length;
  }
  return out;
}

/** `refs`: reference tokens of the documents the article mentions (document-keys.ts referenceToken). */
export function articleRecord(article: KbArticle, body: ArticleBody, url: string, refs: readonly string[] = []): SearchRecord {
  const parts = [`<h1 data-pagefind-meta="title">${idx(article.title)}</h1>`];
  for (const p of bodyBlocks(body)) parts.push(`<p>${idx(p)}</p>`);
  if (refs.length) parts.push(attr('meta', META_REFS, refs.join(' ')));
  parts.push(attr('filter', FILTER_TYPE, KIND_LABEL.article), attr('meta', META_KIND, 'article'));
  if (article.source) {
    parts.push(attr('filter', FILTER_SOURCE, article.source), attr('meta', META_SOURCE, article.source));
  }
  const year = yearOf(article.published);
  if (year) parts.push(attr('filter', FILTER_YEAR, year));
  if (article.published) parts.push(attr('meta', META_DATE, article.published));
  parts.push(attr('sort', SORT_DATE, article.published ?? UNDATED));
  return { url, html: page(parts.join('')) };
}

/** What an entity record needs from the rest of the knowledge base (precomputed per build). */
export interface EntityContext {
  articlesById: ReadonlyMap<string, KbArticle>;
  entitiesById: ReadonlyMap<string, KbEntity>;
}

export function entityContext(kb: KnowledgeBase): EntityContext {
  return {
    articlesById: new Map(kb.articles.map((a) => [a.id, a])),
    entitiesById: new Map(kb.entities.map((e) => [e.id, e])),
  };
}

/** Abbreviations whose expansion has several words ("Hội đồng nhân dân" ⇄ "HĐND"), from data/abbreviations.yaml. */
let nameAbbreviations: Abbreviation[] | null = null;
function abbreviationsForNames(): Abbreviation[] {
  nameAbbreviations ??= [...abbreviationTable().values()].filter((a) => a.expand && a.expansion.includes(' ') && a.abbr.length >= 3);
  return nameAbbreviations;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Other spellings of a name through the abbreviation table, in both directions:
 * "Hội đồng nhân dân quận Tây Hồ" → "HĐND quận Tây Hồ", "UBND phường X" → "Ủy ban nhân dân phường X".
 * Readers type either; the extractor keeps what the articles wrote.
 */
export function abbreviationVariants(name: string, table: readonly Abbreviation[] = abbreviationsForNames()): string[] {
  const out: string[] = [];
  const folded = fold(name);
  for (const a of table) {
    if (folded.includes(fold(a.expansion))) {
      // Case-insensitive on the expansion, written with any tone placement: compare canonical forms.
      const re = new RegExp(`(^|\\s)${escapeRegExp(toIndexForm(a.expansion))}(?=\\s|$)`, 'iu');
      const variant = toIndexForm(name).replace(re, `$1${toIndexForm(a.abbr)}`);
      if (variant !== toIndexForm(name)) out.push(fromIndexForm(variant));
    }
    const abbrRe = new RegExp(`(^|\\s)${escapeRegExp(a.abbr)}(?=\\s|$)`, 'u');
    if (abbrRe.test(name)) out.push(name.replace(abbrRe, `$1${a.expansion}`));
  }
  return out;
}

/** Every distinct name of an entity: its name, then its aliases and their abbreviation variants (first spelling of each folded form kept). */
export function entityNames(entity: KbEntity): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const given = [entity.name, ...entity.aliases, ...(entity.document?.code ? [entity.document.code] : [])];
  for (const n of [...given, ...given.flatMap((g) => abbreviationVariants(g))]) {
    const key = fold(n).replace(/\s+/g, ' ').trim();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(n);
  }
  return out;
}

function describe(entity: KbEntity, ctx: EntityContext): string[] {
  const lines: string[] = [];
  for (const role of (entity.roles ?? []).slice(0, 6)) {
    lines.push([role.title, role.unitName].filter(Boolean).join(' '));
  }
  const parent = entity.parent ? ctx.entitiesById.get(entity.parent)?.name : undefined;
  if (parent) lines.push(parent);
  const place = entity.place ? ctx.entitiesById.get(entity.place)?.name : undefined;
  if (place) lines.push(place);
  const doc = entity.document;
  if (doc) lines.push([doc.kind, doc.code, doc.issuer, doc.term ? `khóa ${doc.term}` : null, doc.date].filter(Boolean).join(' '));
  return [...new Set(lines.filter((l) => l.trim()))];
}

/** What an entity record shows of the articles that name it: their years and sources, and the latest date. */
interface EntityFacets {
  years: string[];
  sources: string[];
  latest: string | null;
}

function entityFacets(entity: KbEntity, ctx: EntityContext): EntityFacets {
  const years = new Set<string>();
  const sources = new Set<string>();
  let latest: string | null = null;
  for (const id of entity.articles) {
    const a = ctx.articlesById.get(id);
    if (!a) continue;
    const y = yearOf(a.published);
    if (y) years.add(y);
    if (a.source) sources.add(a.source);
    if (a.published && (!latest || a.published > latest)) latest = a.published;
  }
  return { years: [...years].sort(), sources: [...sources].sort(), latest };
}

/**
 * Everything entityRecord's HTML is made of, as a string, without folding or
 * escaping anything (a search shard's cache key; index-site.ts): the entity
 * without its back-references, the names of its parent and place, the facets,
 * and the mention sentences the record indexes.
 */
export function entityRecordIdentity(entity: KbEntity, ctx: EntityContext): string {
  const { mentions, articles, ...own } = entity;
  void articles; // stands in through the facets
  return JSON.stringify([
    own,
    entity.parent ? ctx.entitiesById.get(entity.parent)?.name ?? null : null,
    entity.place ? ctx.entitiesById.get(entity.place)?.name ?? null : null,
    entityFacets(entity, ctx),
    mentions.slice(0, MAX_ENTITY_SENTENCES).map((m) => m.sentence),
  ]);
}

export function entityRecord(entity: KbEntity, ctx: EntityContext, url: string): SearchRecord {
  const kind: SearchKind = entity.type;
  const names = entityNames(entity);
  const parts = [`<h1 data-pagefind-meta="title" data-pagefind-weight="10">${idx(entity.name)}</h1>`];
  const aliases = names.slice(1);
  if (aliases.length) parts.push(`<p data-pagefind-weight="8">${aliases.map(idx).join(' · ')}</p>`);
  const description = describe(entity, ctx);
  if (description.length) parts.push(`<p data-pagefind-weight="2">${description.map(idx).join('. ')}</p>`);
  for (const m of entity.mentions.slice(0, MAX_ENTITY_SENTENCES)) {
    parts.push(`<p data-pagefind-weight="0.5">${idx(m.sentence)}</p>`);
  }
  // Names, whole-name keys and document-code keys as searchable meta: a full match there outranks a title match.
  const nameKeys = names.map(nameSearchKey).filter((k): k is string => k !== null);
  const keys = [...new Set(nameKeys), ...(entity.type === 'document' ? documentSearchKeys(entity) : [])];
  parts.push(attr('meta', META_NAMES, toIndexForm([...names, ...keys].join(NAMES_SEPARATOR))));
  parts.push(attr('filter', FILTER_TYPE, KIND_LABEL[kind]), attr('meta', META_KIND, kind));

  const { years, sources, latest } = entityFacets(entity, ctx);
  for (const y of years) parts.push(attr('filter', FILTER_YEAR, y));
  for (const s of sources) parts.push(attr('filter', FILTER_SOURCE, s));
  if (latest) parts.push(attr('meta', META_DATE, latest));
  parts.push(attr('sort', SORT_DATE, latest ?? UNDATED));
  return { url, html: page(parts.join('')) };
}
