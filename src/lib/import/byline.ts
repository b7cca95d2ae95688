/**
 * Bylines: "Đình Hiệp| 27/01/2023 06:59", a trailing "N.Hoa" or "Thanh Thương",
 * "Quỳnh Hoa (TTXVN)", "Thanh Thương/TTXVN", "Ngọc Sơn (theo AFP)", "Theo Vietnamnet".
 * Split into an author (a person's name, or initials) and an outlet.
 */
import { OUTLET_ALIASES, outletName } from './outlets.ts';

export interface Byline {
  author: string | null;
  source: string | null;
}

// One word of a byline name: "Hiệp", "N.", "N.Hoa", "M.C.", "THẢO" (all caps).
const NAME_WORD = /^(?:\p{Lu}\.)*\p{Lu}[\p{Ll}\p{M}]{0,7}\.?$|^\p{Lu}{2,7}$/u;
// First words that make a capitalised line something other than a name ("Báo Tiền Phong", "Phần I", "Xe Kia").
const NOT_A_NAME_START = new Set(['Báo', 'Tạp', 'Xe', 'Phần', 'Kỳ', 'Video', 'Clip', 'Ảnh', 'Nguồn', 'Play', 'Trang', 'Ngôi', 'Dân', 'Tin', 'Bài']);
const AUTHOR_SUFFIX = /\s+(?:thực hiện|tổng hợp|\(tổng hợp\)|\(t\/h\)|t\/h)$/iu;

/** True when the text reads as a person's name or initials: 1–5 capitalised words, no sentence punctuation. */
export function looksLikeName(text: string): boolean {
  if (text.length < 2 || text.length > 48) return false;
  const words = text.split(/\s+-\s+|\s+/u).filter((w) => w !== '-');
  if (words.length === 0 || words.length > 6) return false;
  if (!words.every((w) => NAME_WORD.test(w))) return false;
  if (NOT_A_NAME_START.has(words[0]!)) return false;
  // A single plain word ("Poly", "Tá") is too weak; initials ("N.Hoa", "K.D.") are not.
  return words.length >= 2 || text.includes('.');
}

/** Outlet named by an alias as written, or a short upper-case agency code ("TTXVN", "HNM"). */
function outletFrom(text: string): string | null {
  const t = text.trim();
  const known = outletName(t);
  if (known) return known;
  for (const alias of OUTLET_ALIASES) {
    if (t.startsWith(alias + '-') || t.startsWith(alias + ' ')) return outletName(alias);
  }
  return null;
}

/** Parse a line that may be a byline; null when it is not one. */
export function parseByline(line: string): Byline | null {
  if (line.length > 100) return null;
  let text = line.trim().replace(/\s*[-–]$/u, '').replace(AUTHOR_SUFFIX, '');
  if (text.length === 0 || text.length > 90) return null;
  let source: string | null = null;

  // "(Theo Công An Nhân Dân)", "Theo Vietnamnet": an attribution only.
  const theo = /^\(?Theo\s+(.{2,60}?)\)?$/iu.exec(text);
  if (theo) {
    const inner = theo[1]!;
    const paren = /^(.+?)\s*\(([^()]{2,50})\)$/u.exec(inner);
    if (paren && looksLikeName(paren[1]!)) return { author: paren[1]!, source: outletFrom(paren[2]!.split('/').pop()!) };
    const outlet = outletFrom(inner);
    if (outlet) return { author: null, source: outlet };
    if (looksLikeName(inner)) return { author: inner, source: null };
    return null;
  }
  // "Quỳnh Hoa (TTXVN)", "Ngọc Sơn (theo AFP)", "H.N. (theo Time, AP, BBC)"
  const paren = /^(.+?)\s*\(([^()]{2,50})\)$/u.exec(text);
  if (paren) {
    text = paren[1]!;
    const inside = paren[2]!.replace(/^theo\s+/iu, '');
    source = outletFrom(inside);
  }
  // "Thanh Thương/TTXVN", "Vũ Dũng/VOV", "TTXVN/Tin Tức"
  const slash = text.indexOf('/');
  if (slash > 0) {
    const whole = outletFrom(text);
    if (whole) return { author: null, source: whole };
    const outlet = outletFrom(text.slice(slash + 1));
    if (!outlet) return null;
    source ??= outlet;
    text = text.slice(0, slash).trim();
  }
  const onlyOutlet = outletFrom(text);
  if (onlyOutlet && !paren) return { author: null, source: onlyOutlet };
  if (!looksLikeName(text)) return null;
  return { author: text, source };
}

// Sentence end, then the last few words of a paragraph: "… nói./. Thái Linh", "… mới. Hương Anh".
const GLUED_TAIL_RE = /(?:\.\/\.|[.!?…”"»)])\s+([^.!?…”"»]{2,70}\S)$/u;

/** A byline glued to the end of a paragraph (Báo Mới lost its line breaks). */
export function splitGluedByline(paragraph: string): { text: string; byline: Byline } | null {
  const tail = paragraph.slice(-110);
  const m = GLUED_TAIL_RE.exec(tail);
  if (!m) return null;
  const byline = parseByline(m[1]!);
  if (!byline) return null;
  const cut = paragraph.length - tail.length + m.index + m[0].length - m[1]!.length;
  return { text: paragraph.slice(0, cut).trimEnd(), byline };
}
