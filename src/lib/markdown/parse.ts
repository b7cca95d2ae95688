/**
 * The one Markdown parse of an article. remark-directive gives us the
 * `:::caption` container that the importer writes around image captions.
 * Pathological input (see defuse.ts) is kept out of the parser and put back as
 * literal text, and a tree too deep for the recursive walkers after us becomes
 * plain paragraphs.
 */
import type { Nodes, Parents, PhrasingContent, Root, RootContent } from 'mdast';
import type { LeafDirective, TextDirective } from 'mdast-util-directive';
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
  undoAccidentalDirectives(root);
  return root;
}

/**
 * Only the `:::caption` container is ours. remark-directive also reads any ":"
 * followed by a letter as a text directive ("lúc 08:39" → directive "39" is not,
 * but "TP.HCM:abc" is), and "::x" at a line start as a leaf directive; those are
 * put back here, once, as the text the author wrote, so extraction, linking and
 * rendering all see it. Adjacent text nodes are merged so a name is never split.
 */
function undoAccidentalDirectives(node: Nodes): void {
  if (!('children' in node)) return;
  const out: Nodes[] = [];
  for (const child of (node as Parents).children as Nodes[]) {
    undoAccidentalDirectives(child);
    if (child.type === 'textDirective') out.push(...directiveAsText(child));
    else if (child.type === 'leafDirective') out.push({ type: 'paragraph', children: directiveAsText(child) });
    else out.push(child);
  }
  const merged: Nodes[] = [];
  for (const child of out) {
    const last = merged[merged.length - 1];
    if (child.type === 'text' && last?.type === 'text') merged[merged.length - 1] = { type: 'text', value: last.value + child.value };
    else merged.push(child);
  }
  (node as Parents).children = merged as RootContent[];
}

/** `:name[label]{a="b"}` back as the text it was written as (attributes approximated). */
function directiveAsText(node: TextDirective | LeafDirective): PhrasingContent[] {
  const colons = node.type === 'leafDirective' ? '::' : ':';
  const out: PhrasingContent[] = [{ type: 'text', value: colons + node.name }];
  const label = node.children as PhrasingContent[];
  if (label.length > 0) out.push({ type: 'text', value: '[' }, ...label, { type: 'text', value: ']' });
  const attributes = Object.entries(node.attributes ?? {});
  if (attributes.length > 0) {
    out.push({ type: 'text', value: '{' + attributes.map(([k, v]) => (v ? `${k}="${v}"` : k)).join(' ') + '}' });
  }
  return out;
}
