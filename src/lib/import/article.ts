/**
 * Raw article lines → a clean article: headline, metadata, body blocks, with
 * the boilerplate table (boilerplate.ts) applied in the places it names.
 * Shared by plain-text files and JSON Lines records.
 */
import { normalizeLine, normalizeText } from '../text/normalize.ts';
import { splitGluedWords } from './glued.ts';
import { BLOCK_END_LENGTH, INLINE_BOILERPLATE, INLINE_TAIL, rulesFor, splitLeadOutlet, splitCredit, type BoilerplateRule, type Captured, type LineContext } from './boilerplate.ts';
import { splitGluedByline } from './byline.ts';
import { splitInlineCaptions } from './captions.ts';
import type { Block, ImportedArticle, SkipReason } from './types.ts';

export interface RawArticle {
  /** The whole text after the headline (or the whole file when title is null). */
  text: string;
  /** Headline when the input states it (JSON Lines); null: the first real line is the headline. */
  title: string | null;
  importedFrom: string;
  url: string | null;
  source: string | null;
  author: string | null;
  published: string | null;
}

export type CleanResult =
  | { ok: true; article: ImportedArticle }
  | { ok: false; reason: SkipReason; title: string | null };

const HEADER_RULES = rulesFor('header');
const LEAD_RULES = rulesFor('lead');
const BODY_RULES = rulesFor('body');
const TAIL_RULES = rulesFor('tail');
const DROPPED_RULES = rulesFor('dropped');

function firstMatch(rules: readonly BoilerplateRule[], line: string, ctx: LineContext): BoilerplateRule | undefined {
  for (const rule of rules) if (rule.test(line, ctx)) return rule;
  return undefined;
}

/** Fill fields not yet known; the first statement of a field wins. */
function remember(into: Captured, found: Captured): void {
  if (found.published && !into.published) into.published = found.published;
  if (found.author && !into.author) into.author = found.author;
  if (found.source && !into.source) into.source = found.source;
}

function stripInline(text: string): string {
  const cut = Math.max(0, text.length - INLINE_TAIL);
  let tail = text.slice(cut);
  for (const phrase of INLINE_BOILERPLATE) tail = tail.replace(phrase.pattern, '');
  return text.slice(0, cut) + tail;
}

