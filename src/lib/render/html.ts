/** Render a parsed article to safe HTML (placeholder: mention linking and the sanitiser schema land here). */
import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import type { ArticleText } from '../extract/text.ts';
import type { ResolvedMention } from '../resolve/index.ts';

const processor = unified().use(remarkRehype).use(rehypeStringify);

export function renderArticleHtml(
  root: Root,
  _text: ArticleText,
  _links: ResolvedMention[],
  _hrefFor: (entityId: string) => string,
): string {
  const hast = processor.runSync(structuredClone(root));
  return processor.stringify(hast as never);
}
