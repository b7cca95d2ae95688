/**
 * What the pages show of the knowledge graph: the graph's answers
 * (src/lib/graph/knowledge-graph.ts) capped and grouped for a page, per-article
 * panels, pagination, alphabetical indexes, labels and dates in Vietnamese.
 *
 * Plain TypeScript (no Astro), built once per KnowledgeBase (siteViews). Pages
 * call these views through page-data, which records every call for the
 * incremental build, so each view is a method with plain arguments.
 */
import { ENTITY_TYPES, type EntityType } from '../model/mention.ts';
import type { KbArticle, KbEntity, KbRole, KnowledgeBase } from '../model/kb.ts';
import { compareVi, indexLetter, personSortKey } from '../text/collate.ts';
import {
  compareArticlesNewestFirst,
  knowledgeGraph,
  memo,
  type RelatedEntity,
  type RoleSpan,
  type SentenceHit,
  type UnitMember,
} from '../graph/knowledge-graph.ts';

export { ENTITY_TYPES, compareArticlesNewestFirst };
export type { RelatedEntity, RoleSpan, SentenceHit, UnitMember };

/** How many article groups one page of an entity's mentions shows. */
export const MENTIONS_PER_PAGE = 50;
/** How many sentences of one article an entity page quotes. */
export const SENTENCES_PER_ARTICLE = 3;
/** How many entries one page of an alphabetical index holds (letters are never split unless one letter alone exceeds it). */
export const INDEX_PAGE_SIZE = 1000;
/** How many related entities of each type an entity page lists. */
export const RELATED_PER_TYPE = 10;
/** Articles of one entity looked at when ranking related entities (the newest ones): bounds the work for very frequent entities. */
export const RELATED_ARTICLE_CAP = 500;
/** Cap for secondary lists on an entity page (people of a unit, units of a place …). */
export const LIST_CAP = 200;

// ---------------------------------------------------------------- dates

/** "2023-01-27" → "27/01/2023", "2023-01" → "01/2023", "2023" → "2023" (Vietnamese day-first order). */
export function formatDateVi(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (d && mo) return `${d}/${mo}/${y}`;
  if (mo) return `${mo}/${y}`;
  return y!;
}

// ---------------------------------------------------------------- pagination

export interface Pagination<T> {
  /** 1-based. */
  page: number;
  pageCount: number;
  total: number;
  items: T[];
  /** Offset of items[0] in the full list. */
  start: number;
}

export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

export function paginate<T>(items: readonly T[], page: number, perPage: number): Pagination<T> {
  const count = pageCount(items.length, perPage);
  if (!Number.isInteger(page) || page < 1 || page > count) throw new RangeError(`page ${page} out of 1..${count}`);
  const start = (page - 1) * perPage;
  return { page, pageCount: count, total: items.length, items: items.slice(start, start + perPage), start };
}

/** Path of page n of a paginated listing: page 1 is the base path itself, page n is "<base>n/". */
export function pagePath(basePath: string, page: number): string {
  const base = basePath.endsWith('/') ? basePath : basePath + '/';
  return page <= 1 ? base : `${base}${page}/`;
}

// ---------------------------------------------------------------- alphabetical index

export interface IndexEntry {
  id: string;
  name: string;
  /** What the entry sorts by (people: given name first). */
  sortKey: string;
  /** Number of articles. */
  count: number;
  /** Optional short note (article date, document code …). */
  note?: string;
}

export interface LetterGroup {
  letter: string;
  /** Anchor id of the group ("chu-a", "chu-dd"); only the page where the letter starts carries it. */
  anchor: string;
  /** True when this group continues a letter begun on the previous page. */
  continued: boolean;
  entries: IndexEntry[];
}

export interface IndexPage {
  page: number;
  groups: LetterGroup[];
}

export interface LetterLink {
  letter: string;
  count: number;
  /** Page number where the letter starts, and its anchor. */
  page: number;
  anchor: string;
}

export interface AlphaIndex {
  total: number;
  letters: LetterLink[];
  pages: IndexPage[];
}

