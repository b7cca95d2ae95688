/**
 * `npm run kb -- --content <dir> --out <file> [--pretty]`: write kb.json (version 1,
 * docs/kb-json.md) from a content directory without building any page.
 * Content errors print as `file:line: message` and exit 1.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { buildKnowledge, contentDirFromEnv } from '../src/lib/build/knowledge.ts';
import { ContentError, formatDiagnostic } from '../src/lib/content/diagnostics.ts';
import { writeKnowledgeBase } from '../src/lib/graph/export.ts';

const USAGE = 'usage: npm run kb -- [--content <dir>] --out <file> [--pretty]   (content defaults to $CONTENT_DIR or content/)';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        content: { type: 'string' },
        out: { type: 'string' },
        pretty: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.out) {
    console.error(`missing --out <file>\n${USAGE}`);
    return 2;
  }
  const contentDir = values.content ? path.resolve(values.content) : contentDirFromEnv();
  const startedAt = performance.now();
  try {
    const { kb } = await buildKnowledge(contentDir);
    const bytes = await writeKnowledgeBase(values.out, kb, { pretty: values.pretty });
    const byType = new Map<string, number>();
    for (const e of kb.entities) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
    const types = [...byType].map(([t, n]) => `${n} ${t}`).join(', ') || 'no entities';
    console.log(
      `kb.json: ${values.out} (${bytes} bytes): ${kb.articles.length} articles, ${kb.entities.length} entities (${types}) in ${Math.round(performance.now() - startedAt)} ms`,
    );
    return 0;
  } catch (err) {
    if (err instanceof ContentError) {
      for (const d of err.diagnostics.filter((x) => x.severity === 'error')) console.error(formatDiagnostic(d));
      return 1;
    }
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') {
      console.error(`${contentDir}: no such content directory (expected ${path.join(contentDir, 'articles')}/*.md)`);
      return 1;
    }
    throw err;
  }
}

main().then((code) => process.exit(code));
