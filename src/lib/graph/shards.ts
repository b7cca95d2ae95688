/**
 * The knowledge base as the site publishes it: `kb.json` is a small index and
 * the records live in shards under `kb/` (docs/kb-json.md), each at most a few
 * MiB, so no host's limit on one file (25 MiB on several) is reached however
 * large the archive grows. The shards hold the records of kb.json version 1
 * unchanged: articles in id order, then each entity type in id order; joining
 * them gives back the whole knowledge base, byte for byte the same as
 * `npm run kb` writes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KbArticle, KbEntity, KnowledgeBase } from '../model/kb.ts';
import { ENTITY_TYPES, type EntityType } from '../model/mention.ts';

/** The folder of the shards, beside kb.json. */
export const KB_SHARD_DIR = 'kb';
/** A shard's size stays under this (UTF-8 bytes), unless one record alone is larger. */
export const KB_SHARD_BYTES = 8 * 1024 * 1024;

export interface KbShardRef {
  /** Path relative to kb.json ("kb/person-003.json"). */
  file: string;
  /** What the shard holds: articles, or entities of one type. */
  holds: 'articles' | EntityType;
  count: number;
  /** Ids of its first and last record: a reader looking for one id opens one shard. */
  first: string;
  last: string;
  bytes: number;
}

/** kb.json on the site: version 2, the index of the shards. */
export interface KbIndex {
  version: 2;
  /** The version of the records the shards hold (KnowledgeBase). */
  recordVersion: 1;
  articles: number;
  entities: Record<EntityType, number>;
  shards: KbShardRef[];
}

interface Shard {
  ref: KbShardRef;
  json: string;
}

function cut<T extends { id: string }>(holds: KbShardRef['holds'], items: readonly T[], maxBytes: number): Shard[] {
  const out: Shard[] = [];
  let parts: string[] = [];
  let bytes = 2; // "[" and "]"
  let first = 0;
  const flush = (end: number): void => {
    if (parts.length === 0) return;
    const json = `[${parts.join(',')}]`;
    const n = String(out.length + 1).padStart(3, '0');
    out.push({ json, ref: { file: `${KB_SHARD_DIR}/${holds}-${n}.json`, holds, count: parts.length, first: items[first]!.id, last: items[end - 1]!.id, bytes } });
    parts = [];
    bytes = 2;
    first = end;
  };
  items.forEach((item, i) => {
    const json = JSON.stringify(item);
    const size = Buffer.byteLength(json);
    // A comma before every record but a shard's first.
    if (parts.length > 0 && bytes + 1 + size > maxBytes) flush(i);
    bytes += size + (parts.length > 0 ? 1 : 0);
    parts.push(json);
  });
  flush(items.length);
  return out;
}

/** The index and the shards of a knowledge base (records in the order kb.json version 1 has them). */
export function shardKnowledgeBase(kb: KnowledgeBase, maxBytes = KB_SHARD_BYTES): { index: KbIndex; shards: { file: string; json: string }[] } {
  const byType = Object.fromEntries(ENTITY_TYPES.map((t) => [t, [] as KbEntity[]])) as Record<EntityType, KbEntity[]>;
  for (const e of kb.entities) byType[e.type].push(e);
  const shards = [
    ...cut('articles', kb.articles, maxBytes),
    // Types in the order their ids sort ("document/…" < "person/…" < "place/…" < "unit/…"), so that
    // joining the shards in the index's order gives the entities in id order.
    ...[...ENTITY_TYPES].sort().flatMap((t) => cut(t, byType[t], maxBytes)),
  ];
  const index: KbIndex = {
    version: 2,
    recordVersion: 1,
    articles: kb.articles.length,
    entities: Object.fromEntries(ENTITY_TYPES.map((t) => [t, byType[t].length])) as Record<EntityType, number>,
    shards: shards.map((s) => s.ref),
  };
  return { index, shards: shards.map((s) => ({ file: s.ref.file, json: s.json })) };
}

/** The whole knowledge base from the index and a reader of its shards (paths relative to kb.json). */
export function joinKnowledgeBase(index: KbIndex, read: (file: string) => string): KnowledgeBase {
  if (index.version !== 2 || !Array.isArray(index.shards)) throw new Error('kb.json: not a shard index (version 2)');
  const articles: KbArticle[] = [];
  const entities: KbEntity[] = [];
  for (const ref of index.shards) {
    const records = JSON.parse(read(ref.file)) as unknown[];
    if (!Array.isArray(records) || records.length !== ref.count) throw new Error(`${ref.file}: expected ${ref.count} records`);
    if (ref.holds === 'articles') articles.push(...(records as KbArticle[]));
    else entities.push(...(records as KbEntity[]));
  }
  return { version: 1, articles, entities };
}

/** The whole knowledge base a built site publishes (its kb.json and kb/ shards). */
export function readPublishedKnowledgeBase(siteDir: string): KnowledgeBase {
  const index = JSON.parse(readFileSync(path.join(siteDir, 'kb.json'), 'utf8')) as KbIndex;
  return joinKnowledgeBase(index, (file) => readFileSync(path.join(siteDir, file), 'utf8'));
}
