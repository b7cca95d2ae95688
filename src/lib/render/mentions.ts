/**
 * Mention links, placed in the Markdown tree (never by string search in HTML):
 * a resolved mention [start, end) of ArticleText.text lies inside one mdast
 * text node (see extract/text.ts segments); that node is split and the span
 * wrapped in a link to the entity's page.
 *
 * The parsed tree is shared (extraction, caches), so this builds a new tree
 * and leaves the input untouched. (Accidental text and leaf directives were
 * already turned back into text by parse.ts.) Captions become
 * <figure class="caption"><figcaption>; other containers a <div>.
 */
import type { Root, Nodes, Parents, Text, Link, RootContent, PhrasingContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import type { ArticleText, TextSegment } from '../markdown/text.ts';
import type { ResolvedMention } from '../model/mention.ts';
import { MENTION_CLASS } from './sanitize-schema.ts';

interface NodeLink {
  /** Offsets into the text node's value. */
  from: number;
  to: number;
  entity: string;
}

/** Which text node gets which links: mentions inside one segment, without overlaps. */
export function linksByNode(text: ArticleText, links: readonly ResolvedMention[]): Map<Text, NodeLink[]> {
  const sorted = [...links].sort((a, b) => a.start - b.start || b.end - a.end);
  const byNode = new Map<Text, NodeLink[]>();
  let lastEnd = -1;
  for (const link of sorted) {
    if (!(link.start < link.end) || link.start < lastEnd) continue; // empty or overlapping an earlier one
    const segment = segmentAt(text.segments, link.start);
    if (!segment || link.end > segment.end) continue; // crosses a node boundary
    const list = byNode.get(segment.node) ?? [];
    list.push({ from: link.start - segment.start, to: link.end - segment.start, entity: link.entity });
    byNode.set(segment.node, list);
    lastEnd = link.end;
  }
  return byNode;
}

/** The segment whose text contains `offset` (binary search; segments are sorted and disjoint). */
function segmentAt(segments: readonly TextSegment[], offset: number): TextSegment | undefined {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

export function entityTypeOf(entity: string): string {
  const slash = entity.indexOf('/');
  return slash > 0 ? entity.slice(0, slash) : 'entity';
}

/** A copy of `root` with mention links inserted and directives made renderable. */
export function prepareTree(
  root: Root,
  text: ArticleText,
  links: readonly ResolvedMention[],
  hrefFor: (entityId: string) => string,
): Root {
  const byNode = linksByNode(text, links);
  const hrefs = new Map<string, string>();
  const href = (entity: string): string => {
    let h = hrefs.get(entity);
    if (h === undefined) hrefs.set(entity, (h = hrefFor(entity)));
    return h;
  };

  const splitText = (node: Text, nodeLinks: NodeLink[]): PhrasingContent[] => {
    const out: PhrasingContent[] = [];
    let at = 0;
    for (const l of nodeLinks) {
      if (l.from > at) out.push({ type: 'text', value: node.value.slice(at, l.from) });
      const type = entityTypeOf(l.entity);
      const link: Link = {
        type: 'link',
        url: href(l.entity),
        title: null,
        children: [{ type: 'text', value: node.value.slice(l.from, l.to) }],
        // The entity is the link's target and its type the class: no data attributes (issue 17: about
        // 750 bytes of each article page went to them, and nothing read them).
        data: { hProperties: { className: [MENTION_CLASS, `${MENTION_CLASS}-${type}`] } },
      };
      out.push(link);
      at = l.to;
    }
    if (at < node.value.length) out.push({ type: 'text', value: node.value.slice(at) });
    return out;
  };

  const copyChildren = (parent: Parents, inLink: boolean): Nodes[] => {
    const out: Nodes[] = [];
    for (const child of parent.children as Nodes[]) {
      const copied = copy(child, inLink);
      if (Array.isArray(copied)) out.push(...copied);
      else out.push(copied);
    }
    return out;
  };

  const copy = (node: Nodes, inLink: boolean): Nodes | Nodes[] => {
    if (node.type === 'text') {
      const nodeLinks = inLink ? undefined : byNode.get(node);
      return nodeLinks ? splitText(node, nodeLinks) : { ...node };
    }
    if (node.type === 'containerDirective') {
      const children = copyChildren(node, inLink) as RootContent[];
      if (node.name === 'caption') {
        const figcaption: ContainerDirective = { type: 'containerDirective', name: 'figcaption', children: children as ContainerDirective['children'], data: { hName: 'figcaption' } };
        return { type: 'containerDirective', name: 'caption', children: [figcaption], data: { hName: 'figure', hProperties: { className: ['caption'] } } };
      }
      return { type: 'containerDirective', name: node.name, children: children as ContainerDirective['children'], data: { hName: 'div' } };
    }
    if ('children' in node) {
      const childInLink = inLink || node.type === 'link' || node.type === 'linkReference';
      return { ...node, data: node.data ? { ...node.data } : undefined, children: copyChildren(node, childInLink) } as Nodes;
    }
    return { ...node };
  };

  return copy(root, false) as Root;
}
