/**
 * Units: Party committees and organisations, state bodies, mass organisations
 * and military units (data/units.yaml). A unit is a head ("Đảng ủy", "Quận ủy",
 * "Ủy ban nhân dân"), an optional qualifier ("Khối các cơ quan", "Quân sự") and
 * its place ("phường Minh Khai", or the bare name after "Quận ủy"); or an organ
 * of a committee ("Ban Thường vụ Thành ủy"); or a national body ("Bộ Chính trị").
 *
 * Matching happens in two steps, like places: `matchUnit` reads the words and
 * keeps the place as a PlaceRef; once the article's places are disambiguated,
 * `resolveUnit` fills in bare references ("Đảng ủy phường", "Quận ủy") from the
 * article's context and builds the canonical name, key and parent keys.
 */
import { canonicalDisplay } from '../text/fold.ts';
import {
  LEVEL_WORD_OF_KIND,
  filterCandidates,
  loadGazetteer,
  matchLevelWord,
  matchName,
  type Era,
  type GazPlace,
  type PlaceKind,
  type PlaceRef,
} from './places.ts';
import { PhraseTrie, phraseNorms, spellsVietnameseSyllable, tokenize, type Token } from './tokens.ts';
import { readDataFile } from './data-file.ts';
import { unitsFileSchema } from './lexicon-schema.ts';
import { titleTables } from './titles.ts';
import { countryAfter, type WorldPlace } from './countries.ts';

interface QualifierDef {
  name: string;
  norms: string[];
  parent: 'committee' | 'same';
}

export interface HeadDef {
  type: 'head';
  name: string;
  place: 'level' | 'implied';
  kinds: PlaceKind[];
  fallback: PlaceKind[];
  parent: 'committee' | 'same' | null;
  qualifiers: QualifierDef[];
  partyQualifier: string | null;
  national: string | null;
  capitalised: boolean;
  /** A bare mention means the article's only unit with this head. */
  bareUnique: boolean;
  /** Stands for the Party committee of whatever place follows (see partyOrgans). */
  committee?: boolean;
}

interface NationalDef {
  type: 'national';
  name: string;
  /** A body every country has ("Thượng viện"): a unit only with its country. */
  ownerRequired: boolean;
  /** An international body (units.yaml international): its officers are mostly foreigners. */
  international: boolean;
}

interface SubBodyDef {
  type: 'sub';
  name: string;
}

/** A unit named only by the words between a title and a name ("Phó Giám đốc Sở Du lịch Hà Nội Trần Hữu Bình"). */
export interface OrgDef {
  type: 'org';
  /** Canonical name. */
  name: string;
  /** Starts with an organisation word (Sở, Cục, Công ty …): an entity; else only a role's unit name. */
  entity: boolean;
  /** A body every province has (units.yaml provincialOrgWords) named without its place: the article's province's, if it has one. */
  provincial?: boolean;
}

type UnitDef = HeadDef | NationalDef | SubBodyDef | OrgDef;

export interface UnitTables {
  starts: PhraseTrie<UnitDef>;
  headsByName: Map<string, HeadDef>;
  committeeOfKind: Record<PlaceKind, string>;
  centralCommittee: string;
  plural: Set<string>;
  /** Words that start an organisation's name (units.yaml orgWords). */
  orgWords: PhraseTrie<true>;
  /** Legal forms between an organisation word and its name ("Công ty cổ phần …"). */
  legalForms: PhraseTrie<true>;
  /** "trung ương", "quản lý", "thành phố": a capitalised syllable and the lower-case one after it in the lexicon's names. */
  boundPairs: Set<string>;
  /** Organs of Party committees (units.yaml partyOrgans). */
  partyOrgans: Set<string>;
  /** Organisation words of bodies every province has ("Sở"): units.yaml provincialOrgWords. */
  provincialOrgWords: PhraseTrie<true>;
  /** "The Party committee of the place", whatever its head turns out to be. */
  committeeHead: HeadDef;
}

let tables: UnitTables | null = null;

export function unitTables(): UnitTables {
  if (tables) return tables;
  const data = readDataFile('units.yaml', unitsFileSchema);
  const starts = new PhraseTrie<UnitDef>();
  const headsByName = new Map<string, HeadDef>();
  for (const h of data.heads) {
    const def: HeadDef = {
      type: 'head',
      name: canonicalDisplay(h.name),
      place: h.place,
      kinds: h.kinds ?? [],
      fallback: h.fallback ?? [],
      parent: h.parent ?? null,
      qualifiers: (h.qualifiers ?? [])
        .map((q) => ({ name: canonicalDisplay(q.name), norms: phraseNorms(q.name), parent: q.parent }))
        .sort((a, b) => b.norms.length - a.norms.length),
      partyQualifier: h.partyQualifier ? canonicalDisplay(h.partyQualifier) : null,
      national: h.national ? canonicalDisplay(h.national) : null,
      capitalised: h.capitalised === true,
      bareUnique: h.bareUnique === true,
    };
    starts.add(phraseNorms(h.name), def);
    headsByName.set(def.name, def);
  }
  for (const s of data.subBodies ?? []) starts.add(phraseNorms(s), { type: 'sub', name: canonicalDisplay(s) });
  for (const [list, international] of [[data.national, false], [data.international ?? [], true]] as const) {
    for (const n of list) {
      const def: NationalDef = { type: 'national', name: canonicalDisplay(n.name), ownerRequired: 'owner' in n && n.owner === 'required', international };
      for (const form of [n.name, ...(n.forms ?? [])]) starts.add(phraseNorms(form), def);
    }
  }
  tables = {
    starts,
    headsByName,
    committeeOfKind: data.committeeOfKind, // the schema requires every kind
    centralCommittee: canonicalDisplay(data.centralCommittee),
    plural: new Set((data.pluralMarkers ?? []).map((p) => phraseNorms(p)[0]!)),
    orgWords: new PhraseTrie<true>(),
    legalForms: new PhraseTrie<true>(),
    boundPairs: new Set<string>(),
    partyOrgans: new Set((data.partyOrgans ?? []).map((n) => canonicalDisplay(n))),
    provincialOrgWords: new PhraseTrie<true>(),
    committeeHead: {
      type: 'head', name: '', place: 'level', kinds: [], fallback: [], parent: 'committee', qualifiers: [],
      partyQualifier: null, national: null, capitalised: false, bareUnique: false, committee: true,
    },
  };
  for (const w of data.orgWords ?? []) tables.orgWords.add(phraseNorms(w), true);
  for (const w of data.legalForms ?? []) tables.legalForms.add(phraseNorms(w), true);
  for (const w of data.provincialOrgWords ?? []) tables.provincialOrgWords.add(phraseNorms(w), true);
  // Every name the lexicon spells: its (capitalised, lower-case) neighbours are how names continue.
  const spelled = [
    ...data.heads.map((h) => h.name), ...(data.subBodies ?? []), ...(data.orgWords ?? []), ...(data.legalForms ?? []),
    ...[...(data.national ?? []), ...(data.international ?? [])].flatMap((n) => [n.name, ...(n.forms ?? [])]),
    ...(data.levelWords ?? []).map((l) => l.word), data.centralCommittee,
  ];
  for (const phrase of spelled) {
    const toks = tokenize(phrase.normalize('NFC'));
    for (let k = 1; k < toks.length; k++) {
      const a = toks[k - 1]!;
      const b = toks[k]!;
      if (a.word && b.word && !b.cap) tables.boundPairs.add(`${a.norm} ${b.norm}`);
    }
  }
  return tables;
}

