/**
 * The import boundaries of src/lib (eslint.config.js, README "How it works"):
 * the tree keeps them, and the rule can fail — for every pair of layers, for
 * peers, for the folders above src/lib, and for browser code.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../eslint.config.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const RULE = 'no-restricted-imports';
const eslint = new ESLint({ cwd: root });

/** Every problem of one lint run, as "file:line:column  message". */
function problems(results: ESLint.LintResult[]): string[] {
  return results.flatMap((r) =>
    r.messages.map((m) => `${relative(root, r.filePath)}:${m.line}:${m.column}  ${m.ruleId ?? 'fatal'}  ${m.message}`),
  );
}

async function lintAs(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result!.messages;
}

/** The no-restricted-imports messages of `code` posing as `filePath` (fatal parse errors throw). */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const messages = await lintAs(filePath, code);
  const fatal = messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`${filePath}: ${fatal.map((m) => m.message).join('; ')}`);
  return messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

const SEE = "move the shared piece down (see README 'How it works')";
const label = (name: string) => name.replace(/\.ts$/, '');
/** A file of module `name` and how it writes an import of module `target` (both of src/lib). */
const fileOf = (name: string) => (name.endsWith('.ts') ? `src/lib/${name}` : `src/lib/${name}/x.ts`);
function specifier(from: string, target: string): string {
  const up = from.endsWith('.ts') ? './' : '../';
  return target.endsWith('.ts') ? `${up}${target}` : `${up}${target}/x.ts`;
}

describe('the source tree keeps the layer boundaries', () => {
  it('has no boundary violations in src/ (eslint.config.js)', async () => {
    const results = await eslint.lintFiles(['src/']);
    expect(results.length, 'ESLint linted no file under src/').toBeGreaterThan(50);
    // Every problem is listed, boundary or not (a parse error would hide a file's imports).
    expect(problems(results)).toEqual([]);
  });

  it('names every folder and file of src/lib in LAYERS', () => {
    const listed = new Set(LAYERS.flat());
    const entries = readdirSync(join(root, 'src/lib'))
      .filter((e) => statSync(join(root, 'src/lib', e)).isDirectory() || e.endsWith('.ts'));
    expect(entries.filter((e) => !listed.has(e)), 'a module of src/lib outside LAYERS is not checked: add it to eslint.config.js').toEqual([]);
  });

  it('gives every linted file of src/lib and src/client a boundary rule', async () => {
    const uncovered: string[] = [];
    const walk = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
    for (const file of [...walk('src/lib'), ...walk('src/client')]) {
      const config = await eslint.calculateConfigForFile(join(root, file));
      if (!config?.rules?.[RULE]) uncovered.push(file);
    }
    expect(uncovered).toEqual([]);
  });
});

