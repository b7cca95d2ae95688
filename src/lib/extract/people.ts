/**
 * People: names with the titles before or after them.
 *
 *   [title [unit]] (, title [unit])* [đồng chí] NAME     "Phó Bí thư Đảng ủy, Chủ tịch UBND phường Minh Khai Lê Thành Vinh"
 *   [đồng chí|ông|rank] NAME [, – -] title [unit] (, title [unit])*   "Đồng chí Võ Bích Thủy – Quận ủy viên, Bí thư …"
 *   NAME standing alone: 3–4 capitalised syllables starting with a family name,
 *   or any name the article already introduced with a title or a word of address.
 *
 * A NAME is 2–4 capitalised syllables starting with a family name from
 * data/titles.yaml; a longer capitalised run is not a name (strictness keeps
 * "Hội Phụ nữ"-style phrases out).
 */
import { canonicalTones } from '../text/fold.ts';
import { titleTables, type TitleDef } from './titles.ts';
import { matchNamedOrg, matchNamedOrgAfterPrefix, matchOrgAfterTitle, matchOrgBeforeName, matchUnit, matchUnitAfterPrefix, unitTables, type MatchContext, type UnitMatch } from './units.ts';
import { countryAfter, type WorldPlace } from './countries.ts';
import { spellsVietnameseSyllable, type Token } from './tokens.ts';
import { loadGazetteer } from './places.ts';

export interface RoleMatch {
  title: TitleDef;
  unit: UnitMatch | null;
  /** Held before ("nguyên Bộ trưởng", "cựu Tổng thống"). */
  former?: boolean;
  /** A foreign office: the country written after the title ("Thủ tướng Nhật Bản"). */
  country?: { start: number; end: number; place: WorldPlace; at?: WorldPlace };
}

export interface PersonMatch {
  /** Name span (without titles). */
  start: number;
  end: number;
  /** Token index after everything consumed (titles included). */
  next: number;
  name: string;
  key: string;
  roles: RoleMatch[];
  rank: string | null;
  /** How it was found: titled/addressed (anchored) or standing alone. */
  anchored: boolean;
  /** A foreign name standing alone (kept without an introduction). */
  foreign?: boolean;
  block: number;
}

const NAME_SEPARATORS = new Set([',', '-', '–', '—', '(']);

const SINGLE_CAPITAL = /^\p{Lu}$/u;

/** A syllable of a name: capitalised ("Minh"), or a single capital ("Hầu A Lềnh"). */
function nameWord(t: Token | undefined): boolean {
  // Letters only: "Đức8" is a name glued to a number, not a syllable.
  return !!t && t.word && !t.expandedFrom && (t.titleCase || SINGLE_CAPITAL.test(t.raw)) && !HAS_DIGIT.test(t.raw);
}
const HAS_DIGIT = /\d/;

/** Length in tokens of the name at tokens[i] (2–4), or 0. */
export function nameLength(tokens: readonly Token[], i: number): number {
  const first = tokens[i];
  if (!first || !first.titleCase || first.expandedFrom || !titleTables().families.has(first.norm)) return 0;
  const stop = titleTables().notInNames;
  let j = i + 1;
  // A title's first syllable ends the name ("Hoàng Trung Hải Bí thư …", the space before "Bí" lost).
  while (j < tokens.length && j - i <= 4 && nameWord(tokens[j]) && !stop.has(tokens[j]!.norm) && !titleTables().titles.longest(tokens, j)) j++;
  const n = j - i;
  if (n < 2 || n > 4) return 0;
  // A province or city name ("Hà Nội", "Lâm Đồng", "Hà Nội Mới") or a country does not start a person's name.
  if (loadGazetteer().standalone.longest(tokens, i, i + n) || titleTables().notNames.longest(tokens, i, i + n)) return 0;
  return n;
}

const FOREIGN_WORD = /^[A-Z][a-z]{1,20}$/;

