/** Cross-article resolution: mentions → entities with ids, names, aliases, roles. */
import type { KbEntity } from '../graph/types.ts';
import type { Mention } from '../extract/types.ts';
import type { ArticleFile } from '../content/article.ts';
import type { ArticleText } from '../extract/text.ts';

export interface ArticleExtraction {
  article: ArticleFile;
  text: ArticleText;
  mentions: Mention[];
}

/** A mention after resolution: which entity it is. Used by the renderer to link in place. */
export interface ResolvedMention {
  start: number;
  end: number;
  entity: string;
}

export interface Resolution {
  entities: KbEntity[];
  /** Per article id: its resolved mentions, sorted by start. */
  links: Map<string, ResolvedMention[]>;
}

export function resolveEntities(_items: ArticleExtraction[]): Resolution {
  return { entities: [], links: new Map() }; // placeholder until resolution lands
}
