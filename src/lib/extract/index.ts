/**
 * All extractors over one article's text: people with their roles, units and
 * places (here), and documents (documents.ts, told the article's committees).
 *
 * One left-to-right scan per block over an abbreviation-expanded token stream;
 * at each token the longest reading wins, in this order: a person (with titles
 * or a word of address), a unit, a place after a level word, a name standing
 * alone, a province name standing alone. Places are then disambiguated with the
 * whole article as context, bare references ("Đảng ủy phường", "Quận ủy") are
 * resolved to the article's context, and Mentions are emitted.
 *
 * Mention keys (what resolveEntities groups by):
 *   person  "person:<name lower case>"           attrs PersonAttrs
 *   unit    "unit:<canonical name lower>[@<place key>]"  attrs UnitAttrs
 *   place   "place:<era>:<code>" | "place:?:<level>:<name>"  attrs PlaceAttrs
 *   document the final entity id                   attrs from documents.ts
 *
 * Decisions: a place written inside a unit name ("Đảng ủy phường Trương Định")
 * is also a place mention (so the place's page lists every article naming it;
 * in links the unit, the outer span, wins). Bylines, photo credits and the
 * frontmatter author are never people. A historical figure named alone
 * ("phong cách Hồ Chí Minh") is a person without roles.
 */
import type { ArticleText } from '../markdown/text.ts';
import { sentenceAt } from '../markdown/text.ts';
import type { Mention } from '../model/mention.ts';
import type { ArticleFile } from '../model/article.ts';
import { tokenize, type Token } from './tokens.ts';
import { expandTokens, findDefinitions, type Abbreviation } from './abbreviations.ts';
import {
  LEVEL_OF_KIND,
  disambiguate,
  eraOf,
  loadGazetteer,
  matchLevelWord,
  matchName,
  placeDisplayName,
  placeKey,
  unresolvedPlaceName,
  type Era,
  type GazPlace,
  type PlaceKind,
  type PlaceRef,
} from './places.ts';
import { titleTables } from './titles.ts';
import { linkCoordination, matchUnit, resolveUnit, unitTables, unknownName, type MatchContext, type ResolvedUnit, type UnitContext, type UnitMatch } from './units.ts';
import { canonicalPersonName, matchPerson, nameLength, personStartsAt, type PersonMatch } from './people.ts';
import { canonicalDisplay } from '../text/fold.ts';
import { extractDocuments } from './documents.ts';
import { loadDocumentRegistry, type DocumentRegistry } from './document-registry.ts';

let registry: DocumentRegistry | null = null;

export interface PersonRoleAttr {
  title: string;
  unitKey: string | null;
  unitName: string | null;
}

export interface PersonAttrs {
  name: string;
  roles: PersonRoleAttr[];
  rank: string | null;
  /** 2025-era province codes of the units of the person's roles in this mention. */
  area: string[];
}

export interface UnitAttrs {
  name: string;
  placeKey: string | null;
  /** Parent candidates, best first; the resolver keeps the first that is an entity. */
  parentKeys: string[];
}

export interface PlaceAttrs {
  name: string;
  level: string;
  era: Era | null;
  code: string | null;
  parentKey: string | null;
  area: string | null;
}

interface ArticleScan {
  era: Era;
  placeRefs: PlaceRef[];
  units: UnitMatch[];
  people: PersonMatch[];
  /** Unanchored names (kept if long enough or introduced elsewhere in the article). */
  loose: PersonMatch[];
}

const CREDIT_WORDS = new Set(['ảnh', 'nguồn', 'video', 'clip', 'đồ họa']);
const CREDIT_PUNCT = new Set(['/', '.', '-', ',', '&']);
const CREDIT_AGENCIES = new Set(['ttxvn', 'vna', 'tto', 'vov', 'vtv']);

