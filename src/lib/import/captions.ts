/**
 * Captions that run into the body text. Báo Mới lost its line breaks, so an
 * image caption and its credit sit inside the paragraph:
 *   "… hợp tác tốt. Thủ tướng Lào phát biểu tại kỳ họp. Ảnh: VGP Ngay sau kỳ họp, …"
 * The credit marks the caption; the caption is the sentence before it. The split
 * is made only when the credit's end is unambiguous (parentheses, a double space,
 * "…/TTXVN", an agency code, or the end of the paragraph); otherwise the text
 * stays as written.
 */
import type { Block } from './types.ts';

const CREDIT_RE = /\(?Ảnh\s*:\s*/gu;
const MAX_CAPTION = 300;
const MAX_CREDIT = 50;

/**
 * Length of the credit text after "Ảnh:", or -1 when its end is not clear.
 * rest: at most MAX_CREDIT + 2 characters after the colon (bounded, so a line
 * with thousands of credits stays linear); atEnd: rest reaches the paragraph's end.
 */
function creditLength(rest: string, parenthesized: boolean, atEnd: boolean): number {
  if (parenthesized) {
    const close = rest.indexOf(')');
    return close > 0 && close <= MAX_CREDIT ? close : -1;
  }
  const head = rest;
  const double = /^\S[^\n]*?\S(?= {2,})/u.exec(head);
  if (double && double[0].length <= MAX_CREDIT) return double[0].length;
  // "Thống Nhất/TTXVN", "AFP/ TTXVN", "Nhan Sáng/TTXVN": a name or agency, then "/AGENCY".
  const agencyLast = /^[^/\s][^/]{0,30}\/ ?\p{Lu}{2,6}(?=\s|$)/u.exec(head);
  if (agencyLast) return agencyLast[0].length;
  // "VGP/Quang Hiếu": agency, then a two-word name.
  const agencyFirst = /^\p{Lu}{2,6}\/ ?\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+(?=\s|$)/u.exec(head);
  if (agencyFirst) return agencyFirst[0].length;
  // "VGP", "DW", "TL", "NVCC": one agency code, then the next sentence.
  const code = /^\p{Lu}{2,6}\.?(?=\s+\p{Lu}|$)/u.exec(head);
  if (code) return code[0].length;
  // At the end of the paragraph: the rest is the credit when it reads as a name ("Nguyễn Quyết", "Anh Nguyễn.").
  const words = rest.trim().replace(/\.$/u, '').split(/\s+/u);
  if (atEnd && rest.length <= MAX_CREDIT && words.length <= 6 && words.every((w) => /^[\p{Lu}\d-]|\//u.test(w))) return rest.length;
  return -1;
}

/** Where the caption before a credit starts: after the previous sentence, or at the paragraph start. */
function captionStart(text: string, creditAt: number): number {
  const from = Math.max(0, creditAt - MAX_CAPTION);
  // The caption may itself end with a full stop: look before its last character.
  const region = text.slice(from, Math.max(from, creditAt - 2));
  let start = -1;
  const sentenceEnd = /[.!?…”"]\s+(?=\p{Lu})/gu;
  for (let m = sentenceEnd.exec(region); m; m = sentenceEnd.exec(region)) start = from + m.index + m[0].length;
  if (start >= 0) return start;
  // No sentence boundary within MAX_CAPTION characters: -1, and the caller declines to split.
  return from === 0 ? 0 : -1;
}

/** Split a paragraph at inline captions; a paragraph without a clear one comes back unchanged. */
export function splitInlineCaptions(paragraph: string): Block[] {
  if (!paragraph.includes('Ảnh')) return [{ kind: 'paragraph', text: paragraph }];
  const blocks: Block[] = [];
  let consumed = 0;
  CREDIT_RE.lastIndex = 0;
  for (let m = CREDIT_RE.exec(paragraph); m; m = CREDIT_RE.exec(paragraph)) {
    if (m.index < consumed) continue;
    const parenthesized = m[0].startsWith('(');
    const afterColon = m.index + m[0].length;
    const window = paragraph.slice(afterColon, afterColon + MAX_CREDIT + 2);
    const length = creditLength(window, parenthesized, afterColon + window.length >= paragraph.length);
    if (length <= 0) continue;
    // After an earlier caption, the next caption starts where that credit ended.
    const start = Math.max(consumed, captionStart(paragraph, m.index));
    if (start < 0 || m.index - start > MAX_CAPTION) continue;
    const caption = paragraph.slice(start, m.index).replace(/\s*[-–]\s*$/u, '').trim();
    const credit = `Ảnh: ${paragraph.slice(afterColon, afterColon + length).trim()}`;
    const before = paragraph.slice(consumed, start).trim();
    if (before) blocks.push({ kind: 'paragraph', text: before });
    blocks.push({ kind: 'caption', text: caption, credit });
    consumed = afterColon + length + (parenthesized ? 1 : 0);
    CREDIT_RE.lastIndex = consumed;
  }
  if (blocks.length === 0) return [{ kind: 'paragraph', text: paragraph }];
  const rest = paragraph.slice(consumed).replace(/^[.\s]+/u, '').trim();
  if (rest) blocks.push({ kind: 'paragraph', text: rest });
  return blocks;
}
