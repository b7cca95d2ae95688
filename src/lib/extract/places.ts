/**
 * Places: provinces, cities, districts, wards and communes, matched against the
 * compact gazetteer data/places.json (derived from ../shared/gazetteer by
 * scripts/build-places.ts).
 *
 * A place is recognised after a level word ("phường Minh Khai", "TP Hà Nội"),
 * in a list after a plural level word ("4 phường (Cầu Dền, Trương Định)"), as a
 * province/city name standing alone ("Bắc Ninh"), or inside a unit name
 * ("Quận ủy Hai Bà Trưng" mentions the place Hai Bà Trưng too). Names repeat
 * (Minh Khai ×10), so each reference keeps all its candidates until the whole
 * article is read; `disambiguate` then picks the candidate whose ancestors the
 * article also names. Articles dated before 1 July 2025 (or undated) use the
 * pre-2025 gazetteer, later ones the 2025 one; a name missing there is looked
 * up in the other era (an article may speak about the past).
 */
import fs from 'node:fs';
import { canonicalDisplay } from '../text/fold.ts';
import { PhraseTrie, dataPath, phraseNorms, type Token } from './tokens.ts';
import { readDataFile } from './data-file.ts';
import { PLACE_KINDS, unitsFileSchema } from './lexicon-schema.ts';

export type Era = 'pre-2025' | '2025';
export type PlaceKind = (typeof PLACE_KINDS)[number];
const KINDS = new Set<PlaceKind>(PLACE_KINDS);

/** kb.json `level` of each kind. */
export const LEVEL_OF_KIND: Record<PlaceKind, string> = {
  city: 'city',
  province: 'province',
  quan: 'district',
  huyen: 'district',
  thixa: 'town',
  tp: 'provincial-city',
  phuong: 'ward',
  xa: 'commune',
  thitran: 'township',
  dackhu: 'commune',
};

/** The level word written before a name of each kind, lower case. */
export const LEVEL_WORD_OF_KIND: Record<PlaceKind, string> = {
  city: 'thành phố',
  province: 'tỉnh',
  quan: 'quận',
  huyen: 'huyện',
  thixa: 'thị xã',
  tp: 'thành phố',
  phuong: 'phường',
  xa: 'xã',
  thitran: 'thị trấn',
  dackhu: 'đặc khu',
};

export interface GazPlace {
  era: Era;
  code: string;
  name: string;
  kind: PlaceKind;
  parent: GazPlace | null;
  /** The 2025-era province this place lies in (for comparing areas across eras). */
  area: string;
  /** Resolution key: "place:<era>:<code>". */
  key: string;
}

export interface LevelWord {
  kinds: PlaceKind[];
  fallback: PlaceKind[];
}

export interface Gazetteer {
  byKey: Map<string, GazPlace>;
  names: PhraseTrie<GazPlace>;
  levelWords: PhraseTrie<LevelWord>;
  /** Province/city names that may stand alone. */
  standalone: PhraseTrie<GazPlace>;
  /** Names that never stand alone (units.yaml notStandalone), canonical display. */
  notStandaloneNames: Set<string>;
}

interface PlacesFile {
  provinceTo2025: Record<string, string>;
  eras: Record<Era, [string, string, string, string | null][]>;
}

let gazetteer: Gazetteer | null = null;

export function loadGazetteer(): Gazetteer {
  if (gazetteer) return gazetteer;
  const file = dataPath('places.json');
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as PlacesFile;
  const byKey = new Map<string, GazPlace>();
  const names = new PhraseTrie<GazPlace>();
  const standalone = new PhraseTrie<GazPlace>();
  const unitsFile = readDataFile('units.yaml', unitsFileSchema);
  const notStandalone = new Set((unitsFile.notStandalone ?? []).map((n) => phraseNorms(n).join(' ')));
  for (const era of ['pre-2025', '2025'] as Era[]) {
    const rows = data.eras[era];
    if (!Array.isArray(rows)) throw new Error(`${file}: missing era "${era}"; rerun scripts/build-places.ts`);
    const places = rows.map(([code, name, kind, _parent]) => {
      if (!KINDS.has(kind as PlaceKind)) throw new Error(`${file}: ${era}/${code} has unknown kind "${kind}"`);
      const p: GazPlace = { era, code, name: canonicalDisplay(name), kind: kind as PlaceKind, parent: null, area: '', key: `place:${era}:${code}` };
      byKey.set(p.key, p);
      return p;
    });
    rows.forEach(([code, , , parent], i) => {
      if (parent) places[i]!.parent = byKey.get(`place:${era}:${parent}`) ?? null;
      void code;
    });
    for (const p of places) {
      let top = p;
      while (top.parent) top = top.parent;
      p.area = era === '2025' ? top.code : data.provinceTo2025[top.code] ?? top.code;
      const norms = phraseNorms(p.name);
      names.add(norms, p);
      if ((p.kind === 'province' || p.kind === 'city') && !notStandalone.has(norms.join(' '))) standalone.add(norms, p);
    }
  }
  const levelWords = new PhraseTrie<LevelWord>();
  for (const lw of unitsFile.levelWords) levelWords.add(phraseNorms(lw.word), { kinds: lw.kinds, fallback: lw.fallback ?? [] });
  const notStandaloneNames = new Set((unitsFile.notStandalone ?? []).map((n) => canonicalDisplay(n)));
  gazetteer = { byKey, names, levelWords, standalone, notStandaloneNames };
  return gazetteer;
}

