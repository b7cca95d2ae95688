/**
 * Score a knowledge base against hand annotations: precision/recall/F1 per entity
 * type, role triples (person, title, unit), merges, and entities from boilerplate.
 *
 * Counting rules (documented in docs/benchmarks.md):
 * - A gold entity is found when a predicted entity of its type, in the same
 *   article, shares a folded name or alias with it (documents: the same code, and
 *   the same year when both state one; otherwise a shared name).
 * - A predicted entity is correct when it matches a required gold entity, ignored
 *   when it matches only an optional one, and a false positive otherwise. Two
 *   predicted entities for one gold entity are both "correct" here; the split
 *   shows in the merge figures.
 * - Merges: every pair of gold surface forms of one entity (within and across
 *   articles) that the prediction knows must share a predicted id; two different
 *   gold entities of one type must never share one (a wrong merge).
 */
import type { KbEntity, KnowledgeBase } from '../model/kb.ts';
import type { EntityType } from '../model/mention.ts';
import type { GoldArticle, GoldEntity } from './gold.ts';
import { codeKey, nameKey, yearOf } from './keys.ts';

export const ENTITY_TYPES: readonly EntityType[] = ['person', 'unit', 'place', 'document'];

export interface PairedArticle {
  gold: GoldArticle;
  /** The id of the predicted article in the knowledge base. */
  articleId: string;
}

