/**
 * Cross-article resolution: mentions → entities with ids, names, aliases, roles.
 *
 * Identity rules:
 * - Places: by gazetteer unit (era + code); ambiguous names the article could not
 *   resolve group by level + name.
 * - Units: by canonical expanded name + place ("UBND phường Minh Khai" and
 *   "Ủy ban nhân dân phường Minh Khai" of ward 00295 are one key).
 * - Documents: the documents extractor's key is already the final entity id.
 * - People: the same canonical name (tone placement and case normalised; so
 *   Hoàng ≠ Huỳnh and Vũ ≠ Võ) AND a compatible area. A name's area in an article
 *   is the set of 2025-era provinces of the units of its roles there (national
 *   roles like Thủ tướng or Bộ trưởng Bộ Công an have none; the article's own
 *   setting is not used: a Hà Nội story often names the Prime Minister).
 *   Occurrences whose areas overlap are one person; occurrences with no area join
 *   the single placed person of that name, or, when several placed people share
 *   the name, form one "unplaced" person of their own (we cannot tell which one
 *   they are).
 *
 * Slugs are ASCII (slugify); on a clash the entity named in the most articles
 * keeps the bare slug and the others get -2, -3 … (ties: resolved before
 * unresolved, then key order), so ids do not depend on the order articles are
 * read in.
 */
import type { KbDocumentInfo, KbEntity, KbMention, KbRole } from '../model/kb.ts';
import type { EntityType, Mention, PersonRoleAttr, ResolvedMention } from '../model/mention.ts';
import type { ArticleFile } from '../model/article.ts';
import type { ArticleText } from '../markdown/text.ts';
import { SlugAllocator, slugify } from '../text/slug.ts';
import { canonicalDisplay } from '../text/fold.ts';
import { compareVi } from '../text/collate.ts';
import { entityPath } from '../model/paths.ts';

export interface ArticleExtraction {
  article: ArticleFile;
  /** Only the text and its sentences are read here (no tree), so cached extractions resolve too. */
  text: Pick<ArticleText, 'text' | 'sentences'>;
  mentions: Mention[];
}


export interface Resolution {
  entities: KbEntity[];
  /** Per article id: its resolved mentions, sorted by start. */
  links: Map<string, ResolvedMention[]>;
}

type RoleAttr = PersonRoleAttr;

interface Group {
  type: EntityType;
  key: string;
  name: string;
  aliases: Set<string>;
  articles: string[];
  articleSet: Set<string>;
  mentions: KbMention[];
  mentionSet: Set<string>;
  roles: { role: RoleAttr; article: string; date: string | null }[];
  roleSet: Set<string>;
  parentKeys: string[];
  placeKey: string | null;
  level: string | null;
  document: KbDocumentInfo | null;
  id?: string;
}

/** One person name in one article: its mentions and area. */
interface PersonOccurrence {
  key: string;
  article: string;
  area: Set<string>;
  mentions: Mention[];
  cluster: number;
}

/** Group people: same name + compatible area (see the header comment). */
function personGroupKeys(occurrences: PersonOccurrence[]): void {
  const byName = new Map<string, PersonOccurrence[]>();
  for (const o of occurrences) {
    let list = byName.get(o.key);
    if (!list) byName.set(o.key, (list = []));
    list.push(o);
  }
  for (const list of byName.values()) {
    // Union-find over placed occurrences, joined by shared area codes.
    const parent = list.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    const firstWithArea = new Map<string, number>();
    list.forEach((o, i) => {
      for (const a of o.area) {
        const j = firstWithArea.get(a);
        if (j === undefined) firstWithArea.set(a, i);
        else parent[find(i)] = find(j);
      }
    });
    const placedRoots = new Set<number>();
    list.forEach((o, i) => { if (o.area.size > 0) placedRoots.add(find(i)); });
    list.forEach((o, i) => {
      if (o.area.size > 0) o.cluster = find(i);
      else o.cluster = placedRoots.size === 1 ? [...placedRoots][0]! : -1;
    });
  }
}

