/**
 * A parsed article → safe HTML:
 * mdast (shared, untouched) → copy with mention links and captions
 * (mentions.ts) → remark-rehype → rehype-raw (raw HTML in the Markdown is parsed
 * into the tree, never passed through) → allowlist sanitiser (sanitize-schema.ts) → rel on external links
 * → rehype-stringify.
 */
import type { Root } from 'mdast';
import type { Root as HastRoot, Element, ElementContent, Nodes as HastNodes } from 'hast';
import { unified } from 'unified';
import remarkRehype from 'remark-rehype';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import { sanitize } from 'hast-util-sanitize';
import type { ArticleText } from '../markdown/text.ts';
import type { ResolvedMention } from '../model/mention.ts';
import { prepareTree } from './mentions.ts';
import { articleSchema } from './sanitize-schema.ts';

export { escapeHtml, jsonForScript } from './escape.ts';

const EXTERNAL_RE = /^(?:https?:)?\/\//i;

/** Images are never copied into the site: only absolute ones can load. */
const IMAGE_SRC_RE = /^(?:https?:)?\/\//i;
/** Links that can work from an article page: web, mail, site-absolute paths and fragments. */
const LINK_HREF_RE = /^(?:https?:|mailto:|\/|#)/i;

/**
 * After sanitising: external links get rel="nofollow noopener". Images without
 * a loadable src go (the sanitiser removed javascript:/data: ones; relative
 * ones point at files the site does not have); links without a usable href
 * (removed javascript: ones, relative paths) become their text.
 */
function finishElements(node: HastNodes): void {
  if (!('children' in node)) return;
  node.children = (node.children as ElementContent[]).flatMap((child): ElementContent[] => {
    if (child.type !== 'element') return [child];
    if (child.tagName === 'img' && !IMAGE_SRC_RE.test(String(child.properties.src ?? ''))) return [];
    if (child.tagName === 'a' && !LINK_HREF_RE.test(String(child.properties.href ?? ''))) return child.children;
    return [child];
  });
  for (const child of node.children) {
    if (child.type === 'element') {
      markExternal(child);
      finishElements(child);
    }
  }
  // Paragraphs left empty by the sanitiser (a removed <script> or <iframe>) go too.
  node.children = (node.children as ElementContent[]).filter((child) => !isEmptyParagraph(child));
}

function isEmptyParagraph(node: ElementContent): boolean {
  return (
    node.type === 'element' &&
    node.tagName === 'p' &&
    node.children.every((c) => c.type === 'text' && c.value.trim() === '')
  );
}

/** Removed blocks leave their line breaks behind: keep one between blocks, none at the ends. */
function tidyBlockWhitespace(root: HastRoot): void {
  const isBlank = (n: HastRoot['children'][number]) => n.type === 'text' && n.value.trim() === '';
  const out: HastRoot['children'] = [];
  for (const child of root.children) {
    if (isBlank(child) && (out.length === 0 || isBlank(out[out.length - 1]!))) continue;
    out.push(child);
  }
  while (out.length > 0 && isBlank(out[out.length - 1]!)) out.pop();
  root.children = out;
}

function markExternal(element: Element): void {
  if (element.tagName !== 'a') return;
  const href = element.properties.href;
  if (typeof href === 'string' && EXTERNAL_RE.test(href)) element.properties.rel = ['nofollow', 'noopener'];
}

// Raw HTML in an article is parsed (rehype-raw, an HTML5 parser) and then cut down by the
// allowlist: tags we do not allow vanish but keep their text (`<div onclick>Tin</div>` → "Tin");
// script, style, iframe, object and the like vanish with their content.
const toHastWithRaw = unified().use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw);
// Most articles have no raw HTML; re-parsing them through the HTML5 parser was a
// fifth of the rendering time, so they take the direct path (same sanitiser after).
const toHastPlain = unified().use(remarkRehype);
const toHtml = unified().use(rehypeStringify);

export function renderArticleHtml(
  root: Root,
  text: ArticleText,
  links: readonly ResolvedMention[],
  hrefFor: (entityId: string) => string,
): string {
  const mdast = prepareTree(root, text, links, hrefFor);
  const hast = (hasRawHtml(mdast) ? toHastWithRaw : toHastPlain).runSync(mdast) as HastRoot;
  const safe = sanitize(hast, articleSchema) as HastRoot;
  finishElements(safe);
  tidyBlockWhitespace(safe);
  return toHtml.stringify(safe);
}

function hasRawHtml(node: Root | Root['children'][number]): boolean {
  if (node.type === 'html') return true;
  return 'children' in node && (node.children as Root['children']).some(hasRawHtml);
}
