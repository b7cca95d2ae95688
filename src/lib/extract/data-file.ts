/**
 * The lexicon's YAML files under data/, read and checked against their zod
 * schemas (src/lib/extract/lexicon-schema.ts). Every problem is reported at
 * once, each with the file, its line and the field, as content errors are.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ContentError, type Diagnostic } from '../content/diagnostics.ts';
import { dataPath } from './tokens.ts';

const parsedFiles = new Map<string, unknown>();

/** data/<file>, parsed and checked against `schema`; read once per process. Throws a ContentError listing every problem. */
export function readDataFile<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  const cached = parsedFiles.get(file);
  if (cached !== undefined) return cached as z.infer<S>;
  const absolute = dataPath(file);
  const data = parseDataFile(fs.readFileSync(absolute, 'utf8'), path.join('data', file), schema);
  parsedFiles.set(file, data);
  return data;
}

/** Parse YAML text against a schema; `file` names it in messages (exported for tests). */
export function parseDataFile<S extends z.ZodType>(source: string, file: string, schema: S): z.infer<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const diagnostics: Diagnostic[] = doc.errors.map((error) => ({
    file,
    line: error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line,
    message: `YAML syntax: ${error.message.split('\n')[0]}`,
    severity: 'error' as const,
  }));
  if (diagnostics.length > 0) throw new ContentError(diagnostics);
  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  // The line of the deepest node of the issue's path that exists in the file.
  const lineOf = (at: readonly PropertyKey[]): number | undefined => {
    for (let depth = at.length; depth >= 0; depth--) {
      const node = doc.getIn(at.slice(0, depth) as (string | number)[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  throw new ContentError(
    parsed.error.issues.map((issue) => ({ file, line: lineOf(issue.path), field: issue.path.join('.'), message: issue.message, severity: 'error' as const })),
  );
}
