/**
 * The knowledge base as a graph that answers questions: an entity's articles,
 * a unit's children and the people who held its roles, what a unit issued, the
 * units at a place, a person's roles over time, what is named together with
 * what. Presentation (caps, pagination, indexes, labels) is the site's
 * business (src/lib/site/views.ts); the orders here are the ones every page
 * relies on (articles newest first, entities in index order).
 *
 * Built once per KnowledgeBase (knowledgeGraph()): the indexes are filled in
 * one linear pass each and the per-entity answers are computed lazily and
 * memoised, so callers never search lists inside loops.
 */
import { ENTITY_TYPES, type EntityType } from '../model/mention.ts';
import { compareDatesDesc, positionKey, positionsOf } from './positions.ts';
import type { KbArticle, KbEntity, KbMention, KbRole, KnowledgeBase } from '../model/kb.ts';
import { compareVi, comparePersons } from '../text/collate.ts';

/** Newest first, undated last; ties by title. */
export function compareArticlesNewestFirst(a: KbArticle, b: KbArticle): number {
  if (a.published !== b.published) {
    if (a.published === null) return 1;
    if (b.published === null) return -1;
    return a.published < b.published ? 1 : -1;
  }
  return compareVi(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** One position a person held, gathered over every article that reports it. */
export interface RoleSpan {
  title: string;
  unit: string | null;
  unitName: string | null;
  /** Role mentions that show it. */
  mentions: number;
  /** False when the latest source gives it as former. */
  current: boolean;
  /** Earliest and latest dated source, ISO. */
  firstDate: string | null;
  lastDate: string | null;
  /** Source articles, oldest first, each with the date the role was reported. */
  sources: { article: KbArticle; date: string | null }[];
}

/** A person who held a role in a unit. */
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

export interface SentenceHit {
  entity: KbEntity;
  article: KbArticle;
  sentence: string;
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

/** A function of a string key, computed once per key. */
export function memo<T>(fn: (key: string) => T): (key: string) => T {
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

export class KnowledgeGraph {
  readonly kb: KnowledgeBase;
  /** All articles, newest first, undated last. */
  readonly articlesNewestFirst: KbArticle[];
  private readonly articleById: Map<string, KbArticle>;
  private readonly entityById: Map<string, KbEntity>;
  private readonly articleRank = new Map<string, number>();
  private readonly byType = new Map<EntityType, KbEntity[]>(ENTITY_TYPES.map((t) => [t, []]));
  private readonly typeRank = new Map<string, number>();
  private readonly childrenOf = new Map<string, KbEntity[]>();
  private readonly unitsAt = new Map<string, KbEntity[]>();
  private readonly documentsByIssuer = new Map<string, KbEntity[]>();
  private readonly replacedByOf = new Map<string, KbEntity[]>();
  private readonly membersOf = new Map<string, { person: KbEntity; role: KbRole }[]>();
  private readonly rolesInArticle = new Map<string, Map<string, KbRole[]>>();
  /** article id → entity ids (from the entities' side, so it is right even if kb.articles[].entities lags). */
  private readonly entitiesOfArticle = new Map<string, string[]>();
  /** Unit name or alias → unit; null when two units share it. */
  private readonly unitsByName = new Map<string, KbEntity | null>();
  /** article id → sentence → ids of the units and documents mentioned in it (each id once); built on first use. */
  private sentenceIndex: Map<string, Map<string, string[]>> | undefined;

  constructor(kb: KnowledgeBase) {
    this.kb = kb;
    this.articleById = new Map(kb.articles.map((a) => [a.id, a]));
    this.entityById = new Map(kb.entities.map((e) => [e.id, e]));
    this.articlesNewestFirst = [...kb.articles].sort(compareArticlesNewestFirst);
    this.articlesNewestFirst.forEach((a, i) => this.articleRank.set(a.id, i));
    for (const e of kb.entities) {
      this.byType.get(e.type)?.push(e);
      if (e.type === 'unit' && e.parent) pushTo(this.childrenOf, e.parent, e);
      if (e.type === 'unit' && e.place) pushTo(this.unitsAt, e.place, e);
      if (e.type === 'document' && e.document?.issuer) pushTo(this.documentsByIssuer, e.document.issuer, e);
      if (e.type === 'document' && e.document?.replacedBy) pushTo(this.replacedByOf, e.document.replacedBy, e);
      for (const role of e.roles ?? []) {
        if (role.unit) pushTo(this.membersOf, role.unit, { person: e, role });
        let perArticle = this.rolesInArticle.get(role.article);
        if (!perArticle) this.rolesInArticle.set(role.article, (perArticle = new Map()));
        pushTo(perArticle, e.id, role);
      }
      for (const a of new Set(e.articles)) pushTo(this.entitiesOfArticle, a, e.id);
    }
    for (const [type, list] of this.byType) sortEntities(type, list);
    for (const u of this.byType.get('unit')!) {
      for (const name of new Set([u.name, ...u.aliases])) this.unitsByName.set(name, this.unitsByName.has(name) ? null : u);
    }
    for (const list of this.byType.values()) list.forEach((e, i) => this.typeRank.set(e.id, i));
  }

  article(id: string): KbArticle | undefined {
    return this.articleById.get(id);
  }

  entity(id: string): KbEntity | undefined {
    return this.entityById.get(id);
  }

  /** Entities of a type in index order (Vietnamese collation; people by given name). */
  entitiesOfType(type: EntityType): KbEntity[] {
    return this.byType.get(type) ?? [];
  }

  /** Index order across the graph: for stable tie-breaks. */
  readonly byIndexOrder = (a: KbEntity, b: KbEntity): number => (this.typeRank.get(a.id) ?? 0) - (this.typeRank.get(b.id) ?? 0);

  /** Newest-first position of an article. */
  articleOrder(id: string): number | undefined {
    return this.articleRank.get(id);
  }

  /** The articles of an entity, newest first. */
  readonly articlesOf = memo((entityId: string): KbArticle[] => {
    const e = this.entityById.get(entityId);
    if (!e) return [];
    // Sort ranks (numbers), not objects: this runs for every entity.
    const ranks = new Set<number>();
    for (const id of e.articles) {
      const r = this.articleRank.get(id);
      if (r !== undefined) ranks.add(r);
    }
    for (const m of e.mentions) {
      const r = this.articleRank.get(m.article);
      if (r !== undefined) ranks.add(r);
    }
    return Array.from(ranks).sort((a, b) => a - b).map((r) => this.articlesNewestFirst[r]!);
  });

  /** An entity's mentions grouped by article. */
  mentionsByArticle(entityId: string): Map<string, KbMention[]> {
    const out = new Map<string, KbMention[]>();
    for (const m of this.entityById.get(entityId)?.mentions ?? []) pushTo(out, m.article, m);
    return out;
  }

  /** Ids of the entities an article names. */
  entityIdsOfArticle(articleId: string): string[] {
    return this.entitiesOfArticle.get(articleId) ?? [];
  }

  /** The roles an article gives each person it names: person id → roles. */
  rolesInArticleOf(articleId: string): Map<string, KbRole[]> | undefined {
    return this.rolesInArticle.get(articleId);
  }

  /** A person's positions (title + unit), most recently reported first. */
  /** A person's positions (positionsOf: most mentioned first), each with its dates and source articles. */
  readonly roleTimeline = memo((personId: string): RoleSpan[] => {
    const e = this.entityById.get(personId);
    if (!e?.roles) return [];
    const dateOf = (id: string): string | null => this.articleById.get(id)?.published ?? null;
    const sources = new Map<string, RoleSpan['sources']>();
    const seenSource = new Set<string>();
    for (const r of e.roles) {
      const key = positionKey(r);
      const article = this.articleById.get(r.article);
      if (!article || seenSource.has(`${key}\u0000${r.article}`)) continue;
      seenSource.add(`${key}\u0000${r.article}`);
      pushTo(sources, key, { article, date: r.date ?? dateOf(r.article) });
    }
    return positionsOf(e.roles, dateOf).map((p) => {
      const list = sources.get(positionKey(p)) ?? [];
      list.sort((a, b) => -compareDatesDesc(a.date, b.date));
      const dated = list.filter((s) => s.date !== null);
      return {
        title: p.title, unit: p.unit, unitName: p.unitName, mentions: p.mentions, current: p.current,
        firstDate: dated[0]?.date ?? null, lastDate: dated.at(-1)?.date ?? null, sources: list,
      };
    });
  });

  /**
   * Co-occurrence: the entities named in the same articles as this one, with
   * the number of shared articles, most shared first (ties in index order).
   * Only the newest `articleCap` articles are looked at, which bounds the work
   * for very frequent entities.
   */
  coOccurring(entityId: string, articleCap: number): Record<EntityType, RelatedEntity[]> {
    const counts = new Map<string, number>();
    for (const article of this.articlesOf(entityId).slice(0, articleCap)) {
      for (const other of this.entitiesOfArticle.get(article.id) ?? []) {
        if (other !== entityId) counts.set(other, (counts.get(other) ?? 0) + 1);
      }
    }
    const out = Object.fromEntries(ENTITY_TYPES.map((t) => [t, [] as RelatedEntity[]])) as Record<EntityType, RelatedEntity[]>;
    for (const [id, shared] of counts) {
      const entity = this.entityById.get(id);
      if (entity) out[entity.type].push({ entity, shared });
    }
    for (const t of ENTITY_TYPES) out[t].sort((a, b) => b.shared - a.shared || this.byIndexOrder(a.entity, b.entity));
    return out;
  }

  /** The people who held a role in a unit, one row per (person, title), most recently reported first. */
  readonly roleHolders = memo((unitId: string): UnitMember[] => {
    const groups = new Map<string, UnitMember & { seen: Set<string> }>();
    for (const { person, role } of this.membersOf.get(unitId) ?? []) {
      const article = this.articleById.get(role.article);
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
      .sort((a, b) => compareDatesDesc(a.lastDate, b.lastDate) || comparePersons(a.person.name, b.person.name));
  });

  /** A unit's child units, in index order. */
  childUnits(unitId: string): KbEntity[] {
    return [...(this.childrenOf.get(unitId) ?? [])].sort(this.byIndexOrder);
  }

  /** The units located at a place, in index order. */
  unitsAtPlace(placeId: string): KbEntity[] {
    return [...(this.unitsAt.get(placeId) ?? [])].sort(this.byIndexOrder);
  }

  /** Documents whose issuer is this unit (by id, or by its name: issuers from the registry are names), in index order. */
  issuedBy(unitId: string): KbEntity[] {
    const unit = this.entityById.get(unitId);
    const issued = new Map<string, KbEntity>();
    for (const d of [...(this.documentsByIssuer.get(unitId) ?? []), ...(unit ? this.documentsByIssuer.get(unit.name) ?? [] : [])]) issued.set(d.id, d);
    return [...issued.values()].sort(this.byIndexOrder);
  }

  /** Documents whose replacedBy points at this one, in index order. */
  replaces(documentId: string): KbEntity[] {
    return [...(this.replacedByOf.get(documentId) ?? [])].sort(this.byIndexOrder);
  }

  /** The unit with this exact name or alias, when exactly one has it (document issuers are stored as names). */
  unitNamed(name: string): KbEntity | undefined {
    return this.unitsByName.get(name) ?? undefined;
  }

  private unitsAndDocumentsBySentence(): Map<string, Map<string, string[]>> {
    if (this.sentenceIndex) return this.sentenceIndex;
    const index = new Map<string, Map<string, string[]>>();
    for (const type of ['unit', 'document'] as const) {
      for (const e of this.byType.get(type)!) {
        for (const m of e.mentions) {
          let perArticle = index.get(m.article);
          if (!perArticle) index.set(m.article, (perArticle = new Map()));
          const ids = perArticle.get(m.sentence);
          if (!ids) perArticle.set(m.sentence, [e.id]);
          else if (ids[ids.length - 1] !== e.id) ids.push(e.id);
        }
      }
    }
    return (this.sentenceIndex = index);
  }

  /**
   * Entities of a type (units or documents) named in the same sentence as
   * entityId, each (entity, article, sentence) once; in index order, then
   * newest article first.
   */
  sameSentence(entityId: string, type: 'unit' | 'document'): SentenceHit[] {
    const e = this.entityById.get(entityId);
    if (!e) return [];
    const index = this.unitsAndDocumentsBySentence();
    const sentencesByArticle = new Map<string, Set<string>>();
    for (const m of e.mentions) {
      let set = sentencesByArticle.get(m.article);
      if (!set) sentencesByArticle.set(m.article, (set = new Set()));
      set.add(m.sentence);
    }
    const hits: SentenceHit[] = [];
    for (const [articleId, sentences] of sentencesByArticle) {
      const article = this.articleById.get(articleId);
      const perArticle = index.get(articleId);
      if (!article || !perArticle) continue;
      for (const sentence of sentences) {
        for (const otherId of perArticle.get(sentence) ?? []) {
          const other = this.entityById.get(otherId);
          if (other && other.type === type && other.id !== entityId) hits.push({ entity: other, article, sentence });
        }
      }
    }
    return hits.sort((a, b) => this.byIndexOrder(a.entity, b.entity) || this.articleRank.get(a.article.id)! - this.articleRank.get(b.article.id)!);
  }
}

const graphs = new WeakMap<KnowledgeBase, KnowledgeGraph>();

/** The graph of a knowledge base, built once per kb object (one per build). */
export function knowledgeGraph(kb: KnowledgeBase): KnowledgeGraph {
  let g = graphs.get(kb);
  if (!g) graphs.set(kb, (g = new KnowledgeGraph(kb)));
  return g;
}
