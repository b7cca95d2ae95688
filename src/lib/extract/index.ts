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
import type { AttrsOf, EntityType, Mention, PersonAttrs, PersonRoleAttr, PlaceAttrs, UnitAttrs } from '../model/mention.ts';
export type { PersonAttrs, PersonRoleAttr, PlaceAttrs, UnitAttrs } from '../model/mention.ts';
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
import { loadWorld, matchWorldPlace, type WorldPlace } from './countries.ts';
import { linkCoordination, matchNamedOrg, matchUnit, nationalKey, resolveUnit, unitTables, unknownName, type MatchContext, type ResolvedUnit, type UnitContext, type UnitMatch } from './units.ts';
import { canonicalPersonName, looseForeignNameLength, mayStartForeignName, matchPerson, nameLength, personStartsAt, type PersonMatch, type RoleMatch } from './people.ts';
import { canonicalDisplay } from '../text/fold.ts';
import { extractDocuments } from './documents.ts';
import { extractLaws } from './laws.ts';
import { loadDocumentRegistry, type DocumentRegistry } from './document-registry.ts';

let registry: DocumentRegistry | null = null;

interface ArticleScan {
  era: Era;
  placeRefs: PlaceRef[];
  units: UnitMatch[];
  people: PersonMatch[];
  /** Unanchored names (kept if long enough or introduced elsewhere in the article). */
  loose: PersonMatch[];
  /** Countries and foreign places as written (also inside foreign units and roles). */
  world: WorldRef[];
}