/** Capitalised words that may follow a national body's name without making it foreign ("Quốc hội Khóa XIV", "Chính phủ Việt Nam"). */
const NATIONAL_CONTINUATIONS = new Set(['khóa', 'việt', 'nước', 'cộng', 'trung', 'tw', 'tư']);

/** A unit as written, before context resolution. */
export interface UnitMatch {
  start: number;
  end: number;
  /** Token index just after the match. */
  next: number;
  def: UnitDef;
  qualifier: QualifierDef | null;
  /** The written place (a name, or a bare level word), or null when nothing follows the head. */
  placeRef: PlaceRef | null;
  /** For organs of a committee: the committee ("Ban Thường vụ" + "Thành ủy"). */
  inner: UnitMatch | null;
  /** An organ of the Central Committee ("Ủy ban Kiểm tra Trung ương"). */
  central: boolean;
  block: number;
  /** Another unit of the same coordination whose place this one shares. */
  borrowFrom: UnitMatch | null;
  /** Not written: named by a title ("Quận ủy viên"). */
  implied?: boolean;
  /** Another country's body ("Bộ Tư pháp Mỹ", "Quốc hội Cuba"): the country as written after the name. */
  foreign?: { start: number; end: number; place: WorldPlace; at?: WorldPlace; inherited?: boolean };
  /** A body that needs a country and has none in the article: not a unit. */
  ownerless?: boolean;
  /** Written as Việt Nam's own ("Quốc hội khóa XIV"). */
  ours?: boolean;
  /** "… nước này": the body of the foreign country the article last named. */
  thisCountry?: boolean;
  /** Filled by resolveUnit. */
  resolved?: ResolvedUnit | null;
}

export interface ResolvedUnit {
  name: string;
  key: string;
  place: GazPlace | null;
  placeKey: string | null;
  parentKeys: string[];
  /**
   * The place was not written with the body but taken from the article or a
   * neighbouring body ("UBND tỉnh", "Sở Xây dựng", the "UBND" of "UBND và HĐND
   * tỉnh Quảng Nam"): the text as written is no name of this unit elsewhere.
   */
  elliptic?: boolean;
}

export interface MatchContext {
  era: Era;
  block: number;
  /** Records every PlaceRef created (explicit and bare), in text order. */
  placeRefs: PlaceRef[];
  text: string;
  /** Is tokens[i] the start of a person's name (for names missing from the gazetteer)? */
  personStartsAt: (tokens: readonly Token[], i: number) => boolean;
  /** Does a foreign person's name (two or more words) start at tokens[i]? */
  foreignNameAt?: (tokens: readonly Token[], i: number) => boolean;
  /** Records a place written at tokens[i] (a level word and name, a province, a country); the index after it, or i. */
  placeAt?: (tokens: readonly Token[], i: number) => number;
}

function makeRef(tokens: readonly Token[], from: number, nameAt: number, to: number, kinds: PlaceKind[], candidates: GazPlace[], ctx: MatchContext, levelWord: boolean): PlaceRef {
  const ref: PlaceRef = {
    start: tokens[from]!.start,
    end: tokens[to - 1]!.end,
    nameStart: nameAt < to ? tokens[nameAt]!.start : -1,
    written: nameAt < to ? ctx.text.slice(tokens[nameAt]!.start, tokens[to - 1]!.end) : null,
    levelWord: levelWord ? ctx.text.slice(tokens[from]!.start, tokens[nameAt - 1]!.end) : null,
    kinds,
    candidates,
    block: ctx.block,
  };
  ctx.placeRefs.push(ref);
  return ref;
}

/**
 * A place name that is not in the gazetteer: capitalised words (at most 3),
 * stopping where a person's name starts ("Quận ủy Xyz Nguyễn Văn A").
 */
export function unknownName(tokens: readonly Token[], i: number, ctx: Pick<MatchContext, 'personStartsAt'>): number {
  let j = i;
  let vietnamese = false;
  while (j < tokens.length && j - i < 3 && tokens[j]!.word && tokens[j]!.titleCase) {
    if (j > i && ctx.personStartsAt(tokens, j)) break;
    if (!/^[A-Za-z]+$/.test(tokens[j]!.raw)) vietnamese = true;
    j++;
  }
  // Plain-ASCII names ("tỉnh Ibaraki", "thành phố New York") are foreign places, outside the gazetteer's scope.
  return vietnamese ? j - i : 0;
}