/** Token indexes inside photo credits ("Ảnh: M.Quang", "(Ảnh: Thanh Thương/TTXVN)"). */
function creditMask(tokens: readonly Token[]): Uint8Array | null {
  let mask: Uint8Array | null = null;
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!CREDIT_WORDS.has(tokens[i]!.norm)) continue;
    let j = i + 1;
    if (tokens[j]?.norm === 'minh' && tokens[j + 1]?.norm === 'họa') j += 2;
    if (tokens[j]?.raw !== ':') continue;
    mask ??= new Uint8Array(tokens.length);
    // The credit is the short run of names, initials and agencies after the colon
    // ("Ảnh: Thanh Thương/TTXVN", "Ảnh: M.Quang"), up to a closing bracket.
    let k = j + 1;
    while (k < tokens.length && k - j <= 12 && (tokens[k]!.cap || CREDIT_PUNCT.has(tokens[k]!.raw))) k++;
    if (tokens[k]?.raw === ')') k++;
    for (let x = i; x < k; x++) mask[x] = 1;
    i = k - 1;
  }
  return mask;
}

/** A block that is only a byline ("Anh Thơ", "Đình Hiệp| 27/01/2023 06:59", "N.Hoa"). */
function isBylineBlock(tokens: readonly Token[]): boolean {
  let words = 0;
  for (const t of tokens) {
    if (!t.word) continue;
    if (/^\d/.test(t.raw)) continue;
    words++;
    if (!t.cap || words > 6) return false;
  }
  return true;
}

function matchContext(scan: ArticleScan, text: string, block: number): MatchContext {
  return { era: scan.era, block, placeRefs: scan.placeRefs, text, personStartsAt };
}

/** Places after a level word, including lists: "phường Cầu Dền, Trương Định và Thanh Nhàn", "4 phường (A, B)". */
function matchPlaces(tokens: readonly Token[], i: number, ctx: MatchContext): number {
  const lw = matchLevelWord(tokens, i);
  if (!lw) return i;
  let j = i + lw.length;
  const listMode = tokens[j]?.raw === '(' || tokens[j]?.raw === ':';
  if (listMode) j++;
  const { kinds, fallback } = lw.level;
  // A name: from the gazetteer, or else capitalised words (kept unresolved, keyed by name).
  const nameAt = (at: number, first = true): { length: number; candidates: GazPlace[] } | null => {
    // Only the name right after the level word may come from the other era.
    const known = matchName(tokens, at, kinds, fallback, ctx.era, first);
    const unknownOk = first || listMode;
    if (known) return known;
    if (!unknownOk || !tokens[at]?.titleCase || personStartsAt(tokens, at) || unitTables().starts.longest(tokens, at)) return null;
    if (loadGazetteer().names.longest(tokens, at)) return null; // a known place of another level ("Tỉnh Tây Hồ")
    const n = unknownName(tokens, at, ctx);
    return n > 0 ? { length: n, candidates: [] } : null;
  };
  const first = nameAt(j);
  if (!first) return i;
  const push = (from: number, nameStart: number, to: number, candidates: GazPlace[], withLevel: boolean): void => {
    ctx.placeRefs.push({
      start: tokens[from]!.start,
      end: tokens[to - 1]!.end,
      nameStart: tokens[nameStart]!.start,
      written: ctx.text.slice(tokens[nameStart]!.start, tokens[to - 1]!.end),
      levelWord: withLevel ? ctx.text.slice(tokens[i]!.start, tokens[i + lw.length - 1]!.end) : null,
      kinds,
      candidates,
      block: ctx.block,
    });
  };
  if (listMode) push(j, j, j + first.length, first.candidates, false);
  else push(i, j, j + first.length, first.candidates, true);
  j += first.length;
  for (;;) {
    const sep = tokens[j];
    if (!sep || (sep.raw !== ',' && sep.norm !== 'và')) break;
    // Outside brackets, only gazetteer names continue a list ("tỉnh Bắc Ninh, Đảng ủy …" ends it).
    const more = nameAt(j + 1, false);
    if (!more) break;
    push(j + 1, j + 1, j + 1 + more.length, more.candidates, false);
    j += 1 + more.length;
  }
  if (listMode && tokens[j]?.raw === ')') j++;
  return j;
}