/** Anchor id for an index letter: ASCII, unique per letter (Đ → "dd", non-letters → "khac"). */
export function letterAnchor(letter: string): string {
  if (letter === 'Đ') return 'chu-dd';
  if (/^[A-Z]$/.test(letter)) return `chu-${letter.toLowerCase()}`;
  return 'chu-khac';
}

/**
 * Groups sorted entries by their first letter and packs the groups into pages of
 * at most pageSize entries (a letter larger than a page spills over, continued).
 */
export function buildAlphaIndex(sorted: readonly IndexEntry[], pageSize = INDEX_PAGE_SIZE): AlphaIndex {
  const byLetter: { letter: string; entries: IndexEntry[] }[] = [];
  for (const entry of sorted) {
    const letter = indexLetter(entry.sortKey);
    const last = byLetter[byLetter.length - 1];
    if (last && last.letter === letter) last.entries.push(entry);
    else byLetter.push({ letter, entries: [entry] });
  }
  // Non-letters ("#") sort first in the collator; list them last, as indexes do.
  byLetter.sort((a, b) => (a.letter === '#' ? 1 : 0) - (b.letter === '#' ? 1 : 0));
  const pages: IndexPage[] = [{ page: 1, groups: [] }];
  const letters: LetterLink[] = [];
  let used = 0;
  for (const { letter, entries } of byLetter) {
    let rest = entries;
    let continued = false;
    // A whole letter moves to a fresh page when it does not fit but would fit there.
    if (used > 0 && used + rest.length > pageSize && rest.length <= pageSize) {
      pages.push({ page: pages.length + 1, groups: [] });
      used = 0;
    }
    letters.push({ letter, count: entries.length, page: pages.length, anchor: letterAnchor(letter) });
    while (rest.length > 0) {
      if (used >= pageSize) {
        pages.push({ page: pages.length + 1, groups: [] });
        used = 0;
      }
      const take = rest.slice(0, pageSize - used);
      pages[pages.length - 1]!.groups.push({ letter, anchor: letterAnchor(letter), continued, entries: take });
      used += take.length;
      rest = rest.slice(take.length);
      continued = true;
    }
  }
  return { total: sorted.length, letters, pages };
}

// ---------------------------------------------------------------- entity views

export interface MentionGroup {
  article: KbArticle;
  /** Distinct sentences of this article that mention the entity (capped). */
  sentences: string[];
  /** Sentences left out by the cap. */
  more: number;
}

/** One sentence of an article and the units it names (for a document's page). */
export interface SentenceUnits {
  article: KbArticle;
  sentence: string;
  units: KbEntity[];
}

export interface ArticlePanelPerson {
  person: KbEntity;
  /** Roles this article gives the person. */
  roles: KbRole[];
}

export interface ArticlePanel {
  people: ArticlePanelPerson[];
  units: KbEntity[];
  places: KbEntity[];
  documents: KbEntity[];
}

export interface SiteViews {
  kb: KnowledgeBase;
  article(id: string): KbArticle | undefined;
  entity(id: string): KbEntity | undefined;
  /** All articles, newest first, undated last. */
  articlesNewestFirst: KbArticle[];
  /** Entities of a type in index order (Vietnamese collation; people by given name). */
  entitiesOfType(type: EntityType): KbEntity[];
  /** Entities of a type by number of articles, most first. */
  mostMentioned(type: EntityType, limit: number): KbEntity[];
  alphaIndex(type: EntityType): AlphaIndex;
  articleIndex(): AlphaIndex;
  articlePanel(articleId: string): ArticlePanel;
  /** An entity's articles grouped with their sentences, newest first. */
  mentionGroups(entityId: string): MentionGroup[];
  /** Number of pages of an entity (its mention list paginates). */
  entityPageCount(entityId: string): number;
  /** The articles of an entity, newest first. */
  articlesOf(entityId: string): KbArticle[];
  roleTimeline(personId: string): RoleSpan[];
  related(entityId: string): Record<EntityType, RelatedEntity[]>;
  childUnits(unitId: string): KbEntity[];
  unitsAtPlace(placeId: string): KbEntity[];
  unitMembers(unitId: string): UnitMember[];
  /** Documents a unit issued (issuer) or is mentioned with in one sentence. */
  documentsOfUnit(unitId: string): { issued: KbEntity[]; mentionedWith: KbEntity[] };
  /** Units mentioned in the same sentence as the document, with that sentence. */
  unitsMentioningDocument(documentId: string): SentenceUnits[];
  /** Documents whose replacedBy points at this one. */
  replaces(documentId: string): KbEntity[];
  /** The unit with this exact name or alias, when exactly one has it (document issuers are stored as names). */
  unitNamed(name: string): KbEntity | undefined;
}

