/**
 * Write kb.json: the knowledge base as JSON, compact (the same bytes as the site
 * build's dist/kb.json, which is JSON.stringify(kb)) or indented with --pretty.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KnowledgeBase } from '../model/kb.ts';

export function serializeKnowledgeBase(kb: KnowledgeBase, options: { pretty?: boolean } = {}): string {
  return JSON.stringify(kb, null, options.pretty ? 2 : undefined);
}

export async function writeKnowledgeBase(file: string, kb: KnowledgeBase, options: { pretty?: boolean } = {}): Promise<number> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const json = serializeKnowledgeBase(kb, options);
  await writeFile(file, json);
  return Buffer.byteLength(json);
}
