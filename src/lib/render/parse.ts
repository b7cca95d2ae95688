/**
 * The one Markdown parse of an article. remark-directive gives us the
 * `:::caption` container that the importer writes around image captions.
 * Pathological input (see defuse.ts) is kept out of the parser and put back as
 * literal text, and a tree too deep for the recursive walkers after us becomes
 * plain paragraphs.
 */
import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkDirective from 'remark-directive';
import { defuseMarkdown, restoreLiterals, plainParagraphs, treeDepth, MAX_DEPTH } from './defuse.ts';

const parser = unified().use(remarkParse).use(remarkDirective);

export function parseMarkdown(markdown: string): Root {
  const defused = defuseMarkdown(markdown);
  const root = parser.runSync(parser.parse(defused.markdown)) as Root;
  if (treeDepth(root) > MAX_DEPTH) return plainParagraphs(markdown);
  restoreLiterals(root, defused.literals);
  return root;
}
