/**
 * The digest of the code a result depends on: the given source files and
 * every project file they import, transitively (relative imports, read from
 * the source text). A cache key that includes it changes exactly when that
 * code changes, with no hand-kept list of folders and no version constant to
 * bump.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

const digests = new Map<string, string>();

/** Files reachable from `entries` (paths relative to root), sorted. */
export function importClosure(entries: readonly string[], root = process.cwd()): string[] {
  const seen = new Set<string>();
  const stack = entries.map((e) => path.resolve(root, e));
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // a missing file still counts (by name): its absence is part of the digest
    }
    for (const m of text.matchAll(IMPORT)) stack.push(path.resolve(path.dirname(file), (m[1] ?? m[2])!));
  }
  return [...seen].map((f) => path.relative(root, f).split(path.sep).join('/')).sort();
}

/** sha256 over the closure of `entries`: each file's path and bytes. Memoised per process. */
export function codeDigest(entries: readonly string[], root = process.cwd()): string {
  const id = `${root}\u0000${entries.join('\u0000')}`;
  let digest = digests.get(id);
  if (digest === undefined) {
    const h = createHash('sha256');
    for (const rel of importClosure(entries, root)) {
      h.update(rel).update('\u0000');
      try {
        h.update(readFileSync(path.join(root, rel)));
      } catch {
        h.update('missing');
      }
      h.update('\u0000');
    }
    digests.set(id, (digest = h.digest('hex')));
  }
  return digest;
}
