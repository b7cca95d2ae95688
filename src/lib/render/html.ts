/**
 * A parsed article → safe HTML:
 * mdast (shared, untouched) → copy with mention links and captions
 * (mentions.ts) → remark-rehype (raw HTML in Markdown is dropped, never passed
 * through) → allowlist sanitiser (sanitize-schema.ts) → rel on external links
 * → rehype-stringify.
 */
import type { Root } from 'mdast';
import type { Root as HastRoot, Element, ElementContent, Nodes as HastNodes } from 'hast';
import { unified } from 'unified';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { sanitize } from 'hast-util-sanitize';
import type { ArticleText } from '../extract/text.ts';
import type { ResolvedMention } from '../resolve/index.ts';
import { prepareTree } from './mentions.ts';
import { articleSchema } from './sanitize-schema.ts';

export { escapeHtml, jsonForScript } from './escape.ts';

const EXTERNAL_RE = /^(?:https?:)?\/\//i;

/**
 * After sanitising: external links get rel="nofollow noopener"; images that lost
 * their src go; links that lost their href (javascript: and the like) become their text.
 */
function finishElements(node: HastNodes): void {
  if (!('children' in node)) return;
  node.children = (node.children as ElementContent[]).flatMap((child): ElementContent[] => {
    if (child.type !== 'element') return [child];
    if (child.tagName === 'img' && !child.properties.src) return [];
    if (child.tagName === 'a' && !child.properties.href) return child.children;
    return [child];
  });
  for (const child of node.children) {
    if (child.type === 'element') {
      markExternal(child);
      finishElements(child);
    }
  }
}

function markExternal(element: Element): void {
  if (element.tagName !== 'a') return;
  const href = element.properties.href;
  if (typeof href === 'string' && EXTERNAL_RE.test(href)) element.properties.rel = ['nofollow', 'noopener'];
}

const toHast = unified().use(remarkRehype, { allowDangerousHtml: false });
const toHtml = unified().use(rehypeStringify);

export function renderArticleHtml(
  root: Root,
  text: ArticleText,
  links: readonly ResolvedMention[],
  hrefFor: (entityId: string) => string,
): string {
  const mdast = prepareTree(root, text, links, hrefFor);
  const hast = toHast.runSync(mdast) as HastRoot;
  const safe = sanitize(hast, articleSchema) as HastRoot;
  finishElements(safe);
  return toHtml.stringify(safe);
}
