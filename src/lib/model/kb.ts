/** kb.json, version 1: the public, versioned export of the knowledge base. Documented in README. */
import type { EntityType } from './mention.ts';

export interface KbArticle {
  id: string;
  url: string;
  title: string;
  published: string | null;
  author: string | null;
  source: string | null;
  file: string;
  entities: string[];
}

export interface KbMention {
  article: string;
  sentence: string;
}

export interface KbRole {
  title: string;
  unit: string | null;
  unitName: string | null;
  article: string;
  date: string | null;
  /** Held before the article's date ("nguyên", "cựu", "từng là"); absent when the article gives it as current. */
  former?: boolean;
}

/** An office a person held, gathered from their role mentions (src/lib/graph/positions.ts). */
export interface KbPosition {
  title: string;
  unit: string | null;
  unitName: string | null;
  /** Role mentions, and distinct articles, that show it. */
  mentions: number;
  articles: number;
  /** The earliest and the latest article that show it, with their dates (undated ones count as latest). */
  first: { article: string; date: string | null };
  last: { article: string; date: string | null };
  /** False when the latest article that shows it gives it as former ("nguyên", "cựu"). */
  current: boolean;
}

export interface KbDocumentInfo {
  kind: string;
  code: string | null;
  number: string | null;
  issuer: string | null;
  term: string | null;
  date: string | null;
  replacedBy: string | null;
}

export interface KbEntity {
  id: string; // "<type>/<slug>"
  type: EntityType;
  name: string;
  aliases: string[];
  url: string;
  articles: string[];
  mentions: KbMention[];
  roles?: KbRole[];
  /** People: their roles grouped into positions, most mentioned first. */
  positions?: KbPosition[];
  parent?: string | null;
  place?: string | null;
  level?: string | null; // places: province, district, ward, …
  document?: KbDocumentInfo;
}

export interface KnowledgeBase {
  version: 1;
  articles: KbArticle[];
  entities: KbEntity[];
}
