/**
 * What the build needs is in `dependencies`: every package the site's code
 * imports at run time (src/, astro.config, the build script) is listed there,
 * not only in `devDependencies`; type-only imports do not count.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mjs|astro)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Bare package names a file imports for its run time (not `import type`). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*import\s+(?!type\s)(?:[^'"]*?\sfrom\s*)?['"]([^'"./][^'"]*)['"]/gm)) {
    const spec = m[1]!;
    if (spec.startsWith('node:') || spec.startsWith('astro:')) continue;
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
    out.push(name);
  }
  return out;
}

describe('package.json', () => {
  it('lists every package the build imports under dependencies', () => {
    const sources = [...files('src'), 'astro.config.mjs', 'scripts/build.ts'];
    const needed = new Map<string, string>();
    for (const f of sources) for (const name of runtimeImports(f)) if (!needed.has(name)) needed.set(name, f);
    expect(needed.size).toBeGreaterThan(5);
    const missing = [...needed].filter(([name]) => !(name in pkg.dependencies)).map(([name, f]) => `${name} (imported by ${f})`);
    expect(missing).toEqual([]);
    // And the engine the npm scripts run on, and the search indexer, are the build's too.
    for (const name of ['node', 'astro', 'pagefind']) expect(pkg.dependencies).toHaveProperty(name);
  });
});
