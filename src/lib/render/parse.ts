/**
 * The one Markdown parse of an article. remark-directive gives us the
 * `:::caption` container that the importer writes around image captions.
 */
import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkDirective from 'remark-directive';

const parser = unified().use(remarkParse).use(remarkDirective);

export function parseMarkdown(markdown: string): Root {
  return parser.runSync(parser.parse(markdown)) as Root;
}