/**
 * A foreign name right after a title or a word of address ("Tổng thống Donald
 * Trump", "ông Martin Rama"): 2–3 capitalised words in plain ASCII, one of at
 * least 4 letters. Vietnamese names carry diacritics and start with a family name.
 */
function foreignNameLength(tokens: readonly Token[], i: number): number {
  let j = i;
  let long = false;
  while (j < tokens.length && j - i < 4 && FOREIGN_WORD.test(tokens[j]!.raw) && !tokens[j]!.expandedFrom) {
    if (tokens[j]!.raw.length >= 4) long = true;
    j++;
  }
  let n = j - i;
  if (n < 2 || n > 3 || !long || tokens[j]?.titleCase) return 0;
  // "Roh Moo-hyun", "Moon Jae-in": the syllable after a hyphen written close belongs to the name.
  if (tokens[j]?.raw === '-' && tokens[j]!.start === tokens[j - 1]!.end && tokens[j + 1]?.start === tokens[j]!.end && /^[A-Za-z]+$/.test(tokens[j + 1]!.raw)) n += 2;
  else if (tokens[j]?.raw === '-' && tokens[j]!.start === tokens[j - 1]!.end) return 0;
  return n;
}

/** One foreign word after a head-of-state title ("Tổng thống Putin", "Thủ tướng Anh Blair"): at least 4 letters. */
function foreignSurnameLength(tokens: readonly Token[], i: number): number {
  const t = tokens[i];
  if (!t || t.expandedFrom || !FOREIGN_WORD.test(t.raw) || t.raw.length < 4) return 0;
  if (tokens[i + 1]?.word && tokens[i + 1]!.titleCase) return 0;
  return 1;
}