export interface WorldRef {
  start: number;
  end: number;
  place: WorldPlace;
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

/** A unit mention's attributes from its resolution. */
function unitAttrs(r: ResolvedUnit): UnitAttrs {
  return { name: r.name, placeKey: r.placeKey, parentKeys: r.parentKeys, ...(r.elliptic ? { elliptic: true } : {}) };
}

function matchContext(scan: ArticleScan, text: string, block: number): MatchContext {
  const ctx: MatchContext = { era: scan.era, block, placeRefs: scan.placeRefs, text, personStartsAt, foreignNameAt: (tokens, i) => mayStartForeignName(tokens[i]!) && looseForeignNameLength(tokens, i) > 0 };
  // Places inside an organisation's name: after a level word, a province's name, a country.
  ctx.placeAt = (tokens, i) => {
    const t = tokens[i]!;
    if (!t.cap && !matchLevelWord(tokens, i)) return i;
    const afterPlaces = matchPlaces(tokens, i, ctx);
    if (afterPlaces > i) return afterPlaces;
    const afterStandalone = matchStandalonePlace(tokens, i, ctx);
    if (afterStandalone > i) return afterStandalone;
    const w = t.cap ? matchWorldPlace(tokens, i, isAddressWord) : null;
    if (!w) return i;
    scan.world.push({ start: t.start, end: tokens[i + w.length - 1]!.end, place: w.place });
    return i + w.length;
  };
  return ctx;
}

const COMMUNE_KINDS = new Set<PlaceKind>(['phuong', 'xa', 'thitran', 'dackhu']);

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
    // A foreign place ("thành phố Matxcơva", "tỉnh Tứ Xuyên", "thành phố Bờ Tây Ramallah") is read as such
    // after the level word; a one-syllable country starting a longer name is a Vietnamese place's ("xã Mỹ Đình").
    const foreign = loadWorld().forms.longest(tokens, at);
    if (foreign && (foreign.length >= 2 || foreign.length === n)) return null;
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
    // An address goes up: after a commune, "xã Eré, Krông Pa, Gia Lai" names a district next,
    // not another commune, whenever the name is also a district's or a province's.
    if (!listMode && kinds.every((k) => COMMUNE_KINDS.has(k))) {
      const same = loadGazetteer().names.longest(tokens, j + 1);
      if (same?.length === more.length && same.values.some((p) => !COMMUNE_KINDS.has(p.kind))) break;
    }
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

const LIST_SEPARATORS = new Set([',', 'và', '-', '–']);

/**
 * Is the bare name at tokens[i] a street, bridge, school … ("đường Lê Hồng
 * Phong", "số 53c Huỳnh Khương Ninh"), or in a list whose first item is one
 * ("các đường Lê Thị Hồng Gấm, Lý Chính Thắng và Võ Văn Kiệt")?
 */
function namesAThing(tokens: readonly Token[], i: number): boolean {
  if (namesAThingHere(tokens, i)) return true;
  let j = i;
  for (let items = 0; items < 8; items++) {
    const sep = tokens[j - 1];
    if (!sep || !LIST_SEPARATORS.has(sep.norm)) return false;
    let k = j - 1;
    if (!tokens[k - 1]?.titleCase) return false;
    while (k - 1 >= 0 && tokens[k - 1]!.word && tokens[k - 1]!.titleCase) k--;
    if (namesAThingHere(tokens, k)) return true;
    j = k;
  }
  return false;
}

function namesAThingHere(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  if (prev && HOUSE_NUMBER.test(prev.raw)) return true;
  const t = titleTables();
  // "các tuyến đường như Khâm Thiên, …": a connecting word may stand between the street word and the names.
  const at = prev && LIST_INTRODUCERS.has(prev.norm) ? i - 1 : i;
  for (let k = 1; k <= t.notPersonAfterMax && at - k >= 0; k++) {
    const m = t.notPersonAfter.longest(tokens, at - k, at);
    if (m && m.length === k) return true;
  }
  return false;
}
const LIST_INTRODUCERS = new Set(['như', 'gồm', 'là', 'mang', 'tên']);

/**
 * An office of another country: its unit is the body the title's template
 * names ("Chính phủ {country}", an entity), or the country itself (a name only);
 * "tại <place>" is kept ("Đại sứ quán Việt Nam tại Nga").
 */
function foreignRole(role: RoleMatch, country: WorldPlace, at?: WorldPlace): PersonRoleAttr {
  const template = role.title.foreignUnit;
  const unitName = (template ? template.replace('{country}', country.name) : country.name) + (at ? ` tại ${at.name}` : '');
  return { ...(role.former ? { former: true } : {}), title: role.title.name, unitKey: template ? nationalKey(unitName) : null, unitName };
}

/** A loose name read by looseForeignNameLength (not a Vietnamese name with a family name). */
function isForeignLoose(p: PersonMatch): boolean {
  return p.foreign !== undefined;
}

/** A word of address ("anh", "chị", "ông"): a one-syllable country right after it is a given name. */
function isAddressWord(t: Token): boolean {
  return !!titleTables().honorifics.longest([t], 0);
}

/** A place's own name starts here ("Hội An", "Đài Loan"): not an organisation word. */
function isPlaceName(tokens: readonly Token[], i: number): boolean {
  return !!loadGazetteer().names.longest(tokens, i) || !!loadWorld().forms.longest(tokens, i);
}

let starters: Set<string> | null = null;

/** Matching forms of every token that can start a person, unit or place reading. */
function starterTokens(): Set<string> {
  if (starters) return starters;
  const t = titleTables();
  const g = loadGazetteer();
  const set = new Set<string>(t.families);
  for (const trie of [t.titles, t.formerWords, t.honorifics, t.ranks, unitTables().starts, unitTables().orgWords, g.levelWords, g.standalone, loadWorld().forms]) {
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
    if (!t.word || (!start.has(t.norm) && !mayStartForeignName(t)) || mask?.[i]) { i++; continue; }
    const mark = scan.placeRefs.length;
    const worldMark = scan.world.length;
    const p = matchPerson(tokens, i, ctx);
    if (p) {
      const credit = tokens[p.next]?.raw === '/' || (tokens[p.next]?.raw === '(' && CREDIT_AGENCIES.has(tokens[p.next + 1]?.norm ?? ''));
      if (emit && !bylineBlock && !credit && (p.anchored || !namesAThing(tokens, i))) {
        (p.anchored ? scan.people : scan.loose).push(p);
        for (const r of p.roles) {
          if (r.unit) collectUnits(r.unit, scan.units);
          if (r.country) scan.world.push(r.country);
        }
      } else {
        scan.placeRefs.length = mark;
        scan.world.length = worldMark;
      }
      i = Math.max(p.next, i + 1);
      continue;
    }
    scan.placeRefs.length = mark;
    scan.world.length = worldMark;
    const u = matchUnit(tokens, i, ctx);
    if (u) {
      if (u.plural) scan.placeRefs.length = mark;
      else scan.units.push(u);
      i = Math.max(u.next, i + 1);
      continue;
    }
    scan.placeRefs.length = mark;
    if (!isPlaceName(tokens, i) && !titleTables().titles.longest(tokens, i)) {
      const org = matchNamedOrg(tokens, i, ctx);
      if (org) {
        if (emit) scan.units.push(org);
        else scan.world.length = worldMark;
        i = Math.max(org.next, i + 1);
        continue;
      }
    }
    const afterPlaces = matchPlaces(tokens, i, ctx);
    if (afterPlaces > i) { i = afterPlaces; continue; }
    const afterStandalone = matchStandalonePlace(tokens, i, ctx);
    if (afterStandalone > i) { i = afterStandalone; continue; }
    const prevTok = tokens[i - 1];
    const foreignName = !(prevTok?.word && prevTok.cap) && !unitTables().starts.longest(tokens, i) ? looseForeignNameLength(tokens, i) : 0;
    if (foreignName > 0 && !loadWorld().forms.longest(tokens, i)) {
      if (emit && !bylineBlock && !mask?.[i] && !namesAThing(tokens, i)) {
        const name = canonicalPersonName(tokens, i, foreignName);
        // Kept without an introduction only when a verb that only a person does follows ("… nói", "… cho biết").
        const acts = !!titleTables().personVerbs.longest(tokens, i + foreignName) || (tokens[i + foreignName]?.raw === ',' && !!titleTables().titles.longest(tokens, i + foreignName + 1));
        scan.loose.push({ start: t.start, end: tokens[i + foreignName - 1]!.end, next: i + foreignName, name, key: `person:${name.toLowerCase()}`, roles: [], rank: null, anchored: false, block, foreign: acts });
      }
      i += foreignName;
      continue;
    }
    const w = matchWorldPlace(tokens, i, isAddressWord);
    if (w) {
      if (emit) scan.world.push({ start: t.start, end: tokens[i + w.length - 1]!.end, place: w.place });
      i += w.length;
      continue;
    }
    i++;
  }
}

/**
 * A body every country has, named bare after the same body of another country
 * ("Quốc hội Ba Lan … Quốc hội đã thông qua"), is that country's; one that needs
 * a country and has none ("Thượng viện" alone) is no unit.
 */
function ownForeignBodies(units: UnitMatch[], world: readonly WorldRef[]): void {
  const lastForeign = new Map<string, NonNullable<UnitMatch['foreign']>>();
  const countries = world.filter((w) => w.place.level === 'country' && w.place.code !== 'VN').sort((a, b) => a.start - b.start);
  for (const u of units) {
    if (u.def.type !== 'national') continue;
    if (u.thisCountry) {
      // "Bộ Ngoại giao nước này": the last foreign country named before it, if any; else no unit.
      let last: WorldRef | undefined;
      for (const c of countries) if (c.start < u.start) last = c;
      if (last) u.foreign = { start: u.end, end: u.end, place: last.place, inherited: true };
      else u.ownerless = true;
      continue;
    }
    if (u.foreign) {
      lastForeign.set(u.def.name, u.foreign);
      continue;
    }
    const owner = u.ours ? undefined : lastForeign.get(u.def.name);
    if (owner) u.foreign = { ...owner, start: u.end, end: u.end, inherited: true };
    else if (u.def.ownerRequired) u.ownerless = true;
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
  const scan: ArticleScan = { era, placeRefs: [], units: [], people: [], loose: [], world: [] };

  // The title gives context (its places), not mentions: it is not part of the text.
  const titleTokens = tokenize(article.title ?? '');
  const titleDefs = new Map<string, Abbreviation>();
  scanBlock(expandTokens(titleTokens, titleDefs), scan, article.title ?? '', -1, false);
  for (const r of scan.placeRefs) r.fromTitle = true;
  scan.units.length = 0;
  scan.world.length = 0;

  const blockTokens = text.blocks.map((b) => tokenize(text.text, b.start, b.end));
  const defs = new Map<string, Abbreviation>();
  for (const toks of blockTokens) for (const [k, v] of findDefinitions(toks)) defs.set(k, v);
  blockTokens.forEach((toks, b) => scanBlock(expandTokens(toks, defs), scan, text.text, b, true));

  disambiguate(scan.placeRefs);
  scan.units.sort((a, b) => a.start - b.start || b.end - a.end);
  linkCoordination(scan.units, text.text);
  // "Chủ tịch Quốc hội Nguyễn Thị Kim Ngân" after "Quốc hội Cuba": a Vietnamese name holds Việt Nam's body.
  for (const p of scan.people) {
    if (!titleTables().families.has(p.key.slice('person:'.length).split(' ')[0] ?? '')) continue;
    for (const r of p.roles) if (r.unit && r.unit.def.type === 'national' && !r.unit.foreign) r.unit.ours = true;
  }
  ownForeignBodies(scan.units, scan.world);
  const uctx = unitContext(scan);

  const mentions: Mention[] = [];
  const add = <T extends EntityType>(start: number, end: number, type: T, key: string, attrs: AttrsOf[T]): void => {
    // One mention of `type` with that type's attrs: TypeScript cannot tie the two through T, hence the cast.
    mentions.push({ type, start, end, surface: text.text.slice(start, end), sentence: sentenceAt(text, start), key, attrs } as Mention);
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
    add(r.start, r.end, 'place', key, attrs);
  }

  // Countries and foreign places.
  const addWorld = (start: number, end: number, p: WorldPlace): void => {
    const attrs: PlaceAttrs = { name: p.name, level: p.level, era: null, code: p.code, parentKey: p.parentKey, area: null };
    add(start, end, 'place', p.key, attrs);
  };
  for (const w of scan.world) addWorld(w.start, w.end, w.place);

  // Units (written ones; a unit implied by a title like "Quận ủy viên" is a role, not a mention).
  for (const u of scan.units) {
    const r = resolveUnit(u, uctx);
    if (!r || u.implied || u.ownerless || (u.def.type === 'org' && !u.def.entity)) continue;
    const attrs = unitAttrs(r);
    // "Bộ Quốc phòng Anh" is a name of "Bộ Quốc phòng Vương quốc Anh": the country as written.
    if (u.foreign && !u.foreign.inherited) {
      const written = `${u.def.name} ${text.text.slice(u.foreign.start, u.foreign.end)}${u.foreign.at ? ` tại ${u.foreign.at.name}` : ''}`;
      if (written !== r.name) attrs.aliases = [written];
    }
    add(u.start, u.end, 'unit', r.key, attrs);
    if (u.foreign && !u.foreign.inherited) addWorld(u.foreign.start, u.foreign.end, u.foreign.place);
    // The bodies written inside its name: "Bệnh viện Bạch Mai" in "Trung tâm Chống độc Bệnh viện Bạch Mai".
    for (let inner = u.inner; inner; inner = inner.inner) {
      const ri = resolveUnit(inner, uctx);
      if (ri) add(inner.start, inner.end, 'unit', ri.key, unitAttrs(ri));
    }
  }

  // People.
  const authorKey = article.author ? `person:${canonicalDisplay(article.author).toLowerCase()}` : null;
  const introduced = new Set(scan.people.map((p) => p.key));
  // The one foreign country an article names, for foreign offices written without it ("Tổng thống Putin").
  const countries = new Map(scan.world.filter((w) => w.place.level === 'country' && w.place.code !== 'VN').map((w) => [w.place.code, w.place]));
  const onlyCountry = countries.size === 1 ? [...countries.values()][0]! : null;
  // A foreign name standing alone needs evidence it is a person: a verb only a person does
  // after it (foreign: true), a title somewhere in the article, or a second mention.
  const looseCount = new Map<string, number>();
  for (const p of scan.loose) looseCount.set(p.key, (looseCount.get(p.key) ?? 0) + 1);
  // A two-syllable name standing alone that is also a place's ("Lạc Dương", a district) needs an
  // introduction somewhere in the article (a longer one, "Hồ Chí Minh", is a person's first).
  const placeNamed = (p: PersonMatch): boolean => {
    const toks = tokenize(p.name);
    return toks.length === 2 && loadGazetteer().names.longest(toks, 0)?.length === 2;
  };
  const kept = [...scan.people, ...scan.loose.filter((p) => introduced.has(p.key) || ((p.foreign || (looseCount.get(p.key) ?? 0) >= 2 || (!isForeignLoose(p) && p.name.split(' ').length >= 3)) && !placeNamed(p)))];
  for (const p of kept) {
    if (p.key === authorKey) continue;
    const roles: PersonRoleAttr[] = [];
    const area = new Set<string>();
    const vietnameseName = titleTables().families.has(p.key.slice('person:'.length).split(' ')[0] ?? '');
    for (const role of p.roles) {
      if (role.country) {
        roles.push(foreignRole(role, role.country.place, role.country.at));
        continue;
      }
      const unit = role.unit ? resolveUnit(role.unit, uctx) : null;
      // "Thủ tướng Nguyễn Xuân Phúc" is of the Chính phủ; "Thủ tướng John Howard" is not.
      if (!unit && role.title.impliedUnit && (vietnameseName || !role.title.foreignUnit)) {
        roles.push({ ...(role.former ? { former: true } : {}), title: role.title.name, unitKey: nationalKey(role.title.impliedUnit), unitName: role.title.impliedUnit });
        continue;
      }
      if (!unit && role.title.standalone && !vietnameseName && onlyCountry && (role.title.foreignUnit || !role.title.impliedUnit)) {
        roles.push(foreignRole(role, onlyCountry));
        continue;
      }
      if (!unit && !role.title.standalone) continue;
      const entity = !!unit && !(role.unit?.def.type === 'org' && !role.unit.def.entity);
      roles.push({ ...(role.former ? { former: true } : {}), title: role.title.name, unitKey: entity ? unit!.key : null, unitName: unit?.name ?? null });
      if (unit?.place) area.add(unit.place.area);
    }
    const attrs: PersonAttrs = { name: p.name, roles, rank: p.rank, area: [...area].sort() };
    add(p.start, p.end, 'person', p.key, attrs);
  }

  // Documents (their own extractor), told which local committees the article is set under.
  const committees = new Set<string>();
  for (const u of scan.units) {
    const r = u.resolved;
    if (r && u.def.type === 'head' && u.def.place === 'implied') committees.add(r.name);
  }
  registry ??= loadDocumentRegistry();
  for (const m of extractDocuments(article, text, registry, { committees: [...committees] })) mentions.push(m);
  for (const m of extractLaws(article, text)) mentions.push(m);

  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  return mentions;
}

export { canonicalPersonName };