/** A province or city name standing alone ("Bắc Ninh"), not part of a longer capitalised name. */
function matchStandalonePlace(tokens: readonly Token[], i: number, ctx: MatchContext): number {
  const m = loadGazetteer().standalone.longest(tokens, i);
  if (!m) return i;
  for (let k = i; k < i + m.length; k++) if (tokens[k]!.word && !tokens[k]!.cap) return i;
  let end = i + m.length;
  if (tokens[end]?.word && tokens[end]!.titleCase) {
    // Part of a longer name ("Thái Bình Dương"): skip the whole run, so "Bình Dương" is not read either.
    while (tokens[end]?.word && tokens[end]!.titleCase) end++;
    return end;
  }
  // Alone, a name means the province or city of the article's era ("Huế" before
  // 2025 is the provincial city, after it the centrally-run city); else nothing.
  let candidates = m.values.filter((p) => p.era === ctx.era);
  if (candidates.length === 0) {
    candidates = (loadGazetteer().names.longest(tokens, i)?.values ?? []).filter((p) => p.era === ctx.era && p.kind === 'tp');
  }
  if (candidates.length === 0) return end;
  ctx.placeRefs.push({
    start: tokens[i]!.start,
    end: tokens[end - 1]!.end,
    nameStart: tokens[i]!.start,
    written: ctx.text.slice(tokens[i]!.start, tokens[end - 1]!.end),
    levelWord: null,
    kinds: candidates[0]!.kind === 'tp' ? ['tp'] : ['province', 'city'],
    candidates,
    block: ctx.block,
  });
  return end;
}

const HOUSE_NUMBER = /^\d+[A-Za-z]?$/;

/** Is the bare name at tokens[i] a street, bridge, school … ("đường Lê Hồng Phong", "số 53c Huỳnh Khương Ninh")? */
function namesAThing(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  if (prev && HOUSE_NUMBER.test(prev.raw)) return true;
  const t = titleTables();
  for (let k = 1; k <= t.notPersonAfterMax && i - k >= 0; k++) {
    const m = t.notPersonAfter.longest(tokens, i - k, i);
    if (m && m.length === k) return true;
  }
  return false;
}

let starters: Set<string> | null = null;

/** Matching forms of every token that can start a person, unit or place reading. */
function starterTokens(): Set<string> {
  if (starters) return starters;
  const t = titleTables();
  const g = loadGazetteer();
  const set = new Set<string>(t.families);
  for (const trie of [t.titles, t.honorifics, t.ranks, unitTables().starts, g.levelWords, g.standalone]) {
    for (const k of (trie as { firstTokens(): IterableIterator<string> }).firstTokens()) set.add(k);
  }
  starters = set;
  return set;
}

function collectUnits(u: UnitMatch, into: UnitMatch[]): void {
  into.push(u);
}

/** Scan one block's tokens. `emit` false: context only (the article title). */
function scanBlock(tokens: Token[], scan: ArticleScan, text: string, block: number, emit: boolean): void {
  const ctx = matchContext(scan, text, block);
  const mask = creditMask(tokens);
  const bylineBlock = isBylineBlock(tokens);
  const start = starterTokens();
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (!t.word || !start.has(t.norm) || mask?.[i]) { i++; continue; }
    const mark = scan.placeRefs.length;
    const p = matchPerson(tokens, i, ctx);
    if (p) {
      const credit = tokens[p.next]?.raw === '/' || (tokens[p.next]?.raw === '(' && CREDIT_AGENCIES.has(tokens[p.next + 1]?.norm ?? ''));
      if (emit && !bylineBlock && !credit && (p.anchored || !namesAThing(tokens, i))) {
        (p.anchored ? scan.people : scan.loose).push(p);
        for (const r of p.roles) if (r.unit) collectUnits(r.unit, scan.units);
      } else {
        scan.placeRefs.length = mark;
      }
      i = Math.max(p.next, i + 1);
      continue;
    }
    scan.placeRefs.length = mark;
    const u = matchUnit(tokens, i, ctx);
    if (u) {
      if (u.plural) scan.placeRefs.length = mark;
      else scan.units.push(u);
      i = Math.max(u.next, i + 1);
      continue;
    }
    scan.placeRefs.length = mark;
    const afterPlaces = matchPlaces(tokens, i, ctx);
    if (afterPlaces > i) { i = afterPlaces; continue; }
    const afterStandalone = matchStandalonePlace(tokens, i, ctx);
    if (afterStandalone > i) { i = afterStandalone; continue; }
    i++;
  }
}

