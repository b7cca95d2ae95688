/**
 * Folding and tone-placement canonicalisation: the one place where Vietnamese
 * text is made comparable. Extraction, index building and the browser's query
 * rewrite all use these functions (the browser bundle imports this file):
 * fold/matchKey for comparing words, foldChars when offsets must survive
 * (document codes in article text), foldName/foldTitle for registry names.
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/; // grave, acute, tilde, hook, dot below

/** Remove every diacritic, map đ→d and Đ→D. Case is kept. */
export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** Fold for matching: no diacritics, đ→d, lower case, single spaces. */
export function fold(text: string): string {
  return stripDiacritics(text).toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Put the tone mark of open "oa", "oe", "uy" syllables on the first vowel (the
 * old placement: hòa, khóa, Thụy), so "khoá"/"khóa" and "Thuỵ"/"Thụy" compare
 * equal. Syllables with a final consonant (hoàn, thuyết) and "qu"+vowel (quý)
 * are the same in both conventions and are left alone.
 */
export function canonicalTones(text: string): string {
  return text.normalize('NFC').replace(/\p{L}+/gu, canonicalSyllableMemo);
}

/**
 * Syllables repeat endlessly (a few thousand distinct ones in a whole corpus), and
 * indexing canonicalises every word of every article: remember the answers.
 * Bounded, so arbitrary input cannot grow it without limit.
 */
const syllableMemo = new Map<string, string>();
const SYLLABLE_MEMO_LIMIT = 100_000;

function canonicalSyllableMemo(word: string): string {
  let out = syllableMemo.get(word);
  if (out === undefined) {
    out = canonicalSyllable(word);
    if (syllableMemo.size >= SYLLABLE_MEMO_LIMIT) syllableMemo.clear();
    syllableMemo.set(word, out);
  }
  return out;
}

function canonicalSyllable(word: string): string {
  if (word.length < 2 || word.length > 7) return word;
  const decomposed = word.normalize('NFD');
  const toneMatch = TONE_MARKS.exec(decomposed);
  if (!toneMatch) return word;
  const tone = toneMatch[0];
  const base = decomposed.replace(TONE_MARKS, ''); // keeps circumflex, breve, horn
  const lower = base.toLowerCase();
  const m = /(oa|oe|uy)$/.exec(lower);
  if (!m) return word;
  const start = m.index;
  if (lower[start - 1] === 'q' || (lower[start - 1] === 'g' && lower[start] === 'i')) return word;
  // Tone is on the second vowel (new placement) → move it to the first.
  const baseChars = [...base];
  const target = baseChars.length - 2;
  const rebuilt = baseChars.slice(0, target + 1).join('') + tone + baseChars.slice(target + 1).join('');
  return rebuilt.normalize('NFC');
}

/** Fold and canonicalise for use as a matching key (also lower-cases). */
export function matchKey(text: string): string {
  return fold(text);
}

/** Canonical display form: NFC, old tone placement, single spaces. */
export function canonicalDisplay(text: string): string {
  return canonicalTones(text.normalize('NFC')).replace(/\s+/g, ' ').trim();
}

/**
 * Length-preserving fold: every character becomes its lower-case base letter
 * (đ→d, ư→u, ế→e) when that is a single character, otherwise it stays. Offsets
 * in the folded string are offsets in the original. Table-driven (one array
 * look-up per character) because the extractor folds whole articles.
 */
export function foldChars(text: string): string {
  const table = foldTable();
  const n = text.length;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    out[i] = c < TABLE_SIZE ? table[c]! : c;
  }
  return utf16.decode(out);
}

// Latin, Latin-1, Latin Extended-A/B and Latin Extended Additional (all Vietnamese letters).
const TABLE_SIZE = 0x1f00;
const utf16 = new TextDecoder('utf-16le');
let table: Uint16Array | null = null;

function foldTable(): Uint16Array {
  if (table) return table;
  table = new Uint16Array(TABLE_SIZE);
  for (let c = 0; c < TABLE_SIZE; c++) {
    const ch = String.fromCharCode(c);
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    const lower = ch.toLowerCase();
    table[c] = base.length === 1 ? base.charCodeAt(0) : lower.length === 1 ? lower.charCodeAt(0) : c;
  }
  return table;
}

/** Folded name for look-up: no diacritics, lower case, single spaces. */
export function foldName(text: string): string {
  return foldChars(text.normalize('NFC')).replace(/\s+/g, ' ').trim();
}

/** Folded title without quotes, punctuation or a leading "về": what follows "<Kind> … về" in text. */
export function foldTitle(text: string): string {
  return foldName(text).replace(/[“”"'‘’]/g, '').replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/^ve /, '');
}
