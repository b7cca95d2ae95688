/**
 * Abbreviations: the built-in table (data/abbreviations.yaml) plus each
 * article's own definitions ("tổ chức cơ sở Đảng (TCCSĐ)"). Extractors match
 * on an expanded token stream in which "UBND" reads as "Ủy ban nhân dân"; the
 * expanded tokens keep the abbreviation's offsets, so a match still maps back to
 * the text as written.
 */
import { tokenize, tokenShape, type Token } from './tokens.ts';
import { readDataFile } from './data-file.ts';
import { abbreviationsFileSchema } from './lexicon-schema.ts';

export interface Abbreviation {
  abbr: string;
  expansion: string;
  expand: boolean;
}

let table: Map<string, Abbreviation> | null = null;

/** The built-in table, keyed by the abbreviation as written (case-sensitive). */
export function abbreviationTable(): Map<string, Abbreviation> {
  if (table) return table;
  const data = readDataFile('abbreviations.yaml', abbreviationsFileSchema);
  const map = new Map<string, Abbreviation>();
  for (const a of data.abbreviations) {
    map.set(a.abbr.normalize('NFC'), { abbr: a.abbr.normalize('NFC'), expansion: a.expansion.normalize('NFC'), expand: a.expand !== false });
  }
  table = map;
  return map;
}

const ABBR_RE = /^[A-ZĐ][A-ZĐ0-9]{1,9}$/u;

function initial(norm: string): string {
  return norm.normalize('NFD')[0] === 'đ' ? 'đ' : norm.normalize('NFD')[0]!;
}

/**
 * The article's own "(ABBR)" definitions: an all-capitals word in brackets whose
 * letters are the initials of the words just before the bracket.
 */
export function findDefinitions(tokens: readonly Token[]): Map<string, Abbreviation> {
  const out = new Map<string, Abbreviation>();
  for (let i = 1; i + 2 < tokens.length + 1; i++) {
    const open = tokens[i - 1]!;
    const word = tokens[i];
    const close = tokens[i + 1];
    if (open.raw !== '(' || !word || !close || close.raw !== ')' || !ABBR_RE.test(word.raw)) continue;
    const letters = [...word.raw.toLowerCase()];
    const n = letters.length;
    if (i - 1 - n < 0) continue;
    let ok = true;
    for (let k = 0; k < n; k++) {
      const t = tokens[i - 1 - n + k]!;
      if (!t.word || initial(t.norm) !== letters[k]!.normalize('NFD')[0]) { ok = false; break; }
    }
    if (!ok) continue;
    const words = tokens.slice(i - 1 - n, i - 1).map((t) => t.raw).join(' ');
    out.set(word.raw, { abbr: word.raw, expansion: words, expand: true });
  }
  return out;
}

const expansionCache = new Map<string, Token[]>();

function expansionTokens(expansion: string): Token[] {
  let toks = expansionCache.get(expansion);
  if (!toks) expansionCache.set(expansion, (toks = tokenize(expansion)));
  return toks;
}

/** Replace abbreviations by their expansions (same offsets). Returns the input when nothing changes. */
/** The longest run of tokens written without spaces from tokens[i] that is a compound abbreviation ("KH&CN", "LĐ-TB&XH"): its length, or 0. */
function compoundAt(tokens: readonly Token[], i: number, builtIn: Map<string, Abbreviation>): { length: number; written: string } | null {
  let written = tokens[i]!.raw;
  let found: { length: number; written: string } | null = null;
  for (let k = i + 1; k < tokens.length && k - i < COMPOUND_MAX_TOKENS && tokens[k]!.start === tokens[k - 1]!.end; k++) {
    written += tokens[k]!.raw;
    if (builtIn.has(written)) found = { length: k - i + 1, written };
  }
  return found;
}
const COMPOUND_MAX_TOKENS = 7;

/** Replace abbreviations by their expansions (same offsets). Returns the input when nothing changes. */
export function expandTokens(tokens: Token[], own: Map<string, Abbreviation>): Token[] {
  const builtIn = abbreviationTable();
  let out: Token[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const compound = t.word && t.cap && COMPOUND_START.test(t.raw) ? compoundAt(tokens, i, builtIn) : null;
    const def = compound ? builtIn.get(compound.written) : t.word && t.cap ? own.get(t.raw) ?? builtIn.get(t.raw) : undefined;
    // The definition itself "(HLHPN)" stays as written.
    const atDefinition = tokens[i - 1]?.raw === '(' && tokens[i + (compound?.length ?? 1)]?.raw === ')';
    if (!def || !def.expand || atDefinition) {
      if (out) out.push(t);
      continue;
    }
    if (!out) out = tokens.slice(0, i);
    const last = tokens[i + (compound?.length ?? 1) - 1]!;
    for (const e of expansionTokens(def.expansion)) {
      out.push({ ...e, ...tokenShape(e.raw), start: t.start, end: last.end, expandedFrom: compound?.written ?? t.raw });
    }
    if (compound) i += compound.length - 1;
  }
  return out ?? tokens;
}
// Compound abbreviations start with an upper-case run ("KH", "GD", "LĐ").
const COMPOUND_START = /^[A-ZĐ]{1,5}$/u;
