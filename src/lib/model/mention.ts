/**
 * Mentions: what the extractors find in one article (Mention), and what
 * resolution across articles makes of each (ResolvedMention).
 */
import type { KbDocumentInfo } from './kb.ts';

export type EntityType = 'person' | 'unit' | 'place' | 'document';

export const ENTITY_TYPES: readonly EntityType[] = ['person', 'unit', 'place', 'document'];

export interface Span {
  /** Offsets into the article's plain text (see ArticleText). */
  start: number;
  end: number;
}

/** A role a person mention carries. */
export interface PersonRoleAttr {
  title: string;
  /** Held before the article ("nguyên", "cựu"); absent when current. */
  former?: boolean;
  unitKey: string | null;
  unitName: string | null;
}

export interface PersonAttrs {
  name: string;
  roles: PersonRoleAttr[];
  rank: string | null;
  /** 2025-era province codes of the units of the person's roles in this mention. */
  area: string[];
}

export interface UnitAttrs {
  name: string;
  /** Other names it goes by, beyond the surface ("Bộ Quốc phòng Anh" for "… Vương quốc Anh"). */
  aliases?: string[];
  placeKey: string | null;
  /** Parent candidates, best first; the resolver keeps the first that is an entity. */
  parentKeys: string[];
  /** Written without its place ("UBND tỉnh"), which came from the article: the surface is no alias of the unit. */
  elliptic?: boolean;
}

export interface PlaceAttrs {
  name: string;
  /** kb.json level: province, district, ward, …, country, foreign. */
  level: string;
  /** The gazetteer's era ("pre-2025" | "2025"), or null for a place outside it. */
  era: string | null;
  code: string | null;
  parentKey: string | null;
  area: string | null;
}

export interface DocumentAttrs {
  name: string;
  document: KbDocumentInfo;
  registry: boolean;
  aliases?: string[];
  /** Display name of document.replacedBy (a registry document no article may mention, so it may have no entity). */
  replacedByName?: string;
}

/** What each type of mention carries beyond its span. */
export interface AttrsOf {
  person: PersonAttrs;
  unit: UnitAttrs;
  place: PlaceAttrs;
  document: DocumentAttrs;
}

interface MentionOf<T extends EntityType> extends Span {
  type: T;
  /** The text as written. */
  surface: string;
  /** Index of the sentence in ArticleText.sentences. */
  sentence: number;
  /** A key that identifies the entity within the article (extractor-specific). */
  key: string;
  attrs: AttrsOf[T];
}

/** One mention found in one article: a discriminated union on `type`, each with its own attrs. */
export type Mention = { [T in EntityType]: MentionOf<T> }[EntityType];
export type PersonMention = MentionOf<'person'>;
export type UnitMention = MentionOf<'unit'>;
export type PlaceMention = MentionOf<'place'>;
export type DocumentMention = MentionOf<'document'>;

/** A mention after resolution: which entity it is. The renderer links it in place. */
export interface ResolvedMention extends Span {
  entity: string;
}
