/**
 * An imported article → Markdown with YAML frontmatter. Body text is escaped
 * so that it renders exactly as written (a line starting "1." is not a list, a
 * "*" is not emphasis, "<b>" is text); captions become `:::caption` containers.
 */
import { Document, isScalar } from 'yaml';
import type { Block, ImportedArticle } from './types.ts';

// Characters that are Markdown (or remark-directive) syntax anywhere in a line.
const ALWAYS_ESCAPE_RE = /[\\`*_[\]<>]/gu;
// "&copy;" would be decoded as an entity: escape the ampersand of anything entity-shaped.
const ENTITY_LIKE_RE = /&(?=#?[A-Za-z0-9]{1,32};)/gu;
// ":name" starts a remark-directive text directive, and a name may start with any
// letter or digit ("lúc 08:39" would lose ":39"); "::" starts a leaf or container directive.
const DIRECTIVE_RE = /:(?=\S)/gu;

/** Escape one paragraph (a single line) so that remark parses it back to the same text. */
export function escapeMarkdown(text: string): string {
  let out = text.includes('\n') ? text.replace(/\s*\n\s*/gu, ' ') : text;
  out = out.replace(ALWAYS_ESCAPE_RE, '\\$&').replace(ENTITY_LIKE_RE, '\\&').replace(DIRECTIVE_RE, '\\:');
  // Block syntax at the start of a line: headings, quotes, lists, thematic breaks, setext underlines.
  if (/^[#>+\-=|~]/u.test(out)) out = '\\' + out;
  else {
    const ordered = /^(\d{1,9})([.)])/u.exec(out);
    if (ordered) out = `${ordered[1]}\\${ordered[2]}${out.slice(ordered[0].length)}`;
  }
  return out;
}

function renderBlock(block: Block): string {
  if (block.kind === 'paragraph') return escapeMarkdown(block.text);
  const inner = [block.text, block.credit ?? ''].filter((t) => t !== '').map(escapeMarkdown);
  return [':::caption', inner.join('\n\n'), ':::'].join('\n');
}

/** The frontmatter block, fields in a fixed order, null fields left out. */
export function renderFrontmatter(article: ImportedArticle): string {
  const fields: Record<string, string> = { title: article.title };
  if (article.published) fields.published = article.published;
  if (article.author) fields.author = article.author;
  if (article.source) fields.source = article.source;
  if (article.url) fields.url = article.url;
  fields.importedFrom = article.importedFrom;
  const doc = new Document(fields);
  // Quote the date: YAML 1.1 readers (gray-matter's js-yaml) would turn 2023-01-27 into a Date.
  const published = doc.get('published', true);
  if (isScalar(published)) published.type = 'QUOTE_DOUBLE';
  return `---\n${doc.toString({ lineWidth: 0 })}---\n`;
}

export function renderMarkdown(article: ImportedArticle): string {
  return `${renderFrontmatter(article)}\n${article.blocks.map(renderBlock).join('\n\n')}\n`;
}

/** The text of an article's body, for duplicate detection (whitespace and case folded). */
export function bodyKey(article: ImportedArticle): string {
  return article.blocks
    .map((b) => (b.kind === 'caption' ? `${b.text} ${b.credit ?? ''}` : b.text))
    .join(' ')
    .replace(/\s+/gu, ' ')
    .toLowerCase()
    .trim();
}