export function createSiteViews(kb: KnowledgeBase): SiteViews {
  const graph = knowledgeGraph(kb);
  const { byIndexOrder, articlesOf, roleTimeline } = graph;

  const mentionGroups = memo((entityId: string): MentionGroup[] => {
    const sentencesByArticle = graph.mentionsByArticle(entityId);
    return articlesOf(entityId).map((article) => {
      const distinct = [...new Set((sentencesByArticle.get(article.id) ?? []).map((m) => m.sentence))];
      return { article, sentences: distinct.slice(0, SENTENCES_PER_ARTICLE), more: Math.max(0, distinct.length - SENTENCES_PER_ARTICLE) };
    });
  });

  const related = memo((entityId: string): Record<EntityType, RelatedEntity[]> => {
    const all = graph.coOccurring(entityId, RELATED_ARTICLE_CAP);
    return Object.fromEntries(ENTITY_TYPES.map((t) => [t, all[t].slice(0, RELATED_PER_TYPE)])) as Record<EntityType, RelatedEntity[]>;
  });

  const documentsOfUnit = memo((unitId: string) => {
    const issuedAll = graph.issuedBy(unitId);
    const issuedIds = new Set(issuedAll.map((d) => d.id));
    const mentionedWith = new Map<string, KbEntity>();
    for (const hit of graph.sameSentence(unitId, 'document')) if (!issuedIds.has(hit.entity.id)) mentionedWith.set(hit.entity.id, hit.entity);
    return {
      issued: issuedAll.slice(0, LIST_CAP),
      mentionedWith: [...mentionedWith.values()].sort(byIndexOrder).slice(0, LIST_CAP),
    };
  });

  const articlePanel = memo((articleId: string): ArticlePanel => {
    const panel: ArticlePanel = { people: [], units: [], places: [], documents: [] };
    const roles = graph.rolesInArticleOf(articleId);
    const entities = [...new Set(graph.entityIdsOfArticle(articleId))]
      .map((id) => graph.entity(id))
      .filter((e): e is KbEntity => !!e)
      .sort(byIndexOrder);
    for (const e of entities) {
      if (e.type === 'person') panel.people.push({ person: e, roles: roles?.get(e.id) ?? [] });
      else if (e.type === 'unit') panel.units.push(e);
      else if (e.type === 'place') panel.places.push(e);
      else panel.documents.push(e);
    }
    return panel;
  });

  /** A person's main position (most mentioned), "title unit": tells apart namesakes in the index. */
  const latestRole = (personId: string): string | undefined => {
    const span = roleTimeline(personId)[0];
    return span ? [span.title, span.unitName].filter(Boolean).join(' ') : undefined;
  };
  const entryOf = (e: KbEntity): IndexEntry => ({
    id: e.id,
    name: e.name,
    sortKey: e.type === 'person' ? personSortKey(e.name) : e.name,
    count: articlesOf(e.id).length,
    note: e.type === 'document' ? e.document?.code ?? undefined : e.type === 'person' ? latestRole(e.id) : undefined,
  });
  const alphaIndex = memo((type: string) => buildAlphaIndex(graph.entitiesOfType(type as EntityType).map(entryOf)));
  let articleIndexMemo: AlphaIndex | undefined;

  return {
    kb,
    article: (id) => graph.article(id),
    entity: (id) => graph.entity(id),
    articlesNewestFirst: graph.articlesNewestFirst,
    entitiesOfType: (type) => graph.entitiesOfType(type),
    mostMentioned: (type, limit) =>
      [...graph.entitiesOfType(type)]
        .map((e) => ({ e, n: articlesOf(e.id).length }))
        .filter((x) => x.n > 0)
        .sort((a, b) => b.n - a.n || byIndexOrder(a.e, b.e))
        .slice(0, limit)
        .map((x) => x.e),
    alphaIndex: (type) => alphaIndex(type),
    articleIndex: () =>
      (articleIndexMemo ??= buildAlphaIndex(
        [...kb.articles]
          .sort((a, b) => compareVi(a.title, b.title) || (a.id < b.id ? -1 : 1))
          .map((a) => ({ id: a.id, name: a.title, sortKey: a.title, count: a.entities.length, note: formatDateVi(a.published) || undefined })),
      )),
    articlePanel,
    mentionGroups,
    entityPageCount: (id) => pageCount(articlesOf(id).length, MENTIONS_PER_PAGE),
    articlesOf,
    roleTimeline,
    related,
    childUnits: (id) => graph.childUnits(id).slice(0, LIST_CAP),
    unitsAtPlace: (id) => graph.unitsAtPlace(id).slice(0, LIST_CAP),
    unitMembers: (id) => graph.roleHolders(id).slice(0, LIST_CAP),
    documentsOfUnit,
    unitsMentioningDocument: (id) => {
      // One entry per sentence, newest article first, with every unit the sentence names.
      const bySentence = new Map<KbArticle, Map<string, KbEntity[]>>();
      for (const hit of graph.sameSentence(id, 'unit')) {
        let perArticle = bySentence.get(hit.article);
        if (!perArticle) bySentence.set(hit.article, (perArticle = new Map()));
        const units = perArticle.get(hit.sentence);
        if (units) units.push(hit.entity);
        else perArticle.set(hit.sentence, [hit.entity]);
      }
      const out: SentenceUnits[] = [];
      for (const article of [...bySentence.keys()].sort((a, b) => graph.articleOrder(a.id)! - graph.articleOrder(b.id)!)) {
        for (const [sentence, units] of bySentence.get(article)!) out.push({ article, sentence, units });
      }
      return out.slice(0, LIST_CAP);
    },
    replaces: (id) => graph.replaces(id),
    unitNamed: (name) => graph.unitNamed(name),
  };
}

