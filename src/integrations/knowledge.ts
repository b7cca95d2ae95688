/**
 * The knowledge build of this Astro process, built once and shared.
 *
 * On globalThis: Astro loads the integration and the page bundle as separate
 * module instances in one process; both must share one build of the knowledge
 * base. Pages read it only through page-data.ts.
 */
import { buildKnowledge, contentDirFromEnv, type KnowledgeBuild } from '../lib/build/knowledge.ts';

const MEMO_KEY = Symbol.for('kho-tin.knowledge');
const memo: Map<string, Promise<KnowledgeBuild>> = ((globalThis as Record<symbol, unknown>)[MEMO_KEY] ??= new Map()) as Map<
  string,
  Promise<KnowledgeBuild>
>;

export function getKnowledge(contentDir = contentDirFromEnv()): Promise<KnowledgeBuild> {
  let p = memo.get(contentDir);
  if (!p) {
    p = buildKnowledge(contentDir);
    memo.set(contentDir, p);
  }
  return p;
}