/** Read a place after a head: [level word] name, or a bare level word. */
function readPlace(tokens: readonly Token[], j: number, def: HeadDef, ctx: MatchContext): { ref: PlaceRef | null; next: number } {
  const lw = matchLevelWord(tokens, j);
  const kinds = def.place === 'implied' ? def.kinds : lw ? lw.level.kinds : [];
  const fallback = def.place === 'implied' ? def.fallback : lw ? lw.level.fallback : [];
  if (def.place === 'level' && !lw) {
    // "UBND Hà Nội": a province or city name without its level word.
    const m = loadGazetteer().standalone.longest(tokens, j);
    const after = j + (m?.length ?? 0);
    if (m && tokens[j]!.cap && (!tokens[after]?.titleCase || ctx.personStartsAt(tokens, after))) {
      const candidates = filterCandidates(m.values, ['province', 'city'], [], ctx.era);
      if (candidates.length > 0) return { ref: makeRef(tokens, j, j, j + m.length, ['province', 'city'], candidates, ctx, false), next: j + m.length };
    }
    return { ref: null, next: j };
  }
  const at = lw ? j + lw.length : j;
  const name = matchName(tokens, at, kinds, fallback, ctx.era);
  if (name) {
    const end = at + name.length;
    return { ref: makeRef(tokens, j, at, end, kinds, name.candidates, ctx, !!lw), next: end };
  }
  // Capitalised words missing from the gazetteer are a place we cannot resolve, unless
  // they are a known place of another level ("Quận ủy Hà Nội" is not a district).
  const known = tokens[at]?.titleCase ? loadGazetteer().names.longest(tokens, at) : null;
  const unknown = tokens[at]?.titleCase && !known && !ctx.personStartsAt(tokens, at) ? unknownName(tokens, at, ctx) : 0;
  if (unknown > 0) {
    const end = at + unknown;
    return { ref: makeRef(tokens, j, at, end, kinds, [], ctx, !!lw), next: end };
  }
  if (lw) return { ref: makeRef(tokens, j, at, at, kinds, [], ctx, true), next: at };
  return { ref: null, next: j };
}

/**
 * A unit starting at tokens[i], or null. `plural` is true when the match is a
 * generic plural ("các Đảng ủy Khối"): the caller skips it without a mention.
 */
export function matchUnit(tokens: readonly Token[], i: number, ctx: MatchContext, lowerOk = false): (UnitMatch & { plural: boolean }) | null {
  const t = unitTables();
  const m = t.starts.longest(tokens, i);
  if (!m) return null;
  const def = m.values[0]!;
  const first = tokens[i]!;
  if (def.type === 'org') return null;
  if ((def.type !== 'head' || def.capitalised) && !first.cap && !lowerOk) return null;
  const prev = tokens[i - 1];
  const plural = !!prev && prev.word && t.plural.has(prev.norm);
  let j = i + m.length;
  const base = { start: first.start, block: ctx.block, borrowFrom: null, qualifier: null, placeRef: null, inner: null, central: false, plural };
  if (def.type === 'national') {
    // "Chính phủ Hàn Quốc", "Bộ Ngoại giao Mỹ": another country's body, not ours.
    // "Đại sứ quán Việt Nam tại Singapore": our own body abroad is named by where it is.
    const country = countryAfter(tokens, j);
    if (country && (country.place.code !== 'VN' || country.at)) {
      const foreign = { start: country.start, end: country.end, place: country.place, ...(country.at ? { at: country.at } : {}) };
      return { ...base, def, foreign, end: tokens[country.next - 1]!.end, next: country.next };
    }
    const after = tokens[j];
    // An international body has no country after it: a capital there starts the next name ("Tổng thư ký IPU Martin Chungong").
    const foreign = !def.international && !!after && after.word && after.cap && !after.expandedFrom && !NATIONAL_CONTINUATIONS.has(after.norm) && !ctx.personStartsAt(tokens, j);
    // "Quốc hội khóa XIV", "Chính phủ Việt Nam": written as ours, never another country's.
    const ours = !!after && NATIONAL_CONTINUATIONS.has(after.norm);
    // "Bộ Ngoại giao nước này": the country the sentence is about (ownForeignBodies, index.ts).
    const thisCountry = after?.norm === 'nước' && tokens[j + 1]?.norm === 'này';
    if (thisCountry) return { ...base, def, end: tokens[j + 1]!.end, next: j + 2, thisCountry };
    return { ...base, def, plural: plural || foreign, end: tokens[j - 1]!.end, next: j, ...(ours ? { ours } : {}) };
  }
  if (def.type === 'sub') {
    if (tokens[j]?.norm === 'trung' && tokens[j + 1]?.norm === 'ương') {
      return { ...base, def, central: true, end: tokens[j + 1]!.end, next: j + 2 };
    }
    const inner = matchUnit(tokens, j, ctx);
    if (inner && inner.def.type === 'head') return { ...base, def, inner, end: inner.end, next: inner.next };
    // A Party organ followed by a place ("Ban Tuyên giáo huyện Mỹ Đức") is the organ of that place's committee.
    if (t.partyOrgans.has(def.name)) {
      const place = readPlace(tokens, j, t.committeeHead, ctx);
      if (place.ref?.written) {
        const committee: UnitMatch = { ...base, plural: false, start: place.ref.start, end: place.ref.end, next: place.next, def: t.committeeHead, placeRef: place.ref } as UnitMatch;
        return { ...base, def, inner: committee, end: place.ref.end, next: place.next };
      }
    }
    return { ...base, def, end: tokens[j - 1]!.end, next: j };
  }
  let qualifier: QualifierDef | null = null;
  for (const q of def.qualifiers) {
    let ok = true;
    for (let k = 0; k < q.norms.length; k++) if (tokens[j + k]?.norm !== q.norms[k]) { ok = false; break; }
    if (ok) { qualifier = q; j += q.norms.length; break; }
  }
  // "Hội Liên hiệp Phụ nữ (HLHPN) phường X": the bracketed abbreviation is part of the name.
  if (tokens[j]?.raw === '(' && tokens[j + 2]?.raw === ')' && /^[A-ZĐ][A-ZĐ0-9]+$/u.test(tokens[j + 1]!.raw)) j += 3;
  // "Đảng ủy Khối" without the rest of a qualifier is a kind of committee, not a unit.
  if (!qualifier && def.qualifiers.length > 0 && tokens[j]?.norm === 'khối') return { ...base, def, plural: true, end: tokens[j]!.end, next: j + 1 };
  const place = readPlace(tokens, j, def, ctx);
  const next = place.next;
  return { ...base, def, qualifier, placeRef: place.ref, end: tokens[next - 1]!.end, next };
}

/**
 * A national unit named after a title without its first word ("Bộ trưởng Tài
 * chính" → "Bộ Tài chính", "Thứ trưởng Quốc phòng Mỹ" → "Bộ Quốc phòng Hoa Kỳ").
 */