export function resolveEntities(items: ArticleExtraction[]): Resolution {
  const sorted = [...items].sort((a, b) => (a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0));
  const groups = new Map<string, Group>();
  const groupOfMention = new Map<Mention, Group>();
  const articleOfMention = new Map<Mention, string>();

  // People first need their area clusters.
  const occurrences = new Map<string, PersonOccurrence>();
  for (const x of sorted) {
    for (const m of x.mentions) {
      if (m.type !== 'person') continue;
      const ok = `${m.key}\u0000${x.article.id}`;
      let o = occurrences.get(ok);
      if (!o) occurrences.set(ok, (o = { key: m.key, article: x.article.id, area: new Set(), mentions: [], cluster: -1 }));
      for (const a of m.attrs.area) o.area.add(a);
      o.mentions.push(m);
    }
  }
  personGroupKeys([...occurrences.values()]);
  const personGroupKey = new Map<Mention, string>();
  const clusterAreas = new Map<string, Set<string>>();
  for (const o of occurrences.values()) {
    const ck = `${o.key}#${o.cluster}`;
    let areas = clusterAreas.get(ck);
    if (!areas) clusterAreas.set(ck, (areas = new Set()));
    for (const a of o.area) areas.add(a);
    for (const m of o.mentions) personGroupKey.set(m, ck);
  }
  // Cluster numbers depend on reading order; name the group by its smallest area instead.
  const stableKey = (ck: string): string => {
    const areas = [...(clusterAreas.get(ck) ?? [])].sort();
    return `${ck.slice(0, ck.lastIndexOf('#'))}#${areas[0] ?? ''}`;
  };

  for (const x of sorted) {
    const id = x.article.id;
    for (const m of x.mentions) {
      const key = m.type === 'person' ? stableKey(personGroupKey.get(m)!) : m.key;
      let g = groups.get(key);
      if (!g) {
        g = {
          type: m.type,
          key,
          name: canonicalDisplay(m.attrs.name),
          aliases: new Set(),
          articles: [],
          articleSet: new Set(),
          mentions: [],
          mentionSet: new Set(),
          roles: [],
          roleSet: new Set(),
          parentKeys: m.type === 'unit' ? [...m.attrs.parentKeys] : m.type === 'place' && m.attrs.parentKey ? [m.attrs.parentKey] : [],
          placeKey: m.type === 'unit' ? m.attrs.placeKey : null,
          level: m.type === 'place' ? m.attrs.level : null,
          document: m.type === 'document' ? m.attrs.document : null,
        };
        groups.set(key, g);
      }
      groupOfMention.set(m, g);
      articleOfMention.set(m, id);
      // "UBND tỉnh" read as the article's province's committee names it in this article only.
      if (!(m.type === 'unit' && m.attrs.elliptic)) g.aliases.add(m.surface.replace(/\s+/g, ' ').trim());
      if (m.type === 'unit' || m.type === 'document') for (const a of m.attrs.aliases ?? []) g.aliases.add(a);
      if (!g.articleSet.has(id)) { g.articleSet.add(id); g.articles.push(id); }
      const mk = `${id}\u0000${m.sentence}`;
      if (!g.mentionSet.has(mk)) {
        g.mentionSet.add(mk);
        const s = x.text.sentences[m.sentence];
        g.mentions.push({ article: id, sentence: s ? x.text.text.slice(s.start, s.end) : m.surface });
      }
      if (m.type === 'person') {
        for (const r of m.attrs.roles) {
          const rk = `${r.former ? 'former\u0000' : ''}${r.title}\u0000${r.unitKey ?? r.unitName ?? ''}\u0000${id}`;
          if (g.roleSet.has(rk)) continue;
          g.roleSet.add(rk);
          g.roles.push({ role: r, article: id, date: x.article.published });
        }
      }
    }
  }

  mergeForeignNameVariants(groups, groupOfMention, articleOfMention);
  for (const g of groups.values()) if (g.type === 'person') completeRoles(g);

  // Ids: per type; on a slug clash the entity named in more articles keeps the bare
  // slug, then unresolved ("?") keys come last, then key order. Deterministic for a
  // given set of articles, whatever order they are read in.
  const allocators = new Map<EntityType, SlugAllocator>();
  const keyOrder = (a: Group, b: Group): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const ordered = [...groups.values()].sort(
    (a, b) => b.articles.length - a.articles.length || Number(a.key.includes(':?:')) - Number(b.key.includes(':?:')) || keyOrder(a, b),
  );
  for (const g of ordered) {
    if (g.type === 'document' && g.key.startsWith('document/')) { g.id = g.key; continue; }
  }
  const taken = new Set(ordered.filter((g) => g.id).map((g) => g.id!.slice(g.id!.indexOf('/') + 1)));
  for (const g of ordered) {
    if (g.id) continue;
    let alloc = allocators.get(g.type);
    if (!alloc) allocators.set(g.type, (alloc = new SlugAllocator(g.type === 'document' ? taken : [])));
    g.id = `${g.type}/${alloc.claim(entitySlugBase(g.type, g.name))}`;
  }

  const idOf = (key: string | null): string | null => (key ? groups.get(key)?.id ?? null : null);
  const entities: KbEntity[] = ordered.map((g) => {
    const e: KbEntity = {
      id: g.id!,
      type: g.type,
      name: g.name,
      aliases: [...g.aliases].sort((a, b) => compareVi(a, b) || (a < b ? -1 : a > b ? 1 : 0)),
      url: entityPath(g.id!),
      articles: g.articles,
      mentions: g.mentions,
    };
    if (g.type === 'person') {
      e.roles = g.roles.map(({ role, article, date }): KbRole => ({
        title: role.title,
        unit: idOf(role.unitKey),
        unitName: role.unitName,
        article,
        date,
        ...(role.former ? { former: true } : {}),
      }));
    } else if (g.type === 'unit') {
      e.parent = g.parentKeys.map((k) => idOf(k)).find((x) => x !== null && x !== g.id) ?? null;
      e.place = idOf(g.placeKey);
    } else if (g.type === 'place') {
      e.level = g.level;
      e.parent = g.parentKeys.map((k) => idOf(k)).find((x) => x !== null) ?? null;
    } else if (g.type === 'document' && g.document) {
      e.document = g.document;
    }
    return e;
  });
  entities.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  // Links: outer spans win; no overlaps.
  const links = new Map<string, ResolvedMention[]>();
  for (const x of sorted) {
    const spans = x.mentions
      .map((m) => ({ start: m.start, end: m.end, entity: groupOfMention.get(m)!.id! }))
      .sort((a, b) => a.start - b.start || b.end - a.end);
    const out: ResolvedMention[] = [];
    let lastEnd = -1;
    for (const s of spans) {
      if (s.start < lastEnd || s.end <= s.start) continue;
      out.push(s);
      lastEnd = s.end;
    }
    links.set(x.article.id, out);
  }
  return { entities, links };
}