function unitContext(scan: ArticleScan): UnitContext {
  const memo = new Map<string, GazPlace | null>();
  const fewOf = new Map<string, boolean>();
  const uniqueUnits = new Map<string, ResolvedUnit | null>();
  const bodyRefs = scan.placeRefs.filter((r) => !r.fromTitle).sort((a, b) => a.start - b.start);
  const uniqueOf = (kinds: readonly PlaceKind[], ancestors: boolean): GazPlace | null => {
    const found = new Map<string, GazPlace>();
    for (const r of scan.placeRefs) {
      if (!r.place) continue;
      for (let p: GazPlace | null = ancestors ? r.place.parent : r.place; p; p = ancestors ? p.parent : null) {
        if (kinds.includes(p.kind)) found.set(p.key, p);
      }
    }
    return found.size === 1 ? [...found.values()][0]! : null;
  };
  return {
    placeFor(kinds, block, offset) {
      // The latest place of that level in this or the two blocks before, when the
      // article names only a few places of that level (else "tỉnh" in a list of
      // provinces would take whichever came last). Refs are in text order: binary
      // search for the last one before the offset, then look back a bounded way.
      const id = kinds.join(',');
      let few = fewOf.get(id);
      if (few === undefined) {
        const distinct = new Set<string>();
        for (const r of scan.placeRefs) if (r.place && kinds.includes(r.place.kind)) distinct.add(r.place.key);
        fewOf.set(id, (few = distinct.size <= 3));
      }
      if (few) {
        let lo = 0;
        let hi = bodyRefs.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (bodyRefs[mid]!.start < offset) lo = mid + 1;
          else hi = mid;
        }
        for (let k = lo - 1; k >= 0 && k >= lo - 64; k--) {
          const r = bodyRefs[k]!;
          if (r.block < block - 2) break;
          if (r.place && kinds.includes(r.place.kind)) return r.place;
        }
      }
      if (!memo.has(id)) memo.set(id, uniqueOf(kinds, false) ?? uniqueOf(kinds, true));
      return memo.get(id)!;
    },
    uniqueUnitOf(head) {
      const cached = uniqueUnits.get(head.name);
      if (cached !== undefined) return cached;
      uniqueUnits.set(head.name, null); // no recursion through bare units of the same head
      const found = new Map<string, ResolvedUnit>();
      for (const u of scan.units) {
        if (u.def !== head || !u.placeRef) continue;
        const r = resolveUnit(u, this);
        if (r) found.set(r.key, r);
        if (found.size > 1) break;
      }
      const result = found.size === 1 ? [...found.values()][0]! : null;
      uniqueUnits.set(head.name, result);
      return result;
    },
  };
}

export function extractMentions(article: ArticleFile, text: ArticleText): Mention[] {
  try {
    return extractAll(article, text);
  } catch (err) {
    // Data-file problems already name their file; anything else names the article.
    const message = (err as Error).message ?? String(err);
    if (/^(data file|.*data\/)/.test(message)) throw err;
    throw new Error(`${article.file}: extraction failed: ${message}`, { cause: err });
  }
}