export function matchUnitAfterPrefix(tokens: readonly Token[], j: number, prefix: string, ctx: MatchContext): UnitMatch | null {
  const first = tokens[j];
  if (!first?.word || !first.cap) return null;
  const virtual: Token[] = [...tokenize(prefix), ...tokens.slice(j, j + 12)];
  const head = virtual.length - Math.min(12, tokens.length - j);
  const m = unitTables().starts.longest(virtual, 0);
  if (!m || m.length <= head || m.values[0]!.type !== 'national') return null;
  const def = m.values[0]!;
  let next = j + m.length - head;
  const base = { start: first.start, block: ctx.block, borrowFrom: null, qualifier: null, placeRef: null, inner: null, central: false };
  const country = countryAfter(tokens, next);
  if (country && country.place.code !== 'VN') {
    const foreign = { start: country.start, end: country.end, place: country.place };
    return { ...base, def, foreign, end: country.end, next: next + country.words };
  }
  return { ...base, def, end: tokens[next - 1]!.end, next };
}

/** Does a bare unit `u` (no place written) take its place from `other`? */
function canBorrow(u: UnitMatch, other: UnitMatch): boolean {
  if (u.def.type === 'national' || u.def.type === 'org' || u.placeRef?.written || u.central) return false;
  if (u.def.type === 'sub') return !u.inner && other.def.type === 'sub' && !!other.inner;
  if (u.placeRef) return false; // a bare level word resolves from context
  return other.def.type === 'head' && !!other.placeRef;
}