/**
 * A title given without its unit ("Tổng thống Macron") is the office the same
 * person holds with a unit elsewhere ("Tổng thống Pháp Emmanuel Macron"): in
 * the same article the unit-less row is dropped as a repeat; across articles it
 * takes the unit when the person holds that title in one unit only. Titles
 * held in several units stay without one.
 */
function completeRoles(g: Group): void {
  const unitsOfTitle = new Map<string, Map<string, RoleAttr>>();
  const titledIn = new Set<string>();
  for (const r of g.roles) {
    if (!r.role.unitName) continue;
    let units = unitsOfTitle.get(r.role.title);
    if (!units) unitsOfTitle.set(r.role.title, (units = new Map()));
    units.set(r.role.unitKey ?? r.role.unitName, r.role);
    titledIn.add(`${r.role.title}\u0000${r.article}`);
  }
  if (unitsOfTitle.size === 0) return;
  const kept: Group['roles'] = [];
  for (const r of g.roles) {
    if (r.role.unitName) { kept.push(r); continue; }
    if (titledIn.has(`${r.role.title}\u0000${r.article}`)) continue;
    const units = unitsOfTitle.get(r.role.title);
    const only = units?.size === 1 ? [...units.values()][0]! : null;
    kept.push(only ? { ...r, role: { ...r.role, unitKey: only.unitKey, unitName: only.unitName } } : r);
  }
  g.roles = kept;
}

