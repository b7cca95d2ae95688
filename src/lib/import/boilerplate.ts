/**
 * Every page-boilerplate rule of the importer, in one table.
 *
 * A rule looks at one line (one paragraph: inputs have one paragraph a line)
 * in a given place of the article:
 *   header  – lines before the headline (section labels, "Cập nhật: …")
 *   lead    – lines between the headline and the first body paragraph (byline, dateline)
 *   body    – every body line, top to bottom
 *   tail    – the last lines, bottom up, while rules keep matching (byline, title repeat)
 *   dropped – lines removed by a "drop-block" rule (only mined for metadata)
 * and says what to do:
 *   drop         remove the line
 *   drop-block   remove the line and the short lines after it, up to the next long
 *                paragraph (BLOCK_END_LENGTH) or the end: related lists, widgets, footers
 *   capture      remove the line after taking a date / author / source from it
 *   image-marker remove the line (an image file name, slug or alt text); the next line is a caption
 *   caption      the line is an image caption (rewrite gives its text, credit its photo credit)
 *   credit       the line is a photo credit ("Ảnh: M.Quang") of the caption just before it
 * To add a rule, add a row; the order of rows is the order they are tried.
 *
 * Inside paragraphs (after the line rules), article.ts applies, in this order:
 *   INLINE_BOILERPLATE  phrases glued to a paragraph's end (below)
 *   splitLeadOutlet     "(HNM) - …", "TTXVN - …", "QPTĐ-…" lead-ins → source (below)
 *   splitGluedByline    "… nói./. Thái Linh" at the end of the last paragraph → author (byline.ts)
 *   splitInlineCaptions "… kỳ họp. Ảnh: VGP Ngay sau …" → caption block (captions.ts)
 * Data the rules read: data/import/section-labels.yaml, data/import/outlets.yaml.
 * Every pattern is linear: no nested quantifiers over overlapping classes, and
 * patterns anchored at a paragraph's end only look at its last characters.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { fold } from '../text/fold.ts';
import { findDayMonthYear } from './dates.ts';
import { parseByline } from './byline.ts';
import { OUTLET_ALIASES, outletName } from './outlets.ts';

export type RulePlace = 'header' | 'lead' | 'body' | 'tail' | 'dropped';
export type RuleAction = 'drop' | 'drop-block' | 'capture' | 'image-marker' | 'caption' | 'credit';

/** A 'drop-block' ends at the first line longer than this: the article's text resuming after a box. */
export const BLOCK_END_LENGTH = 280;

/** What the rules know about the article while they run. */
export interface LineContext {
  /** The headline, once found. */
  title: string | null;
  /** The next non-empty line, if any. */
  next: string | undefined;
  /** The previous non-empty line, if any. */
  previous?: string | undefined;
}

/** Metadata captured from boilerplate lines (first capture wins). */
export interface Captured {
  published?: string | null;
  author?: string | null;
  source?: string | null;
}

export interface BoilerplateRule {
  name: string;
  where: readonly RulePlace[];
  test: (line: string, ctx: LineContext) => boolean;
  action: RuleAction;
  /** For 'capture': the fields the line states. */
  capture?: (line: string) => Captured;
  /** For 'caption': the caption text and credit, when the line carries more than the caption. */
  rewrite?: (line: string, ctx: LineContext) => { text: string; credit: string | null };
  example: string;
}

const SECTION_LABELS_FILE = new URL('../../../data/import/section-labels.yaml', import.meta.url);
const SECTION_LABELS: ReadonlySet<string> = new Set(
  (parse(readFileSync(SECTION_LABELS_FILE, 'utf8')) as unknown[]).map((label) => fold(String(label))),
);

/** Exact line, optional trailing colon, any case. */
function exactly(...phrases: string[]): (line: string) => boolean {
  const wanted = new Set(phrases.map((p) => p.toLowerCase()));
  const longest = Math.max(...phrases.map((p) => p.length)) + 2;
  return (line) => line.length <= longest && wanted.has(line.replace(/\s*:$/u, '').toLowerCase());
}

