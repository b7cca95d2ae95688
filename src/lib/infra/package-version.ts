/** The installed version of an npm package, for cache keys that depend on its behaviour. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const versions = new Map<string, string>();

/**
 * The version in the package.json of `name` as Node resolves it from the
 * project root; "unknown" when it cannot be resolved (the caller's cache key
 * then changes only with its own code).
 */
export function packageVersion(name: string, root = process.cwd()): string {
  let version = versions.get(name);
  if (version !== undefined) return version;
  version = 'unknown';
  try {
    // The entry point lies somewhere below the package folder (lib/, dist/esm/ …): walk up to its package.json.
    let dir = path.dirname(createRequire(path.join(root, 'package.json')).resolve(name));
    for (let up = 0; up < 5; up++, dir = path.dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name && pkg.version) {
          version = pkg.version;
          break;
        }
      } catch {
        // no package.json at this level
      }
    }
  } catch {
    // not resolvable
  }
  versions.set(name, version);
  return version;
}