const ASCII_NAME = /^[A-Za-z][A-Za-z'’-]*$/;

/**
 * Other ways of writing a foreign person's full name (mergeForeignNameVariants).
 * A foreign person named by surname alone ("Putin", "Sharon") is the one
 * person of the knowledge base whose full name ends with it ("Vladimir Putin"),
 * when exactly one does, or when exactly one of several held an office the
 * surname is given (title and unit); otherwise (two presidents Bush, no full
 * name) the surname stays a person of its own. Vietnamese names are not read this way: a given name
 * alone ("Phúc") is shared by far too many people. A full name one slip from a
 * far better known one is a misspelling of it (oneSlipApart).
 */
const DOMINANT_FACTOR = 5;
/** A misspelt name joins a name known from at least this many articles (and DOMINANT_FACTOR times its own). */
const MISSPELT_MIN_ARTICLES = 10;

/**
 * Two names of as many words, the same but for one word of five letters or
 * more that one slip turns into the other: a letter added, dropped or changed,
 * or two neighbours swapped ("Valdimir"/"Vladimir", "Georg"/"George").
 * Initials and the surname must be equal.
 */
function oneSlipApart(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  let slips = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!.toLowerCase();
    const y = b[i]!.toLowerCase();
    if (x === y) continue;
    if (i === a.length - 1 || Math.min(x.length, y.length) < 5 || !oneEditApart(x, y)) return false;
    slips++;
  }
  return slips === 1;
}

/** Optimal string alignment distance ≤ 1 (a swap of neighbours counts one). */
function oneEditApart(x: string, y: string): boolean {
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  if (x.length === y.length) {
    if (x.slice(i + 1) === y.slice(i + 1)) return true; // one letter changed
    return x[i] === y[i + 1] && x[i + 1] === y[i] && x.slice(i + 2) === y.slice(i + 2); // neighbours swapped
  }
  return x.length > y.length ? x.slice(i + 1) === y.slice(i) : x.slice(i) === y.slice(i + 1); // one letter added or dropped
}

