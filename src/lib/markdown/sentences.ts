/**
 * Sentence splitting for Vietnamese news text. A sentence ends at . ! ? … (and
 * any closing quotes/brackets after them) followed by a space and an upper-case
 * letter, a digit or an opening quote — except after abbreviations ("TP.", "Th.S",
 * "N.Hoa"-style initials) and inside numbers ("2.500", "25.10.2021").
 * Linear: one pass, no backtracking regular expression.
 */

// Tokens that end with a dot but do not end a sentence (compared lower-cased, without the dot).
const ABBREVIATIONS = new Set([
  'tp', 'tt', 'q', 'p', 'h', 'x', 'ths', 'ts', 'pgs', 'gs', 'bs', 'ks', 'ls', 'th.s', 'mr', 'mrs', 'ms', 'dr',
  'st', 'no', 'tr', 'vd', 'v.v', 'ttg', 'cn', 'đ', 'ng', 'pv', 'btv',
]);

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);
const OPENERS = new Set(['"', '“', '‘', "'", '(', '[', '«']);

export function splitSentences(text: string, from = 0, to = text.length): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = skipSpace(text, from, to);
  let i = start;
  while (i < to) {
    const ch = text[i]!;
    if (ch === '.' || ch === '!' || ch === '?' || ch === '…') {
      let end = i + 1;
      while (end < to && (text[end] === '.' || text[end] === '!' || text[end] === '?' || text[end] === '…')) end++;
      while (end < to && CLOSERS.has(text[end]!)) end++;
      if (isBoundary(text, i, end, to, ch)) {
        out.push({ start, end });
        start = skipSpace(text, end, to);
        i = start;
        continue;
      }
      i = end;
      continue;
    }
    i++;
  }
  if (start < to) {
    let end = to;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}

function skipSpace(text: string, i: number, to: number): number {
  while (i < to && /\s/.test(text[i]!)) i++;
  return i;
}

function isBoundary(text: string, markAt: number, end: number, to: number, mark: string): boolean {
  if (end >= to) return true;
  if (!/\s/.test(text[end]!)) return false; // "2.500", "N.Hoa", "05.2016"
  const next = text[skipSpace(text, end, to)];
  if (next === undefined) return true;
  if (!(/[\p{Lu}\d]/u.test(next) || OPENERS.has(next) || next === '-' || next === '–')) return false;
  if (mark !== '.') return true;
  // The word before the dot: an abbreviation or a single initial does not end a sentence.
  let w = markAt;
  while (w > 0 && /[\p{L}.]/u.test(text[w - 1]!)) w--;
  const word = text.slice(w, markAt).toLowerCase();
  if (ABBREVIATIONS.has(word)) return false;
  if (/^\p{L}$/u.test(word) && /\p{Lu}/u.test(text[w]!)) return false; // initials: "Nguyễn V. A."
  return true;
}