const LATIN_WORD = /^[A-Z][a-zäëïöüÿñçøåßé'’]{1,20}$/;
const ASCII_WORD = /^[A-Za-z]+$/;
const NAME_PARTICLES = new Set(['bin', 'de', 'van', 'von', 'al', 'da', 'del', 'la', 'le', 'di', 'du', 'dos', 'el', 'ibn']);

/** A word that cannot be a Vietnamese syllable ("Blair", "Oscar", "Sook"). */
function foreignWord(raw: string): boolean {
  return LATIN_WORD.test(raw) && (!ASCII_WORD.test(raw) ? /[äëïöüÿñçøåß]/.test(raw) : !spellsVietnameseSyllable(raw.toLowerCase()));
}

/** Could a foreign name start here: a capitalised word in Latin letters that Vietnamese does not write alone. */
export function mayStartForeignName(t: Token): boolean {
  return t.titleCase && LATIN_WORD.test(t.raw);
}

/**
 * A foreign name standing alone ("Oscar Keserci", "Osama bin Laden", "Aderito
 * Hugo Da Costa"): 2–4 capitalised Latin words (and lower-case name particles
 * between them), at least one of which cannot be a Vietnamese syllable.
 */
export function looseForeignNameLength(tokens: readonly Token[], i: number): number {
  const tables = titleTables();
  if (tables.notInNames.has(tokens[i]?.norm ?? '')) return 0; // "Theo …", "Tại …": a sentence's first word
  if (unitTables().starts.longest(tokens, i)) return 0; // "Hamas Sheikh Ahmed Yassin": a body's name, then the person's
  let j = i;
  let words = 0;
  let foreign = false;
  while (j < tokens.length && j - i < 8) {
    const t = tokens[j]!;
    if (t.expandedFrom) break;
    if (LATIN_WORD.test(t.raw)) {
      if (tables.notForeignNameWords.has(t.norm)) return 0;
      words++;
      if (foreignWord(t.raw)) foreign = true;
    } else if (words > 0 && NAME_PARTICLES.has(t.raw) && tokens[j + 1] && (LATIN_WORD.test(tokens[j + 1]!.raw) || tokens[j + 1]!.raw === '-')) {
      // "Osama bin Laden", "Abu Musab al-Zarqawi"
    } else if (words > 0 && t.raw === '-' && t.start === tokens[j - 1]!.end && tokens[j + 1]?.start === t.end && (LATIN_WORD.test(tokens[j + 1]!.raw) || /^[a-z]{2,8}$/.test(tokens[j + 1]!.raw))) {
      // "Jean-Pierre", "al-Zarqawi", "Roh Moo-hyun" (a Korean given name's second syllable in lower case)
      if (!LATIN_WORD.test(tokens[j + 1]!.raw)) { j += 2; foreign = true; continue; }
    } else if (words > 0 && /^[A-Z]$/.test(t.raw) && tokens[j + 1]?.raw === '.' && tokens[j + 2] && LATIN_WORD.test(tokens[j + 2]!.raw)) {
      // "George W. Bush": a middle initial
      j++;
    } else {
      break;
    }
    j++;
  }
  if (words < 2 || words > 4 || !foreign) return 0;
  if (tokens[j]?.word && tokens[j]!.cap) return 0; // part of a longer capitalised run
  return j - i;
}

/** A name after an anchor (title, word of address): Vietnamese or foreign. */
function anchoredNameLength(tokens: readonly Token[], i: number): number {
  return nameLength(tokens, i) || foreignNameLength(tokens, i);
}

export function personStartsAt(tokens: readonly Token[], i: number): boolean {
  return nameLength(tokens, i) > 0;
}

/** Canonical display of a name: canonical tones, each syllable capitalised. */
export function canonicalPersonName(tokens: readonly Token[], i: number, n: number): string {
  let out = '';
  for (let k = i; k < i + n; k++) {
    const t = tokens[k]!;
    const w = canonicalTones(t.raw).toLowerCase();
    // Particles keep their lower case ("Osama bin Laden"); tokens written together stay together ("Jean-Pierre", "W.").
    const word = t.cap ? w.charAt(0).toUpperCase() + w.slice(1) : w;
    out += k > i && t.start > tokens[k - 1]!.end ? ` ${word}` : word;
  }
  return out;
}

function person(tokens: readonly Token[], i: number, n: number, next: number, roles: RoleMatch[], rank: string | null, anchored: boolean, ctx: MatchContext): PersonMatch {
  const name = canonicalPersonName(tokens, i, n);
  return { start: tokens[i]!.start, end: tokens[i + n - 1]!.end, next, name, key: `person:${name.toLowerCase()}`, roles, rank, anchored, block: ctx.block };
}

/** A sequence of titles with their units; null when no title starts at i. */
function titleSequence(tokens: readonly Token[], i: number, ctx: MatchContext, trailing = false): { roles: RoleMatch[]; next: number } | null {
  const t = titleTables();
  const roles: RoleMatch[] = [];
  let j = i;
  for (;;) {
    // "nguyên Bộ trưởng …", "Phó Bí thư, nguyên Chủ tịch …"
    const f = t.formerWords.longest(tokens, j);
    const former = !!f && !!t.titles.longest(tokens, j + f.length);
    if (former) j += f!.length;
    const m = t.titles.longest(tokens, j);
    if (!m) break;
    const title = m.values[0]!;
    j += m.length;
    let unit: UnitMatch | null = null;
    const beforeUnit = ctx.placeRefs.length;
    let u = matchUnit(tokens, j, ctx);
    if (u?.plural) { ctx.placeRefs.length = beforeUnit; u = null; }
    // "Trưởng ban Tuyên giáo Huyện ủy X", "Phó Chánh Thanh tra Hà Nội": the title's
    // last word(s) start the unit's name.
    for (let back = 1; !u && back <= 2 && back < m.length; back++) {
      const mark = ctx.placeRefs.length;
      const v = matchUnit(tokens, j - back, ctx, true);
      if (v && !v.plural && v.next > j && ((v.def.type === 'sub' && (v.inner || v.central)) || (v.def.type === 'head' && v.placeRef?.written))) u = v;
      else ctx.placeRefs.length = mark;
    }
    if (!u && title.unitPrefix) {
      const p = matchUnitAfterPrefix(tokens, j, title.unitPrefix, ctx) ?? matchNamedOrgAfterPrefix(tokens, j, title.unitPrefix, ctx);
      if (p) u = { ...p, plural: false };
    }
    if (!u) { const o = matchNamedOrg(tokens, j, ctx); if (o) u = { ...o, plural: false }; }
    let country: RoleMatch['country'];
    if (!u) {
      // "Thủ tướng Nhật Bản …", "Tổng thống Mỹ …": an office of another country.
      // "Đại sứ Việt Nam tại Nga": another country named after "tại" makes our own a foreign office too.
      const c = countryAfter(tokens, j);
      if (c && c.place.level === 'country' && (c.place.code !== 'VN' || c.at)) {
        country = { start: c.start, end: c.end, place: c.place, ...(c.at ? { at: c.at } : {}) };
        j = c.next;
      }
    }
    if (country) {
      roles.push({ title, unit: null, country, ...(former ? { former } : {}) });
      const sep = tokens[j];
      if (sep && (sep.raw === ',' || sep.norm === 'và' || sep.norm === 'kiêm') && (t.titles.longest(tokens, j + 1) || t.formerWords.longest(tokens, j + 1))) { j++; continue; }
      break;
    }
    if (u && !u.plural) {
      unit = u;
      j = u.next;
    } else if (title.unit) {
      unit = impliedUnit(tokens, j - 1, title, ctx);
    } else if (trailing) {
      const org = matchOrgAfterTitle(tokens, j, ctx);
      if (org) { unit = org; j = org.next; }
    }
    roles.push({ title, unit, ...(former ? { former } : {}) });
    const sep = tokens[j];
    const nextTitle = (at: number): boolean => !!t.titles.longest(tokens, at) || (!!t.formerWords.longest(tokens, at) && !!t.titles.longest(tokens, at + t.formerWords.longest(tokens, at)!.length));
    if (sep && (sep.raw === ',' || sep.raw === '-' || sep.raw === '–' || sep.norm === 'và' || sep.norm === 'kiêm') && nextTitle(j + 1)) {
      j++;
      continue;
    }
    break;
  }
  return roles.length > 0 ? { roles, next: j } : null;
}

/** The unit a title names itself ("Quận ủy viên" → a bare "Quận ủy", resolved from context). */
function impliedUnit(tokens: readonly Token[], at: number, title: TitleDef, ctx: MatchContext): UnitMatch | null {
  const head = unitTables().headsByName.get(title.unit!);
  if (!head) return null;
  const tok = tokens[at]!;
  return { start: tok.start, end: tok.end, next: at + 1, def: head, qualifier: null, placeRef: null, inner: null, central: false, block: ctx.block, borrowFrom: null, implied: true };
}

/** A word of address or a rank at i: its length, and the rank if it is one. */
function addressAt(tokens: readonly Token[], i: number): { length: number; rank: string | null } | null {
  const t = titleTables();
  const r = t.ranks.longest(tokens, i);
  if (r && tokens[i]!.cap) return { length: r.length, rank: r.values[0]! };
  const h = t.honorifics.longest(tokens, i);
  if (h) return { length: h.length, rank: null };
  return null;
}

/** Titles after a name: "NAME, Bí thư Đảng ủy phường X". */
function trailingTitles(tokens: readonly Token[], j: number, ctx: MatchContext): { roles: RoleMatch[]; next: number } | null {
  // "Lưu Bình Nhưỡng (Bến Tre), Ủy viên …": a short bracket between the name and its titles.
  if (tokens[j]?.raw === '(') {
    let k = j + 1;
    while (k < tokens.length && k - j <= 6 && tokens[k]!.raw !== ')' && tokens[k]!.raw !== '(') k++;
    if (tokens[k]?.raw === ')' && (tokens[k + 1]?.raw === ',' || tokens[k + 1]?.raw === '-' || tokens[k + 1]?.raw === '–')) j = k + 1;
  }
  const sep = tokens[j];
  if (!sep || !NAME_SEPARATORS.has(sep.raw)) return null;
  const mark = ctx.placeRefs.length;
  const seq = titleSequence(tokens, j + 1, ctx, true);
  // "A, Thứ trưởng Bộ Tài chính B": the titles introduce the next name, not this one.
  if (seq && nameLength(tokens, seq.next) > 0) {
    ctx.placeRefs.length = mark;
    return null;
  }
  return seq;
}

/**
 * A person starting at tokens[i] (with titles or a word of address first), or null.
 * `standalone` also accepts a bare name of 3–4 syllables.
 */
export function matchPerson(tokens: readonly Token[], i: number, ctx: MatchContext): PersonMatch | null {
  // Word of address or rank, then the name, then optional titles.
  const addr = addressAt(tokens, i);
  if (addr) {
    let j = i + addr.length;
    let rank = addr.rank;
    if (!rank) {
      const r = addressAt(tokens, j); // "đồng chí Thượng tá …"
      if (r?.rank) { rank = r.rank; j += r.length; }
    }
    const n = anchoredNameLength(tokens, j);
    if (n > 0) {
      const after = trailingTitles(tokens, j + n, ctx);
      return person(tokens, j, n, after?.next ?? j + n, after?.roles ?? [], rank, true, ctx);
    }
  }
  // Titles, then the name.
  const seq = titleSequence(tokens, i, ctx);
  if (seq) {
    let j = seq.next;
    // "Giám đốc Công ty X (huyện Y) Nguyễn Văn A": a short bracket between the unit and the name.
    if (tokens[j]?.raw === '(' && seq.roles.at(-1)?.unit) {
      let k = j + 1;
      while (k < tokens.length && k - j <= 8 && tokens[k]!.raw !== ')' && tokens[k]!.raw !== '(') k++;
      if (tokens[k]?.raw === ')' && anchoredNameLength(tokens, k + 1) > 0) {
        for (let q = j + 1; q < k; q++) q = Math.max(q, (ctx.placeAt?.(tokens, q) ?? q) - 1); // the bracket's places are still read
        j = k + 1;
      }
    }
    const a = addressAt(tokens, j);
    let rank: string | null = null;
    if (a) { j += a.length; rank = a.rank; }
    const last = seq.roles[seq.roles.length - 1]!;
    // Foreign names only after a head-of-state style title ("Tổng thống Donald Trump"),
    // not after "Giám đốc", where a company name may follow.
    // So is an office of another country's body ("Bộ trưởng Tài chính Pháp Herve Gaymard").
    const foreignOk = (last.title.standalone && !last.unit) || !!last.country || !!last.unit?.foreign || (last.unit?.def.type === 'national' && last.unit.def.international);
    let n = foreignOk ? anchoredNameLength(tokens, j) || looseForeignNameLength(tokens, j) || foreignSurnameLength(tokens, j) : nameLength(tokens, j);
    if (n === 0 && !a && !last.unit) {
      // An organisation the unit tables do not know, between the title and the name.
      const org = matchOrgBeforeName(tokens, j, last.title.name, ctx);
      if (org) {
        last.unit = org;
        j = org.next;
        n = nameLength(tokens, j);
      }
    }
    if (n > 0) return person(tokens, j, n, j + n, seq.roles, rank, true, ctx);
    return null;
  }
  // The name, then titles.
  const n = nameLength(tokens, i);
  if (n > 0) {
    const prev = tokens[i - 1];
    if (prev && prev.word && prev.titleCase) return null; // inside a longer capitalised run
    const after = trailingTitles(tokens, i + n, ctx);
    if (after) return person(tokens, i, n, after.next, after.roles, null, true, ctx);
    return person(tokens, i, n, i + n, [], null, false, ctx);
  }
  return null;
}