function extractAll(article: ArticleFile, text: ArticleText): Mention[] {
  const era = eraOf(article.published);
  const scan: ArticleScan = { era, placeRefs: [], units: [], people: [], loose: [] };

  // The title gives context (its places), not mentions: it is not part of the text.
  const titleTokens = tokenize(article.title ?? '');
  const titleDefs = new Map<string, Abbreviation>();
  scanBlock(expandTokens(titleTokens, titleDefs), scan, article.title ?? '', -1, false);
  for (const r of scan.placeRefs) r.fromTitle = true;
  scan.units.length = 0;

  const blockTokens = text.blocks.map((b) => tokenize(text.text, b.start, b.end));
  const defs = new Map<string, Abbreviation>();
  for (const toks of blockTokens) for (const [k, v] of findDefinitions(toks)) defs.set(k, v);
  blockTokens.forEach((toks, b) => scanBlock(expandTokens(toks, defs), scan, text.text, b, true));

  disambiguate(scan.placeRefs);
  scan.units.sort((a, b) => a.start - b.start || b.end - a.end);
  linkCoordination(scan.units, text.text);
  const uctx = unitContext(scan);

  const mentions: Mention[] = [];
  const add = (start: number, end: number, type: Mention['type'], key: string, attrs: Record<string, unknown>): void => {
    mentions.push({ type, start, end, surface: text.text.slice(start, end), sentence: sentenceAt(text, start), key, attrs });
  };

  // Places (every written name, also inside unit names).
  for (const r of scan.placeRefs) {
    if (r.fromTitle || !r.written) continue;
    const key = placeKey(r);
    if (!key) continue;
    const p = r.place ?? null;
    const attrs: PlaceAttrs = p
      ? { name: placeDisplayName(p), level: LEVEL_OF_KIND[p.kind], era: p.era, code: p.code, parentKey: p.parent?.key ?? null, area: p.area }
      : { name: unresolvedPlaceName(r), level: LEVEL_OF_KIND[r.kinds[0]!], era: null, code: null, parentKey: null, area: null };
    add(r.start, r.end, 'place', key, attrs as unknown as Record<string, unknown>);
  }

  // Units (written ones; a unit implied by a title like "Quận ủy viên" is a role, not a mention).
  for (const u of scan.units) {
    const r = resolveUnit(u, uctx);
    if (!r || u.implied || (u.def.type === 'org' && !u.def.entity)) continue;
    const attrs: UnitAttrs = { name: r.name, placeKey: r.placeKey, parentKeys: r.parentKeys };
    add(u.start, u.end, 'unit', r.key, attrs as unknown as Record<string, unknown>);
    if (u.inner) {
      const ri = resolveUnit(u.inner, uctx);
      if (ri) add(u.inner.start, u.inner.end, 'unit', ri.key, { name: ri.name, placeKey: ri.placeKey, parentKeys: ri.parentKeys });
    }
  }

  // People.
  const authorKey = article.author ? `person:${canonicalDisplay(article.author).toLowerCase()}` : null;
  const introduced = new Set(scan.people.map((p) => p.key));
  const kept = [...scan.people, ...scan.loose.filter((p) => introduced.has(p.key) || p.name.split(' ').length >= 3)];
  for (const p of kept) {
    if (p.key === authorKey) continue;
    const roles: PersonRoleAttr[] = [];
    const area = new Set<string>();
    for (const role of p.roles) {
      const unit = role.unit ? resolveUnit(role.unit, uctx) : null;
      if (!unit && !role.title.standalone) continue;
      const entity = !!unit && !(role.unit?.def.type === 'org' && !role.unit.def.entity);
      roles.push({ title: role.title.name, unitKey: entity ? unit!.key : null, unitName: unit?.name ?? null });
      if (unit?.place) area.add(unit.place.area);
    }
    const attrs: PersonAttrs = { name: p.name, roles, rank: p.rank, area: [...area].sort() };
    add(p.start, p.end, 'person', p.key, attrs as unknown as Record<string, unknown>);
  }

  // Documents (their own extractor), told which local committees the article is set under.
  const committees = new Set<string>();
  for (const u of scan.units) {
    const r = u.resolved;
    if (r && u.def.type === 'head' && u.def.place === 'implied') committees.add(r.name);
  }
  registry ??= loadDocumentRegistry();
  for (const m of extractDocuments(article, text, registry, { committees: [...committees] })) mentions.push(m);

  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  return mentions;
}

export { canonicalPersonName };
