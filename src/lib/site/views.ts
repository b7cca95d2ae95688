/**
 * Derived views of the knowledge base that the pages need: sorted lists,
 * per-article panels, role timelines, related entities, unit/place/document
 * neighbourhoods, pagination and alphabetical indexes.
 *
 * Plain TypeScript (no Astro). Everything is built from one KnowledgeBase,
 * once per build (see siteViews): the indexes below are filled in one linear
 * pass each, and the per-entity views are computed lazily and memoised, so
 * getStaticPaths and the pages never search lists inside loops.
 */
import type { EntityType } from '../extract/types.ts';
import type { KbArticle, KbEntity, KbMention, KbRole, KnowledgeBase } from '../graph/types.ts';
import { compareVi, comparePersons, indexLetter, personSortKey } from '../text/collate.ts';

export const ENTITY_TYPES: readonly EntityType[] = ['person', 'unit', 'place', 'document'];

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

/** Newest first, undated last; ties by title. */
export function compareArticlesNewestFirst(a: KbArticle, b: KbArticle): number {
  if (a.published !== b.published) {
    if (a.published === null) return 1;
    if (b.published === null) return -1;
    return a.published < b.published ? 1 : -1;
  }
  return compareVi(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

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

export interface RoleSpan {
  title: string;
  unit: string | null;
  unitName: string | null;
  /** Earliest and latest dated source, ISO. */
  firstDate: string | null;
  lastDate: string | null;
  /** Source articles, oldest first, each with the date the role was reported. */
  sources: { article: KbArticle; date: string | null }[];
}

export interface UnitMember {
  person: KbEntity;
  title: string;
  firstDate: string | null;
  lastDate: string | null;
  articles: number;
  /** The most recent source article. */
  latest: KbArticle;
}

export interface RelatedEntity {
  entity: KbEntity;
  /** Number of shared articles (among the ones looked at). */
  shared: number;
}

/** One sentence of an article and the units it names (for a document's page). */
export interface SentenceUnits {
  article: KbArticle;
  sentence: string;
  units: KbEntity[];
}

export interface SentenceHit {
  entity: KbEntity;
  article: KbArticle;
  sentence: string;
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

function sortEntities(type: EntityType, list: KbEntity[]): KbEntity[] {
  const cmp = type === 'person' ? comparePersons : compareVi;
  return list.sort((a, b) => cmp(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function memo<T>(fn: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined && !cache.has(key)) {
      v = fn(key);
      cache.set(key, v);
    }
    return v as T;
  };
}

function minDate(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}
function maxDate(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
/** Latest first, undated last. */
function compareDatesDesc(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? 1 : -1;
}

export function createSiteViews(kb: KnowledgeBase): SiteViews {
  const articleById = new Map(kb.articles.map((a) => [a.id, a]));
  const entityById = new Map(kb.entities.map((e) => [e.id, e]));
  const articleRank = new Map<string, number>();
  const articlesNewestFirst = [...kb.articles].sort(compareArticlesNewestFirst);
  articlesNewestFirst.forEach((a, i) => articleRank.set(a.id, i));

  const byType = new Map<EntityType, KbEntity[]>(ENTITY_TYPES.map((t) => [t, []]));
  const childrenOf = new Map<string, KbEntity[]>();
  const unitsAt = new Map<string, KbEntity[]>();
  const issuedBy = new Map<string, KbEntity[]>();
  const replacedByOf = new Map<string, KbEntity[]>();
  const membersOf = new Map<string, { person: KbEntity; role: KbRole }[]>();
  const rolesInArticle = new Map<string, Map<string, KbRole[]>>();
  /** article id → entity ids (from the entities' side, so it is right even if kb.articles[].entities lags). */
  const entitiesOfArticle = new Map<string, string[]>();

  for (const e of kb.entities) {
    byType.get(e.type)?.push(e);
    if (e.type === 'unit' && e.parent) pushTo(childrenOf, e.parent, e);
    if (e.type === 'unit' && e.place) pushTo(unitsAt, e.place, e);
    if (e.type === 'document' && e.document?.issuer) pushTo(issuedBy, e.document.issuer, e);
    if (e.type === 'document' && e.document?.replacedBy) pushTo(replacedByOf, e.document.replacedBy, e);
    for (const role of e.roles ?? []) {
      if (role.unit) pushTo(membersOf, role.unit, { person: e, role });
      let perArticle = rolesInArticle.get(role.article);
      if (!perArticle) rolesInArticle.set(role.article, (perArticle = new Map()));
      pushTo(perArticle, e.id, role);
    }
    for (const a of new Set(e.articles)) pushTo(entitiesOfArticle, a, e.id);
  }
  for (const [type, list] of byType) sortEntities(type, list);
  /** Unit name or alias → unit; null when two units share it (then nothing is linked). */
  const unitsByName = new Map<string, KbEntity | null>();
  for (const u of byType.get('unit')!) {
    for (const name of new Set([u.name, ...u.aliases])) unitsByName.set(name, unitsByName.has(name) ? null : u);
  }

  /**
   * article id → sentence → ids of the units and documents mentioned in it (each id once).
   * Built on first use; keyed by the mention's own sentence string, so nothing is copied.
   */
  let sentenceIndex: Map<string, Map<string, string[]>> | undefined;
  const unitsAndDocumentsBySentence = (): Map<string, Map<string, string[]>> => {
    if (sentenceIndex) return sentenceIndex;
    sentenceIndex = new Map();
    for (const type of ['unit', 'document'] as const) {
      for (const e of byType.get(type)!) {
        for (const m of e.mentions) {
          let perArticle = sentenceIndex.get(m.article);
          if (!perArticle) sentenceIndex.set(m.article, (perArticle = new Map()));
          const ids = perArticle.get(m.sentence);
          if (!ids) perArticle.set(m.sentence, [e.id]);
          else if (ids[ids.length - 1] !== e.id) ids.push(e.id);
        }
      }
    }
    return sentenceIndex;
  };
  const typeRank = new Map<string, number>();
  for (const list of byType.values()) list.forEach((e, i) => typeRank.set(e.id, i));
  const byIndexOrder = (a: KbEntity, b: KbEntity) => (typeRank.get(a.id) ?? 0) - (typeRank.get(b.id) ?? 0);

  const articlesOf = memo((entityId: string): KbArticle[] => {
    const e = entityById.get(entityId);
    if (!e) return [];
    // Sort ranks (numbers), not objects: this runs for every entity.
    const ranks = new Set<number>();
    for (const id of e.articles) {
      const r = articleRank.get(id);
      if (r !== undefined) ranks.add(r);
    }
    for (const m of e.mentions) {
      const r = articleRank.get(m.article);
      if (r !== undefined) ranks.add(r);
    }
    return Array.from(ranks).sort((a, b) => a - b).map((r) => articlesNewestFirst[r]!);
  });

  const mentionGroups = memo((entityId: string): MentionGroup[] => {
    const e = entityById.get(entityId);
    if (!e) return [];
    const sentencesByArticle = new Map<string, KbMention[]>();
    for (const m of e.mentions) pushTo(sentencesByArticle, m.article, m);
    return articlesOf(entityId).map((article) => {
      const distinct = [...new Set((sentencesByArticle.get(article.id) ?? []).map((m) => m.sentence))];
      return { article, sentences: distinct.slice(0, SENTENCES_PER_ARTICLE), more: Math.max(0, distinct.length - SENTENCES_PER_ARTICLE) };
    });
  });

  const roleTimeline = memo((personId: string): RoleSpan[] => {
    const e = entityById.get(personId);
    if (!e?.roles) return [];
    const spans = new Map<string, RoleSpan>();
    const seenSource = new Set<string>();
    for (const r of e.roles) {
      const key = `${r.title}\u0000${r.unit ?? r.unitName ?? ''}`;
      let span = spans.get(key);
      if (!span) spans.set(key, (span = { title: r.title, unit: r.unit, unitName: r.unitName, firstDate: null, lastDate: null, sources: [] }));
      const date = r.date ?? articleById.get(r.article)?.published ?? null;
      span.firstDate = minDate(span.firstDate, date);
      span.lastDate = maxDate(span.lastDate, date);
      const article = articleById.get(r.article);
      if (article && !seenSource.has(`${key}\u0000${r.article}`)) {
        seenSource.add(`${key}\u0000${r.article}`);
        span.sources.push({ article, date });
      }
    }
    for (const span of spans.values()) span.sources.sort((a, b) => -compareDatesDesc(a.date, b.date));
    return [...spans.values()].sort(
      (a, b) => compareDatesDesc(a.lastDate, b.lastDate) || compareVi(a.title, b.title),
    );
  });

  const related = memo((entityId: string): Record<EntityType, RelatedEntity[]> => {
    const counts = new Map<string, number>();
    // Newest articles first, capped: a very frequent entity costs at most CAP × (entities per article).
    for (const article of articlesOf(entityId).slice(0, RELATED_ARTICLE_CAP)) {
      for (const other of entitiesOfArticle.get(article.id) ?? []) {
        if (other !== entityId) counts.set(other, (counts.get(other) ?? 0) + 1);
      }
    }
    const out = Object.fromEntries(ENTITY_TYPES.map((t) => [t, [] as RelatedEntity[]])) as Record<EntityType, RelatedEntity[]>;
    for (const [id, shared] of counts) {
      const entity = entityById.get(id);
      if (entity) out[entity.type].push({ entity, shared });
    }
    for (const t of ENTITY_TYPES) {
      out[t] = out[t]
        .sort((a, b) => b.shared - a.shared || byIndexOrder(a.entity, b.entity))
        .slice(0, RELATED_PER_TYPE);
    }
    return out;
  });

  const unitMembers = memo((unitId: string): UnitMember[] => {
    const groups = new Map<string, UnitMember & { seen: Set<string> }>();
    for (const { person, role } of membersOf.get(unitId) ?? []) {
      const article = articleById.get(role.article);
      if (!article) continue;
      const key = `${person.id}\u0000${role.title}`;
      const date = role.date ?? article.published;
      let g = groups.get(key);
      if (!g) {
        groups.set(key, (g = { person, title: role.title, firstDate: date, lastDate: date, articles: 0, latest: article, seen: new Set() }));
      }
      if (!g.seen.has(article.id)) {
        g.seen.add(article.id);
        g.articles += 1;
      }
      g.firstDate = minDate(g.firstDate, date);
      if (compareDatesDesc(date, g.lastDate) < 0) g.latest = article;
      g.lastDate = maxDate(g.lastDate, date);
    }
    return [...groups.values()]
      .map(({ seen: _seen, ...member }) => member)
      .sort((a, b) => compareDatesDesc(a.lastDate, b.lastDate) || comparePersons(a.person.name, b.person.name))
      .slice(0, LIST_CAP);
  });

  /** Entities of a type (units or documents) mentioned in the same sentence as entityId, each (entity, article, sentence) once. */
  const sameSentence = (entityId: string, type: 'unit' | 'document'): SentenceHit[] => {
    const e = entityById.get(entityId);
    if (!e) return [];
    const index = unitsAndDocumentsBySentence();
    const sentencesByArticle = new Map<string, Set<string>>();
    for (const m of e.mentions) {
      let set = sentencesByArticle.get(m.article);
      if (!set) sentencesByArticle.set(m.article, (set = new Set()));
      set.add(m.sentence);
    }
    const hits: SentenceHit[] = [];
    for (const [articleId, sentences] of sentencesByArticle) {
      const article = articleById.get(articleId);
      const perArticle = index.get(articleId);
      if (!article || !perArticle) continue;
      for (const sentence of sentences) {
        for (const otherId of perArticle.get(sentence) ?? []) {
          const other = entityById.get(otherId);
          if (other && other.type === type && other.id !== entityId) hits.push({ entity: other, article, sentence });
        }
      }
    }
    return hits.sort(
      (a, b) => byIndexOrder(a.entity, b.entity) || articleRank.get(a.article.id)! - articleRank.get(b.article.id)!,
    );
  };

  const documentsOfUnit = memo((unitId: string) => {
    const unit = entityById.get(unitId);
    const issued = new Map<string, KbEntity>();
    for (const d of [...(issuedBy.get(unitId) ?? []), ...(unit ? issuedBy.get(unit.name) ?? [] : [])]) issued.set(d.id, d);
    const mentionedWith = new Map<string, KbEntity>();
    for (const hit of sameSentence(unitId, 'document')) if (!issued.has(hit.entity.id)) mentionedWith.set(hit.entity.id, hit.entity);
    return {
      issued: [...issued.values()].sort(byIndexOrder).slice(0, LIST_CAP),
      mentionedWith: [...mentionedWith.values()].sort(byIndexOrder).slice(0, LIST_CAP),
    };
  });

  const articlePanel = memo((articleId: string): ArticlePanel => {
    const panel: ArticlePanel = { people: [], units: [], places: [], documents: [] };
    const roles = rolesInArticle.get(articleId);
    const ids = entitiesOfArticle.get(articleId) ?? [];
    const entities = [...new Set(ids)].map((id) => entityById.get(id)).filter((e): e is KbEntity => !!e).sort(byIndexOrder);
    for (const e of entities) {
      if (e.type === 'person') panel.people.push({ person: e, roles: roles?.get(e.id) ?? [] });
      else if (e.type === 'unit') panel.units.push(e);
      else if (e.type === 'place') panel.places.push(e);
      else panel.documents.push(e);
    }
    return panel;
  });

  /** A person's most recent role, "title unit": tells apart namesakes in the index. */
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
  const alphaIndex = memo((type: string) => buildAlphaIndex((byType.get(type as EntityType) ?? []).map(entryOf)));
  let articleIndexMemo: AlphaIndex | undefined;

  return {
    kb,
    article: (id) => articleById.get(id),
    entity: (id) => entityById.get(id),
    articlesNewestFirst,
    entitiesOfType: (type) => byType.get(type) ?? [],
    mostMentioned: (type, limit) =>
      [...(byType.get(type) ?? [])]
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
    childUnits: (id) => [...(childrenOf.get(id) ?? [])].sort(byIndexOrder).slice(0, LIST_CAP),
    unitsAtPlace: (id) => [...(unitsAt.get(id) ?? [])].sort(byIndexOrder).slice(0, LIST_CAP),
    unitMembers,
    documentsOfUnit,
    unitsMentioningDocument: (id) => {
      // One entry per sentence, newest article first, with every unit the sentence names.
      const bySentence = new Map<KbArticle, Map<string, KbEntity[]>>();
      for (const hit of sameSentence(id, 'unit')) {
        let perArticle = bySentence.get(hit.article);
        if (!perArticle) bySentence.set(hit.article, (perArticle = new Map()));
        const units = perArticle.get(hit.sentence);
        if (units) units.push(hit.entity);
        else perArticle.set(hit.sentence, [hit.entity]);
      }
      const out: SentenceUnits[] = [];
      for (const article of [...bySentence.keys()].sort((a, b) => articleRank.get(a.id)! - articleRank.get(b.id)!)) {
        for (const [sentence, units] of bySentence.get(article)!) out.push({ article, sentence, units });
      }
      return out.slice(0, LIST_CAP);
    },
    replaces: (id) => [...(replacedByOf.get(id) ?? [])].sort(byIndexOrder),
    unitNamed: (name) => unitsByName.get(name) ?? undefined,
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