export function cleanArticle(raw: RawArticle): CleanResult {
  const lines = normalizeText(raw.text)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const captured: Captured = {};
  let title = raw.title === null ? null : splitGluedWords(normalizeLine(raw.title));
  let i = 0;

  // Header: section labels and timestamps above the headline; the first other line is the headline.
  if (title === null) {
    while (i < lines.length) {
      const line = lines[i]!;
      const rule = firstMatch(HEADER_RULES, line, { title: null, next: lines[i + 1] });
      i++;
      if (!rule) {
        title = line.replace(/\s+/gu, ' ');
        break;
      }
      if (rule.capture) remember(captured, rule.capture(line));
    }
  }
  if (title === null || title === '') return { ok: false, reason: 'no title', title: null };
  const bodyLineCount = lines.length - i;

  // Lead: byline, timestamp and dateline lines between the headline and the body.
  while (i < lines.length) {
    const line = lines[i]!;
    const rule = firstMatch(LEAD_RULES, line, { title, next: lines[i + 1] });
    if (!rule || (rule.action !== 'capture' && rule.action !== 'drop')) break;
    if (rule.capture) remember(captured, rule.capture(line));
    i++;
  }

  // Body, top to bottom.
  const blocks: Block[] = [];
  let captionNext = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const ctx: LineContext = { title, next: lines[i + 1], previous: lines[i - 1] };
    const rule = firstMatch(BODY_RULES, line, ctx);
    if (rule?.action === 'drop-block') {
      while (i + 1 < lines.length && lines[i + 1]!.length <= BLOCK_END_LENGTH) {
        const dropped = lines[++i]!;
        const mined = firstMatch(DROPPED_RULES, dropped, ctx);
        if (mined?.capture) remember(captured, mined.capture(dropped));
      }
      continue;
    }
    if (rule?.action === 'drop') continue;
    if (rule?.action === 'capture') {
      remember(captured, rule.capture!(line));
      continue;
    }
    if (rule?.action === 'image-marker') {
      captionNext = true;
      continue;
    }
    if (rule?.action === 'credit') {
      const credit = rule.rewrite!(line, ctx).credit;
      const last = blocks.at(-1);
      if (last?.kind === 'caption' && last.credit === null) last.credit = credit;
      else if (last?.kind === 'paragraph' && last.text.length <= 300) blocks[blocks.length - 1] = { kind: 'caption', text: last.text, credit };
      else blocks.push({ kind: 'caption', text: '', credit });
      captionNext = false;
      continue;
    }
    if (rule?.action === 'caption') {
      const { text, credit } = rule.rewrite!(line, ctx);
      blocks.push({ kind: 'caption', text: stripInline(text), credit });
      captionNext = false;
      continue;
    }
    const text = stripInline(line);
    if (text === '') continue;
    if (captionNext) {
      const { text: caption, credit } = splitCredit(text);
      blocks.push({ kind: 'caption', text: caption, credit });
    } else {
      blocks.push({ kind: 'paragraph', text });
    }
    captionNext = false;
  }

  // Tail, bottom up: bylines, a repeated headline, related-article items.
  let tailAuthorSeen = false;
  while (blocks.length > 0) {
    const last = blocks.at(-1)!;
    if (last.kind !== 'paragraph') break;
    const rule = firstMatch(TAIL_RULES, last.text, { title, next: undefined });
    if (!rule) break;
    if (rule.capture) {
      const found = rule.capture(last.text);
      // Only the byline nearest the end names the author; a repeat ("Anh Thơ" twice) is dropped.
      if (!tailAuthorSeen || found.author === captured.author) remember(captured, found);
      tailAuthorSeen ||= found.author !== null && found.author !== undefined;
    }
    blocks.pop();
  }

  // Báo Mới lost its line breaks: "… nói./. Thái Linh" ends the last paragraph.
  const lastBlock = blocks.at(-1);
  if (!captured.author && lastBlock?.kind === 'paragraph') {
    const glued = splitGluedByline(lastBlock.text);
    if (glued && glued.text.length > 0) {
      lastBlock.text = glued.text;
      remember(captured, glued.byline);
    }
  }

  // Outlet lead-in on one of the first paragraphs.
  let paragraphsSeen = 0;
  for (const block of blocks) {
    if (block.kind !== 'paragraph') continue;
    const lead = splitLeadOutlet(block.text);
    if (lead && lead.rest.length > 0) {
      block.text = lead.rest;
      remember(captured, { source: lead.outlet });
      break;
    }
    if (++paragraphsSeen >= 3) break;
  }

  // Captions that ran into the text ("… tại kỳ họp. Ảnh: VGP Ngay sau …") become caption blocks.
  const split = blocks.flatMap((b) => (b.kind === 'paragraph' ? splitInlineCaptions(b.text) : [b]));
  // Doubled spaces (left where links were) mark credit ends above; now they go. Words that
  // lost their space are parted last: the caption splitter reads those joins too.
  for (const b of split) {
    if (b.text.includes('  ') || b.text.includes('\t')) b.text = b.text.replace(/[ \t]+/gu, ' ');
    b.text = splitGluedWords(b.text);
  }
  const kept = split.filter((b) => b.text !== '' || (b.kind === 'caption' && b.credit));
  if (kept.length === 0) return { ok: false, reason: bodyLineCount === 0 ? 'title only' : 'empty body', title };
  return {
    ok: true,
    article: {
      title,
      published: captured.published ?? raw.published,
      author: captured.author ?? raw.author,
      source: captured.source ?? raw.source,
      url: raw.url,
      importedFrom: raw.importedFrom,
      blocks: kept,
    },
  };
}