// What may stand between two coordinated units: separators and at most a title
// ("Đảng ủy, Chủ tịch UBND phường"), no sentence or clause punctuation.
const COORDINATION_GAP = /^[^.;:!?"“”()]{0,40}$/;

/**
 * Link each bare unit to the next unit of its coordination, whose place it
 * shares ("Đảng ủy-UBND phường", "Phó Bí thư Đảng ủy, Chủ tịch UBND phường Minh Khai").
 * `units` must be in text order.
 */
export function linkCoordination(units: readonly UnitMatch[], text: string): void {
  for (let k = 0; k + 1 < units.length; k++) {
    const u = units[k]!;
    const v = units[k + 1]!;
    if (u.borrowFrom || v.start < u.end || v.block !== u.block) continue;
    if (!COORDINATION_GAP.test(text.slice(u.end, v.start))) continue;
    if (canBorrow(u, v)) u.borrowFrom = v;
  }
}

function kindsOf(def: HeadDef, ref: PlaceRef | null): PlaceKind[] {
  if (def.place === 'implied') return [...def.kinds, ...def.fallback];
  return ref ? ref.kinds : [];
}

function placePhrase(def: HeadDef, p: GazPlace): string {
  // Numbered units and names of people keep their level word: "Quận ủy quận 12",
  // "Thành ủy thành phố Hồ Chí Minh", not "Quận ủy 12", "Thành ủy Hồ Chí Minh".
  const bare = def.place === 'implied' && !/^\d/.test(p.name) && !loadGazetteer().notStandaloneNames.has(p.name);
  return bare ? p.name : `${LEVEL_WORD_OF_KIND[p.kind]} ${p.name}`;
}

function headAt(def: HeadDef, qualifier: string | null, p: GazPlace): { name: string; key: string } {
  const name = [def.name, qualifier, placePhrase(def, p)].filter(Boolean).join(' ');
  return { name, key: `unit:${name.toLowerCase()}@${p.key}` };
}

function committeeAt(p: GazPlace): string | null {
  const t = unitTables();
  const head = t.headsByName.get(t.committeeOfKind[p.kind]);
  return head ? headAt(head, null, p).key : null;
}

export function nationalKey(name: string): string {
  return `unit:${name.toLowerCase()}`;
}

export interface UnitContext {
  /** The place of one of `kinds` the article means at this point, or null. */
  placeFor(kinds: readonly PlaceKind[], block: number, offset: number): GazPlace | null;
  /** The only unit with this head (any qualifier) the article names with a place, or null. */
  uniqueUnitOf(head: HeadDef): ResolvedUnit | null;
}

/** Canonical name, key, place and parents of a matched unit; null when its place cannot be known. */
export function resolveUnit(u: UnitMatch, ctx: UnitContext): ResolvedUnit | null {
  if (u.resolved !== undefined) return u.resolved;
  u.resolved = null; // guards against cycles while resolving
  const t = unitTables();
  let out: ResolvedUnit | null = null;
  const def = u.def;
  if (u.foreign) {
    const name = `${def.name} ${u.foreign.place.name}${u.foreign.at ? ` tại ${u.foreign.at.name}` : ''}`;
    out = { name, key: nationalKey(name), place: null, placeKey: u.foreign.place.key, parentKeys: [] };
  } else if (def.type === 'org' && def.provincial) {
    // The province the article is about, else no entity (only the role's unit name): one "Sở Xây dựng"
    // entity across articles would hold every province's department.
    const p = ctx.placeFor(['province', 'city'], u.block, u.start);
    def.entity = !!p;
    const name = p ? `${def.name} ${p.name}` : def.name;
    out = { name, key: nationalKey(name), place: p, placeKey: p?.key ?? null, parentKeys: [], ...(p ? { elliptic: true } : {}) };
  } else if (def.type === 'org') {
    const parent = u.inner ? resolveUnit(u.inner, ctx) : null;
    out = { name: def.name, key: nationalKey(def.name), place: null, placeKey: parent?.placeKey ?? null, parentKeys: parent ? [parent.key] : [] };
  } else if (def.type === 'national') {
    out = { name: def.name, key: nationalKey(def.name), place: null, placeKey: null, parentKeys: [] };
  } else if (def.type === 'sub') {
    if (u.central) {
      const name = `${def.name} Trung ương`;
      out = { name, key: nationalKey(name), place: null, placeKey: null, parentKeys: [nationalKey(t.centralCommittee)] };
    } else {
      const inner = u.inner ?? u.borrowFrom?.inner ?? null;
      const r = inner ? resolveUnit(inner, ctx) : null;
      const elliptic = !u.inner || !!r?.elliptic;
      if (r) out = { name: `${def.name} ${r.name}`, key: `unit:${def.name.toLowerCase()} ${r.key.slice(5)}`, place: r.place, placeKey: r.placeKey, parentKeys: [r.key], ...(elliptic ? { elliptic } : {}) };
    }
  } else {
    out = resolveHead(u, def, ctx);
  }
  u.resolved = out;
  return out;
}

function resolveHead(u: UnitMatch, headDef: HeadDef, ctx: UnitContext): ResolvedUnit | null {
  const ref = u.placeRef;
  let def = headDef;
  if (def.committee) {
    const p = ref?.place;
    const t = unitTables();
    const head = p ? t.headsByName.get(t.committeeOfKind[p.kind]) : undefined;
    if (!head) return null;
    def = head;
  }
  let qualifier = u.qualifier?.name ?? null;
  let qualifierParent = u.qualifier?.parent ?? null;
  let place: GazPlace | null = null;
  if (ref?.written) {
    place = ref.place ?? null;
    if (!place) {
      // Written but not resolvable to one gazetteer unit: keyed by the name as written.
      const word = def.place === 'implied' ? '' : (ref.levelWord ?? '').toLowerCase();
      const name = [def.name, qualifier, word, canonicalDisplay(ref.written)].filter(Boolean).join(' ');
      return { name, key: `unit:${name.toLowerCase()}`, place: null, placeKey: null, parentKeys: [] };
    }
  } else if (u.borrowFrom) {
    const other = resolveUnit(u.borrowFrom, ctx);
    const kinds = def.place === 'implied' ? [...def.kinds, ...def.fallback] : null;
    for (let p = other?.place ?? null; p; p = p.parent) {
      if (!kinds || kinds.includes(p.kind)) { place = p; break; }
    }
    const oDef = u.borrowFrom.def;
    if (place && !qualifier && oDef.type === 'head' && oDef.partyQualifier && def.qualifiers.length > 0) {
      const q = def.qualifiers.find((x) => x.name === oDef.partyQualifier);
      if (q) { qualifier = q.name; qualifierParent = q.parent; }
    }
  } else if (ref || def.place === 'implied') {
    place = ctx.placeFor(kindsOf(def, ref), u.block, u.start);
  } else if (!u.qualifier) {
    if (def.national) return { name: def.national, key: nationalKey(def.national), place: null, placeKey: null, parentKeys: [] };
    return def.bareUnique ? ctx.uniqueUnitOf(def) : null;
  }
  if (!place) return null;
  // A committee head read through its fallback kinds is named for the place's own
  // kind: "Quận ủy" of a huyện is its Huyện ủy, "Tỉnh ủy" of a city its Thành ủy.
  if (def.place === 'implied' && !def.kinds.includes(place.kind)) {
    const t = unitTables();
    const own = t.headsByName.get(t.committeeOfKind[place.kind]);
    if (own && own.place === 'implied') def = own;
  }
  const { name, key } = headAt(def, qualifier, place);
  const parentKeys: string[] = [];
  if (qualifier) {
    const k = qualifierParent === 'committee' ? committeeAt(place) : headAt(def, null, place).key;
    if (k) parentKeys.push(k);
  } else if (place.parent) {
    const k = def.parent === 'committee' ? committeeAt(place.parent) : def.parent === 'same' ? headAt(def, null, place.parent).key : null;
    if (k) parentKeys.push(k);
  }
  return { name, key, place, placeKey: place.key, parentKeys, ...(ref?.written ? {} : { elliptic: true }) };
}

/** Joiners inside an organisation's name: "Đầu tư và Phát triển", "Bia - Rượu - Nước giải khát", "Mỏ - Địa chất". */
const ORG_JOINERS = new Set(['và', '-', '–', '&']);
const DASHES = new Set(['-', '–']);
/** Words after which an organisation's name has surely ended: what it belongs to, where it is. */
const CLOSING_WORDS = new Set(['thuộc', 'tại']);
const CLOSING_MARKS = new Set([',', ')', ';']);
/** Words that put a number after them in time, not in a name. */
const TIME_WORDS = new Set(['ngày', 'tháng', 'năm', 'sáng', 'chiều', 'tối', 'trưa', 'đêm', 'lúc', 'hôm', 'quý', 'khoảng']);
const MAX_ORG_TOKENS = 14;

/**
 * An organisation written with its kind and a name ("Công ty Cổ phần Sợi Thế
 * Kỷ", "Bệnh viện Nhi đồng 1", "Tổng công ty Điện lực thành phố Hà Nội",
 * "Đại học Mỏ - Địa chất"): an organisation word (units.yaml orgWords), then a
 * name that starts with a capital or a number. Inside the name, lower-case
 * words are kept only when a capitalised word or a number follows them before
 * any break, and up to three at the end of a name closed by punctuation
 * ("Công ty Mua bán điện,"). A function word, a person's name or sentence
 * punctuation ends it.
 */
export function matchNamedOrg(tokens: readonly Token[], i: number, ctx: MatchContext): UnitMatch | null {
  const first = tokens[i];
  if (!first?.word || !first.cap) return null;
  const t = unitTables();
  // "HỘI NGHỊ LẦN THỨ NĂM …": a heading in capitals, not an organisation.
  if (first.raw.length > 1 && first.raw === first.raw.toUpperCase() && !first.expandedFrom) return null;
  const head = t.orgWords.longest(tokens, i);
  // "Đoàn Trường Đại học …" reads like a name ("Đoàn Trường") but a second organisation word follows.
  if (!head || (ctx.personStartsAt(tokens, i) && !t.orgWords.longest(tokens, i + head.length))) return null;
  let j = i + head.length;
  const legal = t.legalForms.longest(tokens, j);
  if (legal) j += legal.length;
  // A one-word organisation word followed by a lower-case word is a common word ("Hội nghị", "Ban hành").
  if (head.length === 1 && !legal && tokens[j]?.word && !tokens[j]!.cap && !DIGITS.test(tokens[j]!.raw)) return null;
  const end = orgNameEnd(tokens, j, ctx);
  if (end === null) return null;
  const name = canonicalDisplay(spelledOut(tokens, i, end, ctx.text));
  const def: OrgDef = { type: 'org', name, entity: true };
  const refsBefore = ctx.placeRefs.length;
  const inner = readInside(tokens, j, end, ctx);
  // "Sở Xây dựng" with no place in its name: which province's is for the article to say (resolveUnit).
  if (t.provincialOrgWords.longest(tokens, i)?.length === head.length && ctx.placeRefs.length === refsBefore && !inner && !placeWithin(tokens, j, end, ctx)) def.provincial = true;
  return { start: first.start, end: tokens[end - 1]!.end, next: end, def, qualifier: null, placeRef: null, inner, central: false, block: ctx.block, borrowFrom: null };
}

/** Does tokens[from..to) hold a place's name (read whole by orgNameEnd, not recorded)? */
function placeWithin(tokens: readonly Token[], from: number, to: number, ctx: MatchContext): boolean {
  for (let k = from; k < to; k++) if (tokens[k]!.word && placeLength(tokens, k, ctx) > 0) return true;
  return false;
}

/**
 * What an organisation's name holds after its first word: the body it belongs to
 * ("Trung tâm Chống độc Bệnh viện Bạch Mai", "Cơ quan Cảnh sát điều tra Bộ Công an",
 * "Phòng Cảnh sát hình sự Công an tỉnh Đồng Nai"), returned as its inner unit (a
 * unit and the parent of the whole); and the places it names ("Công ty Xuất nhập
 * khẩu tỉnh Gia Lai", "Tổng công ty Dầu khí Việt Nam"), recorded through ctx.placeAt.
 */
function readInside(tokens: readonly Token[], from: number, to: number, ctx: MatchContext): UnitMatch | null {
  const t = unitTables();
  for (let k = from; k < to; k++) {
    const x = tokens[k]!;
    if (!x.word) continue;
    // A one-syllable organisation word right after a capitalised word is that word's
    // second syllable ("Đại học Bách Khoa Hà Nội"), not a body inside the name.
    const orgWord = t.orgWords.longest(tokens, k);
    const inName = !!orgWord && orgWord.length === 1 && !!tokens[k - 1]?.word && tokens[k - 1]!.cap;
    if (x.cap && (t.starts.longest(tokens, k) || (orgWord && !inName))) {
      const mark = ctx.placeRefs.length;
      const inner = matchUnit(tokens, k, ctx) ?? matchNamedOrg(tokens, k, ctx);
      if (inner && !('plural' in inner && inner.plural) && inner.next <= to) return inner;
      ctx.placeRefs.length = mark;
    }
    const next = ctx.placeAt?.(tokens, k) ?? k;
    if (next > to) break; // a place running past the name: not inside it (its refs stay with whoever reads on)
    if (next > k) k = next - 1;
  }
  return null;
}

/**
 * An organisation named after a title that carries its kind ("Vụ trưởng Pháp
 * chế" → "Vụ Pháp chế", "Trưởng khoa Tâm thần" → "Khoa Tâm thần"): the prefix
 * and the name read as matchNamedOrg reads it.
 */
export function matchNamedOrgAfterPrefix(tokens: readonly Token[], j: number, prefix: string, ctx: MatchContext): UnitMatch | null {
  // "Bộ trưởng Bộ GTVT": the prefix is already written.
  const written = tokenize(prefix).map((x) => x.norm);
  const hasPrefix = written.every((n, k) => tokens[j + k]?.norm === n);
  const from = hasPrefix ? j + written.length : j;
  const end = orgNameEnd(tokens, from, ctx, !hasPrefix);
  if (end === null) return null;
  const name = canonicalDisplay(`${prefix} ${spelledOut(tokens, from, end, ctx.text)}`);
  const def: OrgDef = { type: 'org', name, entity: true };
  return { start: tokens[j]!.start, end: tokens[end - 1]!.end, next: end, def, qualifier: null, placeRef: null, inner: null, central: false, block: ctx.block, borrowFrom: null };
}

/**
 * Where an organisation's name that starts at tokens[j] ends (exclusive), or
 * null. It starts with a capital or a number, or with at most three lower-case
 * words before one ("Công ty cà phê Thắng Lợi"); inside it lower-case words are
 * kept only when a capitalised word or a number follows within three; lexicon
 * pairs continue its last word ("Trung ương"); a function word, a person's
 * name, a second organisation or sentence punctuation ends it, and a name that
 * runs on into lower-case words we cannot place is not trusted.
 */
function orgNameEnd(tokens: readonly Token[], j: number, ctx: MatchContext, afterTitle = false): number | null {
  const t = unitTables();
  // After a written organisation word the name may look like a person's ("Bệnh viện Bạch Mai",
  // "Trường THPT Lê Quý Đôn"): it is the organisation's. Right after a title it is the person.
  if (!tokens[j]?.word || (afterTitle && ctx.personStartsAt(tokens, j))) return null;
  let end = j; // exclusive end of the name kept so far
  let lowerRun = 0;
  let k = j;
  const breaks = (x: Token): boolean => ORG_STOP.has(x.raw) || x.raw === ',' || (x.word && ORG_BREAK.has(x.norm));
  let closed = false; // stopped by punctuation or a word that names where it belongs, not by a verb, a name or the length
  let vietnameseName = false; // a capitalised Vietnamese word is in the name so far
  while (k < tokens.length && k - j < MAX_ORG_TOKENS) {
    const x = tokens[k]!;
    // Not a full stop or a colon: a verb often ends a sentence or opens a quote ("… Trường Đại học Mở nhận xét:").
    if (breaks(x)) { closed = x.word ? CLOSING_WORDS.has(x.norm) : CLOSING_MARKS.has(x.raw); break; }
    // A person's name ends it, unless the words are a place's name ("Thành phố Hồ Chí Minh")
    // that the name does not run past ("Dương Đức" is a commune, "Dương Đức Lân" a person).
    if (k > j && ctx.personStartsAt(tokens, k)) {
      const place = placeNameAt(tokens, k) ? Math.max(placeLength(tokens, k, ctx), 1) : 0;
      // A person's name is a visible end: "Tổng cục Dạy nghề Dương Đức Lân".
      if (place === 0 || (tokens[k + place]?.word && tokens[k + place]!.titleCase)) { closed = true; break; }
    }
    // "Tổng công ty trình Thủ tướng …": a title after a lower-case word starts another phrase.
    if (k > j && lowerRun > 0 && x.cap && titleTables().titles.longest(tokens, k)) break;
    // "Đảng Dân chủ Chuck Schumer": a foreign name after a Vietnamese name is a person's
    // (a name foreign from its first word, "Tập đoàn Berkshire Hathaway", is the organisation's).
    if (vietnameseName && x.cap && ctx.foreignNameAt?.(tokens, k)) { closed = true; break; }
    // "Sở Nội vụ … và Ban Tổ chức …": a second organisation starts. After a dash it is the
    // one this belongs to ("Trường Đại học Bách khoa – Đại học Quốc gia …"): part of the name.
    if (ORG_JOINERS.has(x.raw) && !DASHES.has(x.raw) && k + 1 < tokens.length && (t.orgWords.longest(tokens, k + 1) || t.starts.longest(tokens, k + 1))) break;
    // "… Trung Quốc và nhân dân …": "và" joins two capitalised parts of one name ("Đầu tư và Phát triển"), never a lower-case phrase.
    if (x.norm === 'và' && tokens[k + 1]?.word && !tokens[k + 1]!.cap) break;
    // "Ủy ban Tư pháp của Quốc hội": "của" leads on only to the body it belongs to ("Cơ quan của Razuq" is no name).
    if (x.norm === 'của' && !(tokens[k + 1]?.cap && (t.orgWords.longest(tokens, k + 1) || t.starts.longest(tokens, k + 1)))) break;
    // A place's name inside it is read whole ("Thành phố Hồ Chí Minh", "Đông Anh"), whatever its syllables look like.
    const place = k > j && x.word ? placeLength(tokens, k, ctx) : 0;
    if (place > 0) {
      k += place;
      end = k;
      lowerRun = 0;
      continue;
    }
    if (x.word && x.cap) {
      end = k + 1;
      lowerRun = 0;
      if (!PLAIN_LATIN_WORD.test(x.raw)) vietnameseName = true;
    } else if (DIGITS.test(x.raw)) {
      // "Bệnh viện 103", "Tổng công ty Phát điện 1": a number right after the name's words;
      // not a date or a time ("… TP.HCM chiều 26-5").
      // After a lower-case word it must end the name visibly ("… xây dựng điện 1,"), not start a count ("… khiến 8 người").
      if (lowerRun > 1 || (lowerRun === 1 && (TIME_WORDS.has(tokens[k - 1]!.norm) || !endsVisibly(tokens[k + 1])))) break;
      end = k + 1;
      lowerRun = 0;
    } else if (x.word) {
      if (++lowerRun > 3) break;
    } else if (!ORG_JOINERS.has(x.raw)) {
      break;
    }
    k++;
  }
  // Lower-case syllables right after the name's last capitalised word are kept when
  // they continue it as in the lexicon's own names ("Trung ương", "Quản lý", "Thành phố").
  while (end < k && tokens[end]!.word && !tokens[end]!.cap && t.boundPairs.has(`${tokens[end - 1]!.norm} ${tokens[end]!.norm}`)) end++;
  while (end > j && ORG_JOINERS.has(tokens[end - 1]!.raw)) end--;
  if (end <= j) return null;
  // Only a name that visibly ends is trusted: a lower-case word right after it may
  // be the rest of a word ("Công ty Tư vấn …") whose end we cannot see.
  const after = tokens[end];
  // A foreign last word ("Công ty Microsoft tổ chức …") is no first syllable of a longer word: its end is plain.
  const foreignLast = isForeignWord(tokens[end - 1]!.raw);
  if (after && after.word && !after.cap && !DIGITS.test(after.raw) && !ORG_BREAK.has(after.norm) && !properEnding(tokens, j, end) && !foreignLast) {
    // Unless a comma, a bracket, "thuộc"/"tại" or a person's name closes it within two
    // lower-case words: "Viện Vật lý Địa cầu thuộc …", "Công ty Mua bán điện, …".
    return closed && lowerRun > 0 && lowerRun <= 2 ? k : null;
  }
  return end;
}

const DIGITS = /^\d/;

/** Punctuation that closes a clause, a function word or a capital after a name: where it plainly ends ("30 %" does not). */
function endsVisibly(next: Token | undefined): boolean {
  return !next || next.cap || ORG_BREAK.has(next.norm) || CLAUSE_MARKS.has(next.raw);
}
const CLAUSE_MARKS = new Set([',', '.', ';', ':', ')', '(', '"', '“', '”', '-', '–']);

// A capitalised word in plain Latin letters ("Microsoft", "Galaxy"; not "Hà", "Đức").
const PLAIN_LATIN_WORD = /^[A-Z][a-z]+$/;
/** A plain Latin word of four letters or more that no Vietnamese syllable spells. */
function isForeignWord(raw: string): boolean {
  return PLAIN_LATIN_WORD.test(raw) && raw.length >= 4 && !spellsVietnameseSyllable(raw.toLowerCase());
}

/**
 * tokens[from..to) as a name: the text as written, with abbreviations spelled out
 * ("Sở GD-ĐT Hà Nội" → "Sở Giáo dục và Đào tạo Hà Nội"), runs of spaces as one.
 */
function spelledOut(tokens: readonly Token[], from: number, to: number, text: string): string {
  let out = '';
  let k = from;
  while (k < to) {
    const t = tokens[k]!;
    if (k > from) out += t.start > tokens[k - 1]!.end ? ' ' : '';
    if (t.expandedFrom) {
      // An expansion's tokens share the abbreviation's offsets: write them once, spaced.
      const words: string[] = [];
      while (k < to && tokens[k]!.expandedFrom && tokens[k]!.start === t.start) words.push(tokens[k++]!.raw);
      out += words.join(' ');
      // "TP.HCM": the full stop after an abbreviation is its mark, not the name's.
      if (tokens[k]?.raw === '.' && k + 1 < to && tokens[k + 1]!.start === tokens[k]!.end) {
        out += ' ';
        k++;
      }
      continue;
    }
    out += text.slice(t.start, t.end);
    k++;
  }
  return out.replace(/\s+/g, ' ');
}

/** The length of a place's name at tokens[k], level word included ("TP.HCM", "Hà Nội"), or 0. */
function placeLength(tokens: readonly Token[], k: number, ctx: MatchContext): number {
  const lw = matchLevelWord(tokens, k);
  if (lw) {
    const name = matchName(tokens, k + lw.length, lw.level.kinds, lw.level.fallback, ctx.era);
    if (name) return lw.length + name.length;
  }
  return tokens[k]!.cap ? loadGazetteer().names.longest(tokens, k)?.length ?? 0 : 0;
}

/** A place's name at tokens[k]: in the gazetteer, or right after a level word ("thành phố Hồ Chí Minh"). */
function placeNameAt(tokens: readonly Token[], k: number): boolean {
  const g = loadGazetteer();
  if (g.names.longest(tokens, k)) return true;
  for (let back = 1; back <= 2 && k - back >= 0; back++) {
    const lw = g.levelWords.longest(tokens, k - back, k);
    if (lw && lw.length === back) return true;
  }
  return false;
}
const ACRONYM = /^[A-ZĐ][A-ZĐ0-9]+$/u;

/**
 * A name whose end is plain even when a word follows: its last two words are
 * both capitalised ("… Sợi Thế Kỷ ký kết", "… Bạch Mai cho biết"), or it ends in
 * an acronym or a number ("… EVN", "… số 3"). A single capitalised word at the
 * end ("Công ty Tư vấn …") may be the first syllable of a longer word.
 */
function properEnding(tokens: readonly Token[], j: number, end: number): boolean {
  const last = tokens[end - 1]!;
  if (ACRONYM.test(last.raw) || DIGITS.test(last.raw)) return true;
  const before = tokens[end - 2];
  return end - 2 >= j && !!before && before.word && before.cap && last.word && last.cap;
}

const ORG_STOP = new Set(['.', ';', ':', '!', '?', '(', ')', '"', '“', '”', '…']);
// What ends an organisation named after a trailing title: "… Chi nhánh Cấp nước Nhà Bè - cho biết".
const TRAILING_CLOSERS = new Set([',', '-', '–', '—']);
const SHORT_TRAILING_ORG = 8;
// Words that never occur inside an organisation's name between a title and a name.
const ORG_BREAK = new Set(['đối', 'với', 'ông', 'bà', 'anh', 'chị', 'là', 'hiện', 'nay', 'tại', 'được', 'đã', 'đang', 'sẽ', 'cho', 'theo', 'khi', 'ở', 'về', 'trong', 'này', 'đó', 'đồng', 'chí', 'cũng', 'vừa', 'mới', 'nói', 'biết', 'khẳng', 'nhấn', 'chia', 'cùng', 'dự', 'tới', 'đến', 'từ', 'thì', 'mà', 'nhưng', 'người', 'thuộc', 'rằng', 'trên', 'dưới', 'nhất', 'do']);

/**
 * After a title that follows a name ("Ông Hồ Sỹ Hùng - Cục trưởng Cục Phát triển
 * doanh nghiệp, Bộ …"): an organisation starting with an organisation word, up to
 * punctuation or a function word, at most 14 tokens.
 */
export function matchOrgAfterTitle(tokens: readonly Token[], j: number, ctx: MatchContext): UnitMatch | null {
  const first = tokens[j];
  if (!first || !first.cap || !first.word || !unitTables().orgWords.longest(tokens, j)) return null;
  let k = j;
  const closes = (t: Token | undefined): boolean => !t || ORG_STOP.has(t.raw) || TRAILING_CLOSERS.has(t.raw);
  while (k < tokens.length && k - j < MAX_ORG_TOKENS && !closes(tokens[k]) && !ORG_BREAK.has(tokens[k]!.norm)) {
    if (k > j && ctx.personStartsAt(tokens, k)) break;
    k++;
  }
  // Only a name closed by punctuation is trusted (else it may run into the verb: "… thô sơ bày tỏ"),
  // and a long one only when a bracket closes it ("(kế toán trưởng Công ty …)") or it ends in a
  // capitalised word or a number ("… phụ tùng Hà Nội,"): a long run ending in lower case before a
  // comma is more often a clause ("… của Quốc hội Đức vào tuần rồi,").
  const last = tokens[k - 1];
  const plainEnd = !!last && (DIGITS.test(last.raw) || (last.word && last.cap));
  if (k - j < 2 || !closes(tokens[k]) || (k - j > SHORT_TRAILING_ORG && tokens[k]?.raw !== ')' && !plainEnd)) return null;
  const name = canonicalDisplay(spelledOut(tokens, j, k, ctx.text).replace(/[\s–—-]+$/, ''));
  const def: OrgDef = { type: 'org', name, entity: true };
  return { start: first.start, end: tokens[k - 1]!.end, next: k, def, qualifier: null, placeRef: null, inner: null, central: false, block: ctx.block, borrowFrom: null };
}

/**
 * The words between a title and the name that follows it, read as the title's
 * unit when no known unit matched ("Phó giám đốc Sở Du lịch Hà Nội Trần Hữu Bình").
 * At most 14 tokens, starting with a capital, no sentence punctuation; cut at "của".
 */
export function matchOrgBeforeName(
  tokens: readonly Token[],
  j: number,
  titleName: string,
  ctx: MatchContext,
): UnitMatch | null {
  const first = tokens[j];
  if (!first || !first.cap || !first.word) return null;
  let k = j;
  let cut = -1;
  while (k < tokens.length && k - j < 14 && !ORG_STOP.has(tokens[k]!.raw)) {
    if (k > j && ctx.personStartsAt(tokens, k)) break;
    if (ORG_BREAK.has(tokens[k]!.norm)) return null;
    if (k > j && tokens[k - 1]!.raw === ',' && titleTables().titles.longest(tokens, k)) return null; // ", Thủ tướng …": another person's titles
    if (cut < 0 && tokens[k]!.norm === 'của') cut = k;
    k++;
  }
  if (k === j || k >= tokens.length || !ctx.personStartsAt(tokens, k)) return null;
  const end = cut > j ? cut : k;
  // A unit's name, not a clause: every lower-case word continues a capitalised one as the lexicon's names do.
  for (let x = j + 1; x < end; x++) {
    const w = tokens[x]!;
    if (w.word && !w.cap && !DIGITS.test(w.raw) && !ORG_JOINERS.has(w.raw) && !unitTables().boundPairs.has(`${tokens[x - 1]!.norm} ${w.norm}`) && !unitTables().orgWords.longest(tokens, j)) return null;
  }
  let phrase = spelledOut(tokens, j, end, ctx.text).trim();
  // "Trưởng phòng Nghiên cứu …" → the unit is "Phòng Nghiên cứu …".
  const lastWord = titleName.split(' ').pop()!;
  const startsWithOrg = !!unitTables().orgWords.longest(tokens, j);
  if (/^(phòng|ban)$/.test(lastWord) && !startsWithOrg && !phrase.toLowerCase().startsWith(lastWord)) {
    phrase = `${lastWord.charAt(0).toUpperCase()}${lastWord.slice(1)} ${phrase}`;
  }
  const name = canonicalDisplay(phrase.replace(/[\s,–—-]+$/, ''));
  const isOrg = startsWithOrg || /^(phòng|ban)$/.test(lastWord);
  const def: OrgDef = { type: 'org', name, entity: isOrg };
  return { start: first.start, end: tokens[end - 1]!.end, next: k, def, qualifier: null, placeRef: null, inner: null, central: false, block: ctx.block, borrowFrom: null };
}
