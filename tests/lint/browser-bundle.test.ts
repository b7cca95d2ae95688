/**
 * Browser safety of src/client: the modules its entry points pull into the
 * page bundle (relative imports, followed transitively) import no Node
 * built-in and no npm package, and all live in the browser-safe layers
 * (README "How it works", eslint.config.js). `import type` / `export type`
 * are erased and not followed; an `import { type X }` is kept (verbatimModuleSyntax)
 * and counts as a value import.
 */
import { isBuiltin } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const BROWSER_SAFE = ['src/client/', 'src/lib/model/', 'src/lib/text/', 'src/lib/search/'];

interface ImportRef {
  specifier: string;
  line: number;
  typeOnly: boolean;
}

/** The static imports of a module: import/export … from, side-effect imports, import('literal'), require('literal'). */
function importsOf(file: string, text = readFileSync(file, 'utf8')): ImportRef[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const refs: ImportRef[] = [];
  const add = (literal: ts.Node, typeOnly: boolean) => {
    if (!ts.isStringLiteralLike(literal)) return; // import(variable): a run-time URL, not bundled
    refs.push({ specifier: literal.text, line: source.getLineAndCharacterOfPosition(literal.getStart()).line + 1, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression, node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.arguments.length > 0
      && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      add(node.arguments[0]!, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

/** The file a relative specifier names: as written, or with .ts, or its index.ts. */
function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, base.replace(/\.[cm]?js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

const slashes = (path: string) => path.split('\\').join('/');
const isRelative = (specifier: string) => specifier.startsWith('./') || specifier.startsWith('../');

/** The bundle of the client entry points: every module reached by value imports, and what is wrong in it. */
function clientBundle(base = root) {
  const rel = (file: string) => slashes(relative(base, file));
  const entries = readdirSync(join(base, 'src/client'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(base, 'src/client', f));
  const closure = new Map<string, string>(); // module → how it was reached
  const problems: string[] = [];
  const queue = entries.map((e) => { closure.set(e, 'entry point'); return e; });
  for (let file = queue.shift(); file; file = queue.shift()) {
    for (const ref of importsOf(file)) {
      const at = `${rel(file)}:${ref.line} imports '${ref.specifier}'`;
      if (!isRelative(ref.specifier)) {
        if (ref.typeOnly) continue; // erased from the bundle
        problems.push(`${at}: ${isBuiltin(ref.specifier) ? 'a Node built-in' : 'an npm package'} in browser code`);
        continue;
      }
      const target = resolveRelative(file, ref.specifier);
      if (!target) { problems.push(`${at}: does not resolve to a file`); continue; }
      if (!BROWSER_SAFE.some((dir) => rel(target).startsWith(dir))) {
        problems.push(`${at}: ${rel(target)} is outside the browser-safe folders (${BROWSER_SAFE.join(', ')})${ref.typeOnly ? ' (type-only import)' : ''}`);
      }
      if (ref.typeOnly || closure.has(target)) continue;
      closure.set(target, `${rel(file)}:${ref.line}`);
      queue.push(target);
    }
  }
  const listing = [...closure].map(([file, via]) => `  ${rel(file)}  (from ${via})`).join('\n');
  return { entries: entries.map(rel), closure: [...closure.keys()].map(rel), listing, problems };
}

describe('browser bundle of src/client', () => {
  it('imports no Node built-in or npm package, and only from the browser-safe layers', () => {
    const { entries, listing, problems } = clientBundle();
    expect(entries.length, 'no entry point in src/client').toBeGreaterThan(0);
    expect(problems, `the bundle of ${entries.join(', ')}:\n${listing}\n`).toEqual([]);
  });

  it('can fail: a module that strays out of the safe layers, a Node built-in, an npm package (fixture tree)', () => {
    const base = mkdtempSync(join(tmpdir(), 'browser-bundle-'));
    const write = (file: string, text: string) => {
      mkdirSync(dirname(join(base, file)), { recursive: true });
      writeFileSync(join(base, file), text);
    };
    try {
      write('src/client/page.ts', `import { a } from '../lib/search/a.ts';\nimport type { Big } from '../lib/pipeline.ts';\n`);
      write('src/lib/search/a.ts', `import type { Stats } from 'node:fs';\nimport { b } from '../text/b.ts';\nimport { c } from '../extract/c.ts';\nexport const a = 1;\n`);
      write('src/lib/text/b.ts', `import { readFileSync } from 'node:fs';\nimport 'unified';\nexport const b = 2;\n`);
      write('src/lib/extract/c.ts', `import { join } from 'path';\nexport const c = 3;\n`);
      write('src/lib/pipeline.ts', `import { readFileSync } from 'node:fs';\nexport type Big = 1;\n`);
      const { closure, problems } = clientBundle(base);
      expect(closure).toEqual(['src/client/page.ts', 'src/lib/search/a.ts', 'src/lib/text/b.ts', 'src/lib/extract/c.ts']);
      expect(problems).toEqual([
        `src/client/page.ts:2 imports '../lib/pipeline.ts': src/lib/pipeline.ts is outside the browser-safe folders (${BROWSER_SAFE.join(', ')}) (type-only import)`,
        `src/lib/search/a.ts:3 imports '../extract/c.ts': src/lib/extract/c.ts is outside the browser-safe folders (${BROWSER_SAFE.join(', ')})`,
        `src/lib/text/b.ts:1 imports 'node:fs': a Node built-in in browser code`,
        `src/lib/text/b.ts:2 imports 'unified': an npm package in browser code`,
        `src/lib/extract/c.ts:1 imports 'path': a Node built-in in browser code`,
      ]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('sees every kind of import it checks (self-test of the scanner)', () => {
    const code = [
      `import { a, type B } from './a.ts';`,
      `import type { C } from 'node:fs';`,
      `import './side-effect.ts';`,
      `export { d } from '../d.ts';`,
      `export type { E } from 'unified';`,
      `export * from './f.ts';`,
      `const g = await import('./g.ts');`,
      `const h = await import(someUrl);`,
      `const i = require('node:path');`,
      `// import { j } from 'commented-out';`,
      `type K = import('./k.ts').K;`,
    ].join('\n');
    expect(importsOf('x.ts', code)).toEqual([
      { specifier: './a.ts', line: 1, typeOnly: false },
      { specifier: 'node:fs', line: 2, typeOnly: true },
      { specifier: './side-effect.ts', line: 3, typeOnly: false },
      { specifier: '../d.ts', line: 4, typeOnly: false },
      { specifier: 'unified', line: 5, typeOnly: true },
      { specifier: './f.ts', line: 6, typeOnly: false },
      { specifier: './g.ts', line: 7, typeOnly: false },
      { specifier: 'node:path', line: 9, typeOnly: false },
    ]);
    const client = join(root, 'src/client/search.ts');
    const relatives = importsOf(client).filter((r) => isRelative(r.specifier));
    expect(relatives.length).toBeGreaterThan(0);
    expect(relatives.filter((r) => !resolveRelative(client, r.specifier))).toEqual([]);
  });
});