describe('the boundary rule can fail', () => {
  beforeAll(() => {
    expect(LAYERS.length).toBeGreaterThan(10);
  });

  it.each([
    ['src/lib/text/x.ts', `import { extractMentions } from '../extract/index.ts';`, 'layer text may not import layer extract (higher)'],
    ['src/lib/extract/x.ts', `import { runPipeline } from '../pipeline.ts';`, 'layer extract may not import layer pipeline (higher)'],
    ['src/lib/site/x.ts', `import { planSearch } from '../search/query.ts';`, 'layer site may not import layer search (a peer on the same level)'],
    ['src/lib/search/x.ts', `import { siteViews } from '../site/views.ts';`, 'layer search may not import layer site (a peer on the same level)'],
    ['src/lib/content/x.ts', `import type { ImportedArticle } from '../import/types.ts';`, 'layer content may not import layer import (a peer on the same level)'],
    ['src/lib/import/x.ts', `import { loadArticles } from '../content/load.ts';`, 'layer import may not import layer content (a peer on the same level)'],
    ['src/lib/markdown/x.ts', `import { defuseMarkdown } from '../render/defuse.ts';`, 'layer markdown may not import layer render (higher)'],
    ['src/lib/model/x.ts', `import type { Token } from '../extract/tokens.ts';`, 'layer model may not import layer extract (higher)'],
    ['src/lib/pipeline.ts', `import { siteViews } from './site/views.ts';`, 'layer pipeline may not import layer site (higher)'],
    ['src/lib/build/x.ts', `import { runEval } from '../eval/run.ts';`, 'layer build may not import layer eval (higher)'],
    // the forms of a specifier: re-export, export *, index, a nested file, a detour through lib/
    ['src/lib/text/x.ts', `export { escapeHtml } from '../render/escape.ts';`, 'layer text may not import layer render (higher)'],
    ['src/lib/text/x.ts', `export * from '../graph/build.ts';`, 'layer text may not import layer graph (higher)'],
    ['src/lib/text/x.ts', `import '../resolve';`, 'layer text may not import layer resolve (higher)'],
    ['src/lib/extract/deep/x.ts', `import { resolveEntities } from '../../resolve/index.ts';`, 'layer extract may not import layer resolve (higher)'],
    ['src/lib/text/x.ts', `import { extractMentions } from '../../lib/extract/index.ts';`, 'layer text may not import layer extract (higher)'],
    ['src/lib/infra/x.ts', `import { runPipeline } from '../../../src/lib/pipeline.ts';`, 'layer infra may not import layer pipeline (higher)'],
    // nothing in src/lib reaches above it
    ['src/lib/text/x.ts', `import { getKnowledge } from '../../integrations/knowledge.ts';`, 'layer text may not import src/integrations (above src/lib)'],
    ['src/lib/pipeline.ts', `import { getKnowledge } from '../integrations/knowledge.ts';`, 'layer pipeline may not import src/integrations (above src/lib)'],
    ['src/lib/eval/x.ts', `import { startSearchPage } from '../../client/search.ts';`, 'layer eval may not import src/client (above src/lib)'],
    ['src/lib/site/x.ts', `import x from '../../pages/index.astro';`, 'layer site may not import src/pages (above src/lib)'],
    ['src/lib/site/x.ts', `import x from '../../components/ArticleList.astro';`, 'layer site may not import src/components (above src/lib)'],
    ['src/lib/site/x.ts', `import x from '../../layouts/Base.astro';`, 'layer site may not import src/layouts (above src/lib)'],
    ['src/lib/eval/x.ts', `import { x } from '../../../scripts/kb.ts';`, 'layer eval may not import scripts/ (outside src)'],
    ['src/lib/eval/x.ts', `import { x } from '../../../tests/lib/site/fixture.ts';`, 'layer eval may not import tests/ (outside src)'],
    // browser code
    ['src/client/x.ts', `import { tokenize } from '../lib/extract/tokens.ts';`, 'src/client (browser code) may not import layer extract'],
    ['src/client/x.ts', `import type { KnowledgeBuild } from '../lib/pipeline.ts';`, 'src/client (browser code) may not import layer pipeline'],
    ['src/client/x.ts', `import { hashOf } from '../lib/infra/cache.ts';`, 'src/client (browser code) may not import layer infra'],
    ['src/client/x.ts', `import { pageData } from '../integrations/page-data.ts';`, 'src/client (browser code) may not import src/integrations (above src/lib)'],
  ])('%s: %s', async (file, code, expected) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(expected);
    expect(errors[0]).toContain(SEE);
  });

  it.each([
    ['src/lib/extract/x.ts', `import { fold } from '../text/fold.ts';\nimport type { Mention } from '../model/mention.ts';\nimport { tokenize } from './tokens.ts';`],
    ['src/lib/extract/x.ts', `import { ContentError } from '../content/diagnostics.ts';\nimport { BuildCache } from '../infra/cache.ts';`],
    ['src/lib/pipeline.ts', `import { extractMentions } from './extract/index.ts';\nimport { renderArticleHtml } from './render/html.ts';`],
    ['src/lib/search/x.ts', `import type { KnowledgeBuild } from '../pipeline.ts';\nimport { abbreviationTable } from '../extract/abbreviations.ts';`],
    ['src/lib/site/x.ts', `import { jsonForScript } from '../render/escape.ts';\nexport * from './search/own-subfolder.ts';\nimport { x } from '../searching/x.ts';`],
    ['src/lib/build/x.ts', `import { runPipeline } from '../pipeline.ts';\nimport { recordStage } from '../infra/stats.ts';`],
    ['src/lib/eval/x.ts', `import { buildKnowledge } from '../build/knowledge.ts';\nimport { recordToRaw } from '../import/jsonl.ts';`],
    ['src/lib/text/x.ts', `import { readFileSync } from 'node:fs';\nimport { unified } from 'unified';\nimport { x } from './pipeline.ts';`],
    ['src/client/x.ts', `import { planSearch } from '../lib/search/query.ts';\nimport { fold } from '../lib/text/fold.ts';\nimport type { KbEntity } from '../lib/model/kb.ts';`],
    ['src/integrations/x.ts', `import { runEval } from '../lib/eval/run.ts';\nimport { runPipeline } from '../lib/pipeline.ts';`],
    ['src/pages/x.ts', `import { pageData } from '../integrations/page-data.ts';\nimport { siteFeedResponse } from '../lib/site/feed-routes.ts';`],
  ])('%s: allows downward imports', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });

  it('forbids every upward and peer import between the modules of LAYERS, and no downward one', async () => {
    const wrong: string[] = [];
    for (const [level, names] of LAYERS.entries()) {
      for (const from of names) {
        for (const [otherLevel, others] of LAYERS.entries()) {
          for (const to of others) {
            if (to === from) continue;
            const spec = specifier(from, to);
            const errors = await boundaryErrors(fileOf(from), `import { x } from '${spec}';`);
            const forbidden = otherLevel >= level; // higher, or a peer on the same level
            const kind = otherLevel > level ? 'higher' : 'a peer on the same level';
            const ok = forbidden
              ? errors.length === 1 && errors[0]!.endsWith(`layer ${label(from)} may not import layer ${label(to)} (${kind}); ${SEE}`)
              : errors.length === 0;
            if (!ok) wrong.push(`${fileOf(from)} → '${spec}': expected ${forbidden ? 'an error' : 'no error'}, got ${JSON.stringify(errors)}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