/** A headline-like line: not a sentence (no final full stop), not too long. */
function titleLike(line: string | undefined): boolean {
  return line !== undefined && line.length >= 15 && line.length <= 250 && !/[.:;]$/u.test(line);
}

const IMAGE_FILE_RE = /^\S{1,200}\.(?:jpe?g|png|gif|webp|bmp)$/iu;
// A URL-style slug or file stem on its own line: "tongketcongtacxaydungdang", "xay-dung-dang_2".
const SLUG_RE = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/u;
const CREDIT_LINE_RE = /^\(?(?:Ảnh|Ảnh minh họa|Nguồn ảnh|Photo)\s*:\s*([^()]{1,60}?)\)?\.?$/u;
const INLINE_CREDIT_RE = /\s*\((?:Ảnh|Nguồn ảnh)\s*:\s*([^()]{1,60})\)\.?$/u;
const RELATED_ITEM_RE = /\S\(\d{1,2}\/\d{1,2}(?:\/\d{4})?\)$/u;
const DOMAIN_LINE_RE = /^((?:[a-z0-9-]+\.)+(?:vn|com|net|org))\s/u;
const SCRIPT_LINE_RE = /^(?:if \(|switch \(|\{?case '|default:$|break;$|\}|var |function[ (]|document\.|kmode =|kfont =|initVietTyper)/u;

export const BOILERPLATE_RULES: readonly BoilerplateRule[] = [
  // ── metadata lines: captured, then removed ─────────────────────────────────
  {
    name: 'updated timestamp',
    where: ['header', 'lead', 'body'],
    test: (l) => /^Cập nhật\s*:?\s*\d{1,2}\/\d{1,2}\/\d{4}/iu.test(l),
    action: 'capture',
    capture: (l) => ({ published: findDayMonthYear(l) }),
    example: 'Cập nhật: 18/03/2022 06:30 GMT+7',
  },
  {
    name: 'posted / view-counter line',
    where: ['header', 'lead', 'body'],
    test: (l) => /^;?\s*đăng\s*:/iu.test(l) || /truy cập\s+[\d.]+\s+lượt/iu.test(l) || (/lượt/iu.test(l) && /^(?:Lượt xem:\s*)?[\d.,]+(?:\s+lượt\s+(?:xem|đọc))?$/iu.test(l)),
    action: 'capture',
    capture: (l) => ({ published: findDayMonthYear(/đăng\s*:([^;]{0,40})/iu.exec(l)?.[1] ?? l) }),
    example: '; đăng: 07:28, 24/07/2019; công bố ngày: 00:00, 24/07/2019; truy cập 1278 lượt;  /  Lượt xem: 1.234',
  },
  {
    name: 'byline with timestamp',
    where: ['header', 'lead'],
    test: (l) => /^[^|]{2,60}\|\s*\d{1,2}\/\d{1,2}\/\d{4}/u.test(l),
    action: 'capture',
    capture: (l) => ({
      author: parseByline(l.slice(0, l.indexOf('|')))?.author ?? null,
      published: findDayMonthYear(l.slice(l.indexOf('|'))),
    }),
    example: 'Đình Hiệp| 27/01/2023 06:59',
  },
  {
    name: 'section label above the headline',
    where: ['header'],
    // A known rubric, or a short line directly above a longer headline-like line.
    test: (l, ctx) =>
      SECTION_LABELS.has(fold(l)) ||
      (l.length <= 50 && !/[.:;!?]$/u.test(l) && titleLike(ctx.next) && ctx.next!.length >= l.length + 10),
    action: 'drop',
    example: 'Công tác Đảng - Công tác Chính trị',
  },
  {
    name: 'dateline: a lone place name under the headline',
    where: ['lead'],
    test: (l) => l.length <= 30 && /^\p{Lu}[\p{Ll}\p{M}]*(?:[ -]\p{Lu}[\p{Ll}\p{M}]*){0,3}$/u.test(l),
    action: 'drop',
    example: 'Bắc Ninh',
  },
  // ── widgets and related-article boxes: the marker and the short lines after it ─
  {
    name: 'comment counter',
    where: ['lead', 'body'],
    test: (l) => /^\(\d+\)\s*Bình luận$/iu.test(l),
    action: 'drop-block',
    example: '(0) Bình luận',
  },
  {
    name: 'related-article and promo blocks',
    where: ['body'],
    test: exactly(
      'Nổi bật', 'Đừng bỏ lỡ', 'Tin liên quan', 'Xem thêm', 'Tin khác', 'Các tin khác', 'Các tin đã đưa',
      'Tin cùng chuyên mục', 'Tin mới', 'Tin đọc nhiều', 'Đọc nhiều', 'Tin địa phương', 'Thời tiết',
      'POWERED BY', 'Ý kiến của bạn', 'Bình luận', 'Gửi bình luận', 'Chia sẻ', 'In bài',
    ),
    action: 'drop-block',
    example: 'Các tin đã đưa',
  },
  // ── lines that are removed wherever they stand ─────────────────────────────
  {
    name: 'continue-reading link',
    where: ['body', 'tail'],
    test: exactly('Xem tiếp', 'Còn tiếp', 'Đọc tiếp', '»', '>>'),
    action: 'drop',
    example: 'Xem tiếp',
  },
  {
    name: 'script remnant',
    where: ['body', 'tail'],
    // Code-shaped lines of the VnExpress page script and poll widget; a prose line is never code.
    test: (l) => l.startsWith('AddVote(') || (SCRIPT_LINE_RE.test(l) && !/\p{Ll}{2,} \p{Ll}{2,} \p{Ll}{2,}/u.test(l.replace(/'[^']*'/gu, ''))),
    action: 'drop',
    example: "kfont = 'utf8';",
  },
  // ── images: file names, slugs and alt text mark the caption that follows ───
  {
    name: 'image file name or slug',
    where: ['lead', 'body'],
    test: (l) => IMAGE_FILE_RE.test(l) || (l.length >= 6 && l.length <= 120 && SLUG_RE.test(l) && /[a-z]/u.test(l)),
    action: 'image-marker',
    example: 'tongketcongtacxaydungdang',
  },
  {
    name: 'headline repeated as image alt text',
    where: ['lead', 'body'],
    test: (l, ctx) => ctx.title !== null && l === ctx.title && ctx.next !== undefined,
    action: 'image-marker',
    example: 'Quận Tây Hồ đổi mới, sáng tạo trong công tác xây dựng Đảng (then the caption)',
  },
  {
    name: 'headline glued to a caption',
    where: ['lead', 'body'],
    test: (l, ctx) =>
      ctx.title !== null && l.length > ctx.title.length + 3 && l.startsWith(ctx.title) && /^\p{Lu}/u.test(l.slice(ctx.title.length)),
    action: 'caption',
    rewrite: (l, ctx) => splitCredit(l.slice(ctx.title!.length)),
    example: 'Xây dựng Đảng vững mạnh từ cơ sởĐảng ủy xã Hùng Lô thường xuyên kiểm tra …',
  },
  {
    // Hà Nội Mới pages put the lead photo's caption, uncredited, right under the "(HNM) - …" lead.
    name: 'one-sentence line under an "(OUTLET) - " lead paragraph',
    where: ['body'],
    test: (l, ctx) =>
      ctx.previous !== undefined &&
      /^\(\p{Lu}{2,8}\)\s*[-–—]\s/u.test(ctx.previous) &&
      l.length <= 160 &&
      /[.!?]$/u.test(l) &&
      !/[.!?…]\s/u.test(l) &&
      ctx.next !== undefined &&
      ctx.next.length > l.length,
    action: 'caption',
    rewrite: (l) => splitCredit(l),
    example: '(HNM) - Năm 2022, … ⏎ Các tập thể, cá nhân … nhận khen thưởng của Quận ủy Hai Bà Trưng.',
  },
  {
    name: 'photo credit on its own line',
    where: ['lead', 'body'],
    test: (l) => CREDIT_LINE_RE.test(l),
    action: 'credit',
    rewrite: (l) => ({ text: '', credit: normalizeCredit(l) }),
    example: 'Ảnh: M.Quang',
  },
  {
    name: 'caption ending in a photo credit',
    where: ['lead', 'body'],
    test: (l) => l.length <= 400 && (l.endsWith(')') || l.endsWith(').')) && INLINE_CREDIT_RE.test(l),
    action: 'caption',
    rewrite: (l) => splitCredit(l),
    example: 'Lãnh đạo tỉnh Bắc Ninh tặng quà lưu niệm … (Ảnh: Thanh Thương/TTXVN)',
  },
  // ── the end of the article, bottom up ──────────────────────────────────────
  {
    name: 'headline repeated at the end',
    where: ['tail'],
    test: (l, ctx) => ctx.title !== null && l === ctx.title,
    action: 'drop',
    example: 'Nâng cao năng lực lãnh đạo của tổ chức Đảng',
  },
  {
    name: 'related-article link "Title(dd/mm/yyyy)"',
    where: ['body', 'tail'],
    test: (l) => l.length <= 200 && RELATED_ITEM_RE.test(l),
    action: 'drop',
    example: 'Phát hiện thêm 15 ổ dịch cúm gà mới(29/01/2004)',
  },
  {
    name: 'byline at the end',
    where: ['tail'],
    test: (l) => parseByline(l) !== null,
    action: 'capture',
    capture: (l) => {
      const b = parseByline(l)!;
      return { author: b.author, source: b.source };
    },
    example: 'N.Hoa',
  },
  // ── mined from removed blocks ──────────────────────────────────────────────
  {
    name: 'outlet domain in a related-article list',
    where: ['dropped'],
    test: (l) => DOMAIN_LINE_RE.test(l),
    action: 'capture',
    capture: (l) => {
      const domain = DOMAIN_LINE_RE.exec(l)![1]!;
      return { source: outletName(domain) ?? domain };
    },
    example: 'baophutho.vn Là một trong mười tổ chức cơ sở Đảng …',
  },
];
/** Phrases that pages glue onto the end of a paragraph, removed in place; looked for in its last INLINE_TAIL characters. */
export const INLINE_TAIL = 120;
export const INLINE_BOILERPLATE: readonly { name: string; pattern: RegExp; example: string }[] = [
  {
    name: 'outlet slogan',
    pattern: /\s*Báo Gia đình và Xã hội cập nhật tin tức trong ngày liên tục, mới nhất\.?$/u,
    example: '… Minh Anh Báo Gia đình và Xã hội cập nhật tin tức trong ngày liên tục, mới nhất',
  },
  { name: 'dangling "see also"', pattern: /\s*(?:Xem thêm|Tin liên quan)\s*:?$/u, example: '… APEC sau 2020./. Xem thêm:' },
];

export function rulesFor(place: RulePlace): readonly BoilerplateRule[] {
  return BOILERPLATE_RULES.filter((r) => r.where.includes(place));
}

/** "(Ảnh: Thanh Thương/TTXVN)" → "Ảnh: Thanh Thương/TTXVN". */
export function normalizeCredit(text: string): string {
  return text.trim().replace(/^\(/u, '').replace(/\)\.?$/u, '').trim();
}

/** Split "Caption text. (Ảnh: X)" into caption and credit. */
export function splitCredit(line: string): { text: string; credit: string | null } {
  const m = INLINE_CREDIT_RE.exec(line);
  if (!m) return { text: line.trim(), credit: null };
  return { text: line.slice(0, m.index).trim(), credit: normalizeCredit(m[0]) };
}

/** "(HNM) - Năm 2022 …", "TTXVN - Sáng 14/4 …", "QPTĐ-Những năm qua …": the outlet lead-in of an early paragraph. */
export function splitLeadOutlet(text: string): { outlet: string; rest: string } | null {
  const paren = /^\(([^()\s]{2,12})\)\s*[-–—]\s*/u.exec(text);
  if (paren) return { outlet: outletName(paren[1]!) ?? paren[1]!, rest: text.slice(paren[0].length) };
  for (const alias of OUTLET_ALIASES) {
    if (!text.startsWith(alias)) continue;
    const dash = /^\s*[-–—]\s*/u.exec(text.slice(alias.length));
    if (dash && /^\p{Lu}/u.test(text.slice(alias.length + dash[0].length))) {
      return { outlet: outletName(alias)!, rest: text.slice(alias.length + dash[0].length) };
    }
  }
  return null;
}