export interface Counts {
  /** Gold items found / missed (required items only). */
  found: number;
  missed: number;
  /** Predicted items that are right / wrong; ignored ones matched only optional gold. */
  correct: number;
  wrong: number;
  ignored: number;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export interface MergeCounts {
  /** Pairs of surface forms of one gold entity that the prediction found at all. */
  pairs: number;
  /** … of which share a predicted id. */
  together: number;
  /** Pairs of different gold entities that share a predicted id. */
  wrongMerges: number;
}

export interface ScoreDetail {
  kind: 'missed' | 'false-positive' | 'split' | 'wrong-merge' | 'boilerplate' | 'wrong-level';
  type: EntityType | 'role';
  article: string;
  text: string;
}

export interface ExtractionScore {
  articles: number;
  /** Types annotated in at least one article (the others were not scored). */
  scoredTypes: EntityType[];
  types: Record<EntityType, Counts & Prf>;
  roles: Counts & Prf;
  merges: Record<EntityType, MergeCounts>;
  /** Found required places whose predicted level equals the gold level. */
  placeLevels: { checked: number; correct: number };
  boilerplate: number;
  details: ScoreDetail[];
}

function emptyCounts(): Counts {
  return { found: 0, missed: 0, correct: 0, wrong: 0, ignored: 0 };
}

/** P, R, F1; a ratio with nothing to count is 1 (nothing to find, nothing wrong). */
export function prf(c: Counts): Prf {
  const precision = c.correct + c.wrong === 0 ? 1 : c.correct / (c.correct + c.wrong);
  const recall = c.found + c.missed === 0 ? 1 : c.found / (c.found + c.missed);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Folded names and aliases of a predicted entity. */
function predictedNameKeys(e: KbEntity): Set<string> {
  const keys = new Set<string>([nameKey(e.name)]);
  for (const a of e.aliases) keys.add(nameKey(a));
  return keys;
}

function goldNameKeys(g: GoldEntity): Set<string> {
  return new Set(g.forms.map(nameKey));
}

function intersects(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/**
 * The words an article wrote for each entity it links (article id → entity id →
 * surfaces): a name of the entity in that article, even when it is no alias of
 * the entity anywhere ("UBND tỉnh" for the article's province's committee).
 */
export type ArticleSurfaces = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;

/** Surfaces of every article of a build, from its links (what the article pages link). */
export function articleSurfaces(articles: Iterable<{ file: { id: string }; text: { text: string }; links: readonly { start: number; end: number; entity: string }[] }>): ArticleSurfaces {
  const out = new Map<string, Map<string, string[]>>();
  for (const a of articles) {
    const byEntity = new Map<string, string[]>();
    for (const l of a.links) {
      let list = byEntity.get(l.entity);
      if (!list) byEntity.set(l.entity, (list = []));
      list.push(a.text.text.slice(l.start, l.end));
    }
    out.set(a.file.id, byEntity);
  }
  return out;
}

/** Folded names and aliases of a predicted entity, and the surfaces its article wrote for it. */
function namesInArticle(p: KbEntity, surfaces: readonly string[] | undefined): Set<string> {
  const keys = predictedNameKeys(p);
  for (const s of surfaces ?? []) keys.add(nameKey(s));
  return keys;
}

/** Does predicted entity p denote gold entity g? `surfaces`: what the article wrote for p. */
export function entityMatches(g: GoldEntity, p: KbEntity, surfaces?: readonly string[]): boolean {
  if (g.type !== p.type) return false;
  if (g.type === 'document') {
    const predictedCode = p.document?.code ?? null;
    if (g.code && predictedCode) {
      if (codeKey(g.code) !== codeKey(predictedCode)) return false;
      const py = yearOf(p.document?.date ?? null);
      return !(g.year !== undefined && py !== null && py !== g.year);
    }
    if (g.code && p.aliases.some((a) => codeKey(a) === codeKey(g.code ?? ''))) return true;
  }
  return intersects(goldNameKeys(g), namesInArticle(p, surfaces));
}

/** Identity of a gold entity across articles (same real-world entity). */
function identity(g: GoldEntity): string {
  if (g.type === 'document' && g.code) return `document:${codeKey(g.code)}:${g.year ?? ''}`;
  return `${g.type}:${nameKey(g.name)}`;
}

interface Sighting {
  type: EntityType;
  name: string;
  forms: { where: string; ids: string[] }[];
  /** Folded gold forms (not for documents, whose identity is their code). */
  keys: Set<string>;
}

/**
 * Gold entities of different articles are one real-world entity when they share
 * a form: annotations written apart may head one entity differently ("Đà Nẵng"
 * in one, "thành phố Đà Nẵng" with the alias "Đà Nẵng" in another).
 */
function sameEntities(sightings: Map<string, Sighting>): Map<string, Sighting> {
  const list = [...sightings.values()];
  const parent = list.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const byKey = new Map<string, number>();
  list.forEach((s, i) => {
    for (const k of s.keys) {
      const id = `${s.type}:${k}`;
      const j = byKey.get(id);
      if (j === undefined) byKey.set(id, i);
      else parent[find(i)] = find(j);
    }
  });
  const out = new Map<string, Sighting>();
  list.forEach((s, i) => {
    const root = `${find(i)}`;
    const into = out.get(root);
    if (!into) out.set(root, { ...s, forms: [...s.forms], keys: new Set(s.keys) });
    else into.forms.push(...s.forms);
  });
  return out;
}

interface PredictedTriple {
  person: KbEntity;
  title: string;
  unitKeys: Set<string>;
  label: string;
}

function predictedTriples(persons: KbEntity[], articleId: string, byId: Map<string, KbEntity>): PredictedTriple[] {
  const out: PredictedTriple[] = [];
  const seen = new Set<string>();
  for (const p of persons) {
    for (const r of p.roles ?? []) {
      if (r.article !== articleId) continue;
      const unitKeys = new Set<string>();
      if (r.unitName) unitKeys.add(nameKey(r.unitName));
      const unit = r.unit ? byId.get(r.unit) : undefined;
      if (unit) for (const k of predictedNameKeys(unit)) unitKeys.add(k);
      const dedupe = `${p.id}|${nameKey(r.title)}|${r.unit ?? nameKey(r.unitName ?? '')}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      out.push({
        person: p,
        title: r.title,
        unitKeys,
        label: `${p.name} | ${r.title} | ${r.unitName ?? unit?.name ?? '—'}`,
      });
    }
  }
  return out;
}

interface GoldTriple {
  person: GoldEntity;
  title: string;
  unitKeys: Set<string> | null;
  required: boolean;
  label: string;
}

function goldTriples(gold: GoldArticle): GoldTriple[] {
  const units = gold.entities.filter((e) => e.type === 'unit');
  const out: GoldTriple[] = [];
  for (const person of gold.entities) {
    if (person.type !== 'person') continue;
    for (const role of person.roles) {
      let unitKeys: Set<string> | null = null;
      if (role.unit !== null) {
        const key = nameKey(role.unit);
        const unit = units.find((u) => goldNameKeys(u).has(key));
        unitKeys = unit ? goldNameKeys(unit) : new Set([key]);
        for (const alias of role.unitAliases ?? []) unitKeys.add(nameKey(alias));
      }
      out.push({
        person,
        title: role.title,
        unitKeys,
        required: !person.optional && !role.optional,
        label: `${person.name} | ${role.title} | ${role.unit ?? '—'}`,
      });
    }
  }
  return out;
}

/** A title as a key: folded, without "nguyên"/"cựu" (former): a former role is still that role. */
export function titleKey(title: string): string {
  return nameKey(title).replace(/^(?:nguyen|cuu) /, '');
}

function tripleMatches(g: GoldTriple, t: PredictedTriple): boolean {
  if (!entityMatches(g.person, t.person)) return false;
  const gTitle = titleKey(g.title);
  const pTitle = titleKey(t.title);
  if (g.unitKeys === null) return gTitle === pTitle; // the text names no unit: any unit the extractor infers is accepted
  if (gTitle === pTitle && intersects(g.unitKeys, t.unitKeys)) return true;
  // The same words split differently: ("Thủ tướng", "Chính phủ") = ("Thủ tướng Chính phủ", none).
  const gWhole = new Set([...g.unitKeys].map((u) => `${gTitle} ${u}`));
  if (t.unitKeys.size === 0) return gWhole.has(pTitle);
  return [...t.unitKeys].some((u) => gWhole.has(`${pTitle} ${u}`));
}

/** Predicted ids in one article that a gold surface form resolves to. */
function idsForForm(g: GoldEntity, form: string, predicted: KbEntity[], surfacesOf: (p: KbEntity) => readonly string[] | undefined): string[] {
  const key = nameKey(form);
  return predicted.filter((p) => p.type === g.type && (namesInArticle(p, surfacesOf(p)).has(key) || (g.type === 'document' && entityMatches(g, p)))).map((p) => p.id);
}

/** `surfaces` (articleSurfaces): what each article wrote for the entities it links; without it, names and aliases only. */
export function scoreExtraction(kb: KnowledgeBase, paired: PairedArticle[], surfaces?: ArticleSurfaces): ExtractionScore {
  const byId = new Map(kb.entities.map((e) => [e.id, e]));
  const byArticle = new Map<string, KbEntity[]>();
  for (const e of kb.entities) {
    for (const a of e.articles) {
      let list = byArticle.get(a);
      if (!list) byArticle.set(a, (list = []));
      list.push(e);
    }
  }
  const counts = Object.fromEntries(ENTITY_TYPES.map((t) => [t, emptyCounts()])) as Record<EntityType, Counts>;
  const roleCounts = emptyCounts();
  const details: ScoreDetail[] = [];
  let boilerplate = 0;
  const placeLevels = { checked: 0, correct: 0 };
  // identity → surface-form sightings (article, form, predicted ids)
  const sightings = new Map<string, Sighting>();

  for (const { gold, articleId } of paired) {
    const predicted = byArticle.get(articleId) ?? [];
    const surfacesOf = (p: KbEntity) => surfaces?.get(articleId)?.get(p.id);
    const label = gold.key;
    for (const type of ENTITY_TYPES) {
      if (!gold.scope.includes(type)) continue;
      const golds = gold.entities.filter((g) => g.type === type);
      const preds = predicted.filter((p) => p.type === type);
      const c = counts[type];
      for (const g of golds) {
        if (g.optional) continue;
        const match = preds.find((p) => entityMatches(g, p, surfacesOf(p)));
        if (match) {
          c.found++;
          if (type === 'place' && g.level) {
            placeLevels.checked++;
            if (match.level === g.level) placeLevels.correct++;
            else details.push({ kind: 'wrong-level', type, article: label, text: `${g.name}: ${match.level ?? 'none'} (gold ${g.level})` });
          }
        } else {
          c.missed++;
          details.push({ kind: 'missed', type, article: label, text: g.code ? `${g.name} (${g.code})` : g.name });
        }
      }
      for (const p of preds) {
        const hits = golds.filter((g) => entityMatches(g, p, surfacesOf(p)));
        if (hits.some((g) => !g.optional)) c.correct++;
        else if (hits.length > 0) c.ignored++;
        else {
          c.wrong++;
          details.push({ kind: 'false-positive', type, article: label, text: p.document?.code ? `${p.name} (${p.document.code})` : p.name });
        }
      }
      for (const g of golds) {
        if (g.optional) continue;
        const id = identity(g);
        let s = sightings.get(id);
        if (!s) sightings.set(id, (s = { type, name: g.name, forms: [], keys: new Set() }));
        if (type !== 'document') for (const f of g.forms) s.keys.add(nameKey(f));
        for (const form of new Set(g.forms)) {
          const ids = idsForForm(g, form, preds, surfacesOf);
          if (ids.length > 0) s.forms.push({ where: `${label}: ${form}`, ids });
        }
      }
    }

    const gTriples = gold.scope.includes('person') ? goldTriples(gold) : [];
    const pTriples = predictedTriples(
      predicted.filter((p) => p.type === 'person' && gold.scope.includes('person')),
      articleId,
      byId,
    );
    for (const g of gTriples) {
      if (!g.required) continue;
      if (pTriples.some((t) => tripleMatches(g, t))) roleCounts.found++;
      else {
        roleCounts.missed++;
        details.push({ kind: 'missed', type: 'role', article: label, text: g.label });
      }
    }
    for (const t of pTriples) {
      const hits = gTriples.filter((g) => tripleMatches(g, t));
      if (hits.some((g) => g.required)) roleCounts.correct++;
      else if (hits.length > 0) roleCounts.ignored++;
      else {
        roleCounts.wrong++;
        details.push({ kind: 'false-positive', type: 'role', article: label, text: t.label });
      }
    }

    const banned = new Set(gold.nonEntities.map(nameKey));
    for (const p of predicted) {
      if (intersects(banned, predictedNameKeys(p))) {
        boilerplate++;
        details.push({ kind: 'boilerplate', type: p.type, article: label, text: `${p.name} (${p.id})` });
      }
    }
  }

  const merges = Object.fromEntries(ENTITY_TYPES.map((t) => [t, { pairs: 0, together: 0, wrongMerges: 0 }])) as Record<EntityType, MergeCounts>;
  const all = [...sameEntities(sightings).entries()];
  for (const [, s] of all) {
    const m = merges[s.type];
    for (let i = 0; i < s.forms.length; i++) {
      for (let j = i + 1; j < s.forms.length; j++) {
        m.pairs++;
        const a = s.forms[i];
        const b = s.forms[j];
        if (a.ids.some((id) => b.ids.includes(id))) m.together++;
        else details.push({ kind: 'split', type: s.type, article: s.name, text: `"${a.where}" [${a.ids.join(', ')}] vs "${b.where}" [${b.ids.join(', ')}]` });
      }
    }
  }
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const [, a] = all[i];
      const [, b] = all[j];
      if (a.type !== b.type) continue;
      const aIds = new Set(a.forms.flatMap((f) => f.ids));
      const shared = b.forms.flatMap((f) => f.ids).find((id) => aIds.has(id));
      if (shared !== undefined) {
        merges[a.type].wrongMerges++;
        details.push({ kind: 'wrong-merge', type: a.type, article: '*', text: `"${a.name}" and "${b.name}" share ${shared}` });
      }
    }
  }

  const types = Object.fromEntries(ENTITY_TYPES.map((t) => [t, { ...counts[t], ...prf(counts[t]) }])) as Record<EntityType, Counts & Prf>;
  const scoredTypes = ENTITY_TYPES.filter((t) => paired.some((p) => p.gold.scope.includes(t)));
  return { articles: paired.length, scoredTypes, types, roles: { ...roleCounts, ...prf(roleCounts) }, merges, placeLevels, boilerplate, details };
}

export interface Target {
  label: string;
  met: boolean;
  value: string;
}

/** The targets on the seeds. */
export function checkTargets(s: ExtractionScore): Target[] {
  const f = (x: number) => x.toFixed(3);
  return [
    { label: 'people F1 ≥ 0.95', met: s.types.person.f1 >= 0.95, value: f(s.types.person.f1) },
    { label: 'role triples F1 ≥ 0.90', met: s.roles.f1 >= 0.9, value: f(s.roles.f1) },
    { label: 'documents F1 = 1.0', met: s.types.document.f1 === 1, value: f(s.types.document.f1) },
    { label: 'no wrong document merge', met: s.merges.document.wrongMerges === 0, value: String(s.merges.document.wrongMerges) },
    { label: 'units F1 ≥ 0.90', met: s.types.unit.f1 >= 0.9, value: f(s.types.unit.f1) },
    { label: 'places F1 ≥ 0.90', met: s.types.place.f1 >= 0.9, value: f(s.types.place.f1) },
    // On the seeds the non-entity list is the page boilerplate: bylines, credits, site furniture.
    { label: 'no entity from boilerplate', met: s.boilerplate === 0, value: String(s.boilerplate) },
  ];
}