const viewsMemo = new WeakMap<KnowledgeBase, SiteViews>();

/** The views of a knowledge base, built once per kb object (one per build). */
export function siteViews(kb: KnowledgeBase): SiteViews {
  let v = viewsMemo.get(kb);
  if (!v) viewsMemo.set(kb, (v = createSiteViews(kb)));
  return v;
}

// ---------------------------------------------------------------- labels

export const TYPE_LABELS: Record<EntityType, { one: string; many: string; schema: string }> = {
  person: { one: 'Người', many: 'Người', schema: 'Person' },
  unit: { one: 'Đơn vị', many: 'Đơn vị', schema: 'Organization' },
  place: { one: 'Địa danh', many: 'Địa danh', schema: 'Place' },
  document: { one: 'Văn bản', many: 'Văn bản', schema: 'Legislation' },
};

export const PLACE_LEVEL_LABELS: Record<string, string> = {
  country: 'Quốc gia',
  province: 'Tỉnh, thành phố',
  district: 'Quận, huyện, thị xã',
  ward: 'Phường, xã, thị trấn',
  commune: 'Xã',
};

export interface TextPiece {
  text: string;
  mark: boolean;
}

/**
 * Splits a sentence so that occurrences of the entity's names can be marked.
 * Case-sensitive, longest name first, non-overlapping; linear in sentence × names.
 */
export function highlightNames(sentence: string, names: readonly string[]): TextPiece[] {
  const sorted = [...new Set(names.filter((n) => n.length > 1))].sort((a, b) => b.length - a.length);
  const ranges: [number, number][] = [];
  for (const name of sorted) {
    let from = 0;
    for (;;) {
      const at = sentence.indexOf(name, from);
      if (at < 0) break;
      const end = at + name.length;
      if (!ranges.some(([s, e]) => at < e && end > s)) ranges.push([at, end]);
      from = end;
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const pieces: TextPiece[] = [];
  let pos = 0;
  for (const [s, e] of ranges) {
    if (s > pos) pieces.push({ text: sentence.slice(pos, s), mark: false });
    pieces.push({ text: sentence.slice(s, e), mark: true });
    pos = e;
  }
  if (pos < sentence.length) pieces.push({ text: sentence.slice(pos), mark: false });
  return pieces;
}