function mergeForeignNameVariants(groups: Map<string, Group>, groupOfMention: Map<Mention, Group>, articleOfMention: Map<Mention, string>): void {
  const fullByLast = new Map<string, Group[]>();
  for (const g of groups.values()) {
    if (g.type !== 'person') continue;
    const parts = g.name.split(' ');
    if (parts.length < 2 || !parts.every((p) => ASCII_NAME.test(p) || /^[a-z]+$/.test(p) || /^[A-Z]\.$/.test(p))) continue;
    const last = parts[parts.length - 1]!.toLowerCase();
    const list = fullByLast.get(last);
    if (list) list.push(g);
    else fullByLast.set(last, [g]);
  }
  // Where each surname's articles go: the one full name it can be (all its articles), or,
  // when several full names end alike, in each article the one full name that article also
  // names ("Bush" beside "George W. Bush"); articles that name none keep the surname alone.
  const moves: { from: Group; to: (article: string) => Group | null }[] = [];
  for (const g of groups.values()) {
    if (g.type !== 'person' || g.name.includes(' ') || !ASCII_NAME.test(g.name)) continue;
    const candidates = fullByLast.get(g.name.toLowerCase()) ?? [];
    if (candidates.length === 1) {
      const only = candidates[0]!;
      moves.push({ from: g, to: () => only });
    } else if (candidates.length > 1) {
      // Several full names end alike (Donald, Ivanka and Melania Trump): the one that held an office the surname holds.
      const offices = new Set(g.roles.filter((r) => r.role.unitName).map((r) => `${r.role.title}\u0000${r.role.unitName}`));
      const sharing = candidates.filter((c) => c.roles.some((r) => offices.has(`${r.role.title}\u0000${r.role.unitName}`)));
      // One of them holds it in five times as many articles as any other ("Vladimir Putin" beside
      // the misspelt "Valdimir Putin"): that one.
      const ranked = [...sharing].sort((a, b) => b.articles.length - a.articles.length);
      const dominant = ranked.length > 1 && ranked[0]!.articles.length >= DOMINANT_FACTOR * ranked[1]!.articles.length ? ranked[0]! : null;
      if (sharing.length === 1 || dominant) {
        const only = dominant ?? sharing[0]!;
        moves.push({ from: g, to: () => only });
      } else {
        moves.push({
          from: g,
          to: (article) => {
            const present = candidates.filter((c) => c.articleSet.has(article));
            return present.length === 1 ? present[0]! : null;
          },
        });
      }
    }
  }
  // A foreign full name one slip away from a far better known one with the same surname
  // ("Valdimir Putin", "Geroge Bush", "Georg Bush"): a misspelling of it. These moves come
  // after the surname moves, which may have given such a name a surname's articles.
  const misspelt = new Map<Group, Group>();
  for (const g of groups.values()) {
    if (g.type !== 'person') continue;
    const parts = g.name.split(' ');
    if (parts.length < 2) continue;
    const candidates = (fullByLast.get(parts[parts.length - 1]!.toLowerCase()) ?? []).filter((c) =>
      c !== g && c.articles.length >= MISSPELT_MIN_ARTICLES && c.articles.length >= DOMINANT_FACTOR * g.articles.length && oneSlipApart(parts, c.name.split(' ')));
    if (candidates.length === 1) misspelt.set(g, candidates[0]!);
  }
  // Not into a name that is itself a misspelling (its own move would leave these behind).
  for (const [g, c] of misspelt) if (!misspelt.has(c)) moves.push({ from: g, to: () => c });
  const movedTo = new Map<Group, Map<string, Group>>();
  for (const { from, to } of moves) {
    const targets = new Map<string, Group>();
    for (const a of from.articles) {
      const t = to(a);
      if (t && t !== from) targets.set(a, t);
    }
    if (targets.size === 0) continue;
    movedTo.set(from, targets);
    for (const t of new Set(targets.values())) for (const a of from.aliases) t.aliases.add(a);
    for (const [a, t] of targets) if (!t.articleSet.has(a)) { t.articleSet.add(a); t.articles.push(a); }
    const keptMentions: typeof from.mentions = [];
    for (const m of from.mentions) {
      const t = targets.get(m.article);
      if (!t) { keptMentions.push(m); continue; }
      const mk = `${m.article}\u0000${m.sentence}`;
      if (!t.mentionSet.has(mk)) { t.mentionSet.add(mk); t.mentions.push(m); }
    }
    const keptRoles: typeof from.roles = [];
    for (const r of from.roles) {
      const t = targets.get(r.article);
      if (!t) { keptRoles.push(r); continue; }
      const rk = `${r.role.former ? 'former\u0000' : ''}${r.role.title}\u0000${r.role.unitKey ?? r.role.unitName ?? ''}\u0000${r.article}`;
      if (!t.roleSet.has(rk)) { t.roleSet.add(rk); t.roles.push(r); }
    }
    if (targets.size === from.articles.length) {
      groups.delete(from.key);
    } else {
      from.articles = from.articles.filter((a) => !targets.has(a));
      from.articleSet = new Set(from.articles);
      from.mentions = keptMentions;
      from.mentionSet = new Set(keptMentions.map((m) => `${m.article}\u0000${m.sentence}`));
      from.roles = keptRoles;
    }
  }
  if (movedTo.size === 0) return;
  // A mention follows its group's moves to the end ("Bush" → "Geroge Bush" → "George Bush").
  for (const [m, g] of groupOfMention) {
    const article = articleOfMention.get(m) ?? '';
    let to = g;
    // Moves never cycle (a surname goes to a full name, a misspelling to a five times better known name); the cap is a guard.
    for (let hops = 0, next = movedTo.get(to)?.get(article); next && hops < 8; hops++, next = movedTo.get(to)?.get(article)) to = next;
    if (to !== g) groupOfMention.set(m, to);
  }
}

/**
 * The slug an entity name asks for. A purely numeric slug ("Quận 1" read as "1",
 * a bare number) would collide with the index pages /<section>/2/, so it gets
 * the type as a prefix ("place-1" is not pretty, "dia-danh-1" is Vietnamese).
 */
const SLUG_PREFIX: Record<EntityType, string> = { person: 'nguoi', unit: 'don-vi', place: 'dia-danh', document: 'van-ban' };
export function entitySlugBase(type: EntityType, name: string): string {
  const slug = slugify(name);
  if (!slug) return SLUG_PREFIX[type];
  return /^\d+$/.test(slug) ? `${SLUG_PREFIX[type]}-${slug}` : slug;
}
