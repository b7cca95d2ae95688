/**
 * Folding and tone-placement canonicalisation: the one place where Vietnamese
 * text is made comparable. Extraction, index building and the browser's query
 * rewrite all use these functions (the browser bundle imports this file).
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