/** A place as the article writes it, before disambiguation. */
export interface PlaceRef {
  start: number;
  end: number;
  /** Offset where the name starts (after the level word), or -1 for a bare level word. */
  nameStart: number;
  /** The name as written ("Minh Khai"), or null for a bare level word ("phường"). */
  written: string | null;
  /** The level word as written, or null. */
  levelWord: string | null;
  kinds: PlaceKind[];
  candidates: GazPlace[];
  /** Index of the block the reference is in (for context look-ups). */
  block: number;
  /** Chosen by disambiguate(). */
  place?: GazPlace | null;
  /** True when the reference comes from the article title (context only, no mention). */
  fromTitle?: boolean;
}

export function eraOf(published: string | null): Era {
  return published !== null && published >= '2025-07-01' ? '2025' : 'pre-2025';
}

export function filterCandidates(all: readonly GazPlace[], kinds: readonly PlaceKind[], fallback: readonly PlaceKind[], era: Era, otherEra = true): GazPlace[] {
  const pick = (ks: readonly PlaceKind[], e: Era): GazPlace[] => all.filter((p) => p.era === e && ks.includes(p.kind));
  const other: Era = era === '2025' ? 'pre-2025' : '2025';
  const tries: [readonly PlaceKind[], Era][] = [[kinds, era], [fallback, era]];
  if (otherEra) tries.push([kinds, other], [fallback, other]);
  for (const [ks, e] of tries) {
    if (ks.length === 0) continue;
    const c = pick(ks, e);
    if (c.length > 0) return c;
  }
  return [];
}

/** Is tokens[i] a word that may start a place name ("Minh", "1")? */
function nameStartOk(t: Token | undefined): boolean {
  return !!t && t.word && (t.cap || /^\d/.test(t.raw));
}

/**
 * A gazetteer name of one of `kinds` at tokens[i] (no level word), longest first.
 * Returns the number of tokens and the candidates.
 */
export function matchName(
  tokens: readonly Token[],
  i: number,
  kinds: readonly PlaceKind[],
  fallback: readonly PlaceKind[],
  era: Era,
  otherEra = true,
): { length: number; candidates: GazPlace[] } | null {
  if (!nameStartOk(tokens[i])) return null;
  const g = loadGazetteer();
  const options = g.names.all(tokens, i);
  for (let k = options.length - 1; k >= 0; k--) {
    const o = options[k]!;
    // Every word of the name must be capitalised as written (or a number): "Minh Khai", not "minh khai".
    let ok = true;
    for (let j = i; j < i + o.length; j++) if (tokens[j]!.word && !tokens[j]!.cap && !/^\d/.test(tokens[j]!.raw)) ok = false;
    if (!ok) continue;
    const candidates = filterCandidates(o.values, kinds, fallback, era, otherEra);
    if (candidates.length > 0) return { length: o.length, candidates };
  }
  return null;
}

/** A level word at tokens[i] ("phường", "TP", "thành phố"), skipping a dot after "TP.". */
export function matchLevelWord(tokens: readonly Token[], i: number): { length: number; level: LevelWord } | null {
  const m = loadGazetteer().levelWords.longest(tokens, i);
  if (!m) return null;
  let length = m.length;
  if (tokens[i + length]?.raw === '.' && tokens[i]!.expandedFrom) length++;
  return { length, level: m.values[0]! };
}

/**
 * Choose each reference's place. Anchors are the candidates of unambiguous
 * references and their ancestors; an ambiguous reference takes the candidate
 * with the most anchored ancestors (ties stay unresolved: null). Two rounds, so
 * a reference resolved in the first round anchors the second.
 */
export function disambiguate(refs: readonly PlaceRef[]): void {
  const anchors = new Set<string>();
  const anchor = (p: GazPlace): void => {
    for (let q: GazPlace | null = p; q; q = q.parent) anchors.add(q.key);
  };
  for (const r of refs) {
    if (r.candidates.length === 1) {
      r.place = r.candidates[0]!;
      anchor(r.place);
    }
  }
  for (let round = 0; round < 2; round++) {
    for (const r of refs) {
      if (r.place || r.candidates.length < 2) continue;
      let best: GazPlace | null = null;
      let bestScore = 0;
      let tie = false;
      for (const c of r.candidates) {
        let score = 0;
        for (let q = c.parent; q; q = q.parent) if (anchors.has(q.key)) score++;
        if (score > bestScore) { best = c; bestScore = score; tie = false; }
        else if (score === bestScore && score > 0) tie = true;
      }
      if (best && !tie) {
        r.place = best;
        anchor(best);
      }
    }
  }
  for (const r of refs) if (r.place === undefined) r.place = null;
}

/** Display name of a place: "Phường Minh Khai", "Thành phố Hà Nội", "Tỉnh Bắc Ninh". */
export function placeDisplayName(p: GazPlace): string {
  const word = LEVEL_WORD_OF_KIND[p.kind];
  const label = `${word} ${p.name}`;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Display name for a reference that could not be resolved to one gazetteer unit. */
export function unresolvedPlaceName(ref: PlaceRef): string {
  // Items of a list ("4 phường (Cầu Dền, …)") have no level word of their own but a known level.
  const word = ref.levelWord || ref.kinds.length === 1 || ref.kinds[0] === 'phuong' || ref.kinds[0] === 'xa' ? LEVEL_WORD_OF_KIND[ref.kinds[0]!] : '';
  const label = `${word} ${canonicalDisplay(ref.written ?? '')}`.trim();
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Resolution key of a reference: the gazetteer unit, or level + name when ambiguous. */
export function placeKey(ref: PlaceRef): string | null {
  if (ref.place) return ref.place.key;
  if (!ref.written) return null;
  return `place:?:${LEVEL_OF_KIND[ref.kinds[0]!]}:${canonicalDisplay(ref.written).toLowerCase()}`;
}
