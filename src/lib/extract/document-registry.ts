/**
 * The registry of known documents (data/documents.yaml): loaded, validated with
 * zod (every problem reported as file:line: what to fix, all at once) and
 * indexed for the extractor: by code, by plenum, by congress, by title.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { z } from 'zod';
import { ContentError, type Diagnostic } from '../content/diagnostics.ts';
import { foldChars, foldName, foldTitle } from '../text/fold.ts';
import {
  canonicalTerm,
  formatDocumentCode,
  kindFromFoldedWord,
  parseDocumentCode,
  type DocumentCode,
  type DocumentKindId,
} from '../text/document-codes.ts';

export interface RegistryDocument {
  id: string;
  kind: DocumentKindId;
  /** The kind as written in the registry ("nghị quyết"), for kb.json. */
  kindName: string;
  name: string;
  /** Canonical code (05-CT/TW) or null. */
  code: string | null;
  parsedCode: DocumentCode | null;
  number: string | null;
  issuer: string | null;
  term: string | null;
  date: string | null;
  plenum: number | null;
  congress: string | null;
  title: string | null;
  aliases: string[];
  replacedBy: string | null;
  /** 1-based line of the entry in the registry file. */
  line: number;
}

export interface TermStart {
  term: string;
  from: string;
}

export interface Locality {
  /** The local committee, e.g. "Thành ủy Hà Nội". */
  committee: string;
  names: string[];
}

export interface DocumentRegistry {
  file: string;
  documents: RegistryDocument[];
  byId: Map<string, RegistryDocument>;
  /** Canonical code → documents with that code (several: numbers restart every term). */
  byCode: Map<string, RegistryDocument[]>;
  /** "<kind>|<plenum>|<term>" → the document that "<Kind> Trung ương <plenum> khóa <term>" means. */
  byPlenum: Map<string, RegistryDocument>;
  /** "<kind>|<plenum>" → those documents, oldest first. */
  byPlenumAnyTerm: Map<string, RegistryDocument[]>;
  /** "<kind>|<number>" → documents of that kind and number, oldest first (any issuer). */
  byKindNumber: Map<string, RegistryDocument[]>;
  /** Congress (Roman) → its resolution. */
  byCongress: Map<string, RegistryDocument>;
  /** "dieu-le" charter entries etc.: folded name/alias → document, for names without numbers. */
  byName: Map<string, RegistryDocument>;
  /** Kind → documents with a title, with the folded title (without a leading "về"). */
  titles: Map<DocumentKindId, { folded: string; prefix: string; doc: RegistryDocument }[]>;
  terms: TermStart[];
  localities: Locality[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const nullableText = z.string().trim().min(1, 'must not be empty (write null instead)').nullable();

const entrySchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an ASCII slug: lower-case letters, digits and single hyphens'),
  kind: z.string().refine((k) => kindFromFoldedWord(foldChars(k)) !== null, {
    message: 'unknown kind: use nghị quyết, chỉ thị, kết luận, quy định, quyết định, hướng dẫn, quy chế, nghị định, thông tư or điều lệ',
  }),
  name: z.string().trim().min(1, 'is required: the canonical display name'),
  code: nullableText.refine((c) => c === null || parseDocumentCode(c) !== null, {
    message: 'is not a document code: write it like 05-CT/TW (Party) or 35/NQ-CP (state)',
  }),
  issuer: nullableText,
  term: z.string().nullable().refine((t) => t === null || canonicalTerm(t) !== null, { message: 'must be a Roman numeral such as XII' }),
  date: z.string().nullable().refine((d) => d === null || (DATE.test(d) && !Number.isNaN(Date.parse(d))), {
    message: 'must be a date YYYY-MM-DD or null',
  }),
  plenum: z.number().int().min(1).max(30).nullable().optional(),
  congress: z.string().nullable().optional().refine((t) => t == null || canonicalTerm(t) !== null, { message: 'must be a Roman numeral such as XIII' }),
  title: nullableText,
  aliases: z.array(z.string().trim().min(1)).default([]),
  replacedBy: z.string().nullable(),
}).strict();

const fileSchema = z.object({
  terms: z.array(z.object({
    term: z.string().refine((t) => canonicalTerm(t) !== null, { message: 'must be a Roman numeral' }),
    from: z.string().regex(DATE, 'must be a date YYYY-MM-DD'),
  }).strict()),
  localities: z.array(z.object({ committee: z.string().min(1), names: z.array(z.string().min(1)).min(1) }).strict()).default([]),
  documents: z.array(z.unknown()),
}).strict();

export const DEFAULT_REGISTRY_FILE = 'data/documents.yaml';

const cache = new Map<string, DocumentRegistry>();

/** Load, validate and index the registry (memoised per absolute path). Throws ContentError listing every problem. */
export function loadDocumentRegistry(file: string = DEFAULT_REGISTRY_FILE): DocumentRegistry {
  const absolute = resolve(file);
  const cached = cache.get(absolute);
  if (cached) return cached;
  let source: string;
  try {
    source = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new ContentError([{ file, message: `cannot read the document registry: ${(error as Error).message}`, severity: 'error' }]);
  }
  const registry = parseDocumentRegistry(source, file);
  cache.set(absolute, registry);
  return registry;
}

/** Parse registry text (exported for tests and tools); `file` names it in messages. */
export function parseDocumentRegistry(source: string, file: string): DocumentRegistry {
  const lineCounter = new LineCounter();
  const yamlDoc = parseDocument(source, { lineCounter, prettyErrors: false });
  const diagnostics: Diagnostic[] = [];
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = yamlDoc.getIn(path.slice(0, depth) as (string | number)[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  for (const error of yamlDoc.errors) {
    diagnostics.push({ file, line: error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line, message: `YAML syntax: ${error.message.split('\n')[0]}`, severity: 'error' });
  }
  if (diagnostics.length > 0) throw new ContentError(diagnostics);

  const parsed = fileSchema.safeParse(yamlDoc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      diagnostics.push({ file, line: lineOf(issue.path), field: issue.path.join('.'), message: issue.message, severity: 'error' });
    }
    throw new ContentError(diagnostics);
  }

  const documents: RegistryDocument[] = [];
  parsed.data.documents.forEach((raw, index) => {
    const entry = entrySchema.safeParse(raw);
    const line = lineOf(['documents', index]) ?? 1;
    if (!entry.success) {
      for (const issue of entry.error.issues) {
        const field = issue.path.join('.');
        diagnostics.push({
          file,
          line: lineOf(['documents', index, ...issue.path]) ?? line,
          field: `documents[${index}]${field ? '.' + field : ''}`,
          message: issue.message,
          severity: 'error',
        });
      }
      return;
    }
    const e = entry.data;
    const parsedCode = e.code ? parseDocumentCode(e.code) : null;
    documents.push({
      id: e.id,
      kind: kindFromFoldedWord(foldChars(e.kind))!,
      kindName: e.kind.toLowerCase(),
      name: e.name,
      code: parsedCode ? formatDocumentCode(parsedCode) : null,
      parsedCode,
      number: parsedCode?.number ?? null,
      issuer: e.issuer,
      term: e.term ? canonicalTerm(e.term) : null,
      date: e.date,
      plenum: e.plenum ?? null,
      congress: e.congress ? canonicalTerm(e.congress) : null,
      title: e.title,
      aliases: e.aliases,
      replacedBy: e.replacedBy,
      line,
    });
  });

  // Cross-entry checks: unique ids, replacedBy targets, one document per plenum phrase.
  const byId = new Map<string, RegistryDocument>();
  for (const doc of documents) {
    const previous = byId.get(doc.id);
    if (previous) {
      diagnostics.push({ file, line: doc.line, field: 'id', message: `duplicate id "${doc.id}" (first at line ${previous.line})`, severity: 'error' });
    } else byId.set(doc.id, doc);
  }
  const byPlenum = new Map<string, RegistryDocument>();
  const byCongress = new Map<string, RegistryDocument>();
  for (const doc of documents) {
    if (doc.replacedBy !== null && !byId.has(doc.replacedBy)) {
      diagnostics.push({ file, line: doc.line, field: 'replacedBy', message: `"${doc.replacedBy}" is not the id of a document in the registry`, severity: 'error' });
    }
    if (doc.plenum !== null) {
      if (doc.term === null) {
        diagnostics.push({ file, line: doc.line, field: 'plenum', message: 'a plenum needs the term (khóa) too', severity: 'error' });
        continue;
      }
      const key = `${doc.kind}|${doc.plenum}|${doc.term}`;
      const other = byPlenum.get(key);
      if (other) {
        diagnostics.push({ file, line: doc.line, field: 'plenum', message: `plenum ${doc.plenum} khóa ${doc.term} already names "${other.id}" (line ${other.line}); only one document per plenum phrase`, severity: 'error' });
      } else byPlenum.set(key, doc);
    }
    if (doc.congress !== null) byCongress.set(doc.congress, doc);
  }
  const terms = [...parsed.data.terms]
    .map((t) => ({ term: canonicalTerm(t.term)!, from: t.from }))
    .sort((a, b) => a.from.localeCompare(b.from));
  if (diagnostics.length > 0) throw new ContentError(diagnostics);

  const byCode = new Map<string, RegistryDocument[]>();
  const byPlenumAnyTerm = new Map<string, RegistryDocument[]>();
  const byKindNumber = new Map<string, RegistryDocument[]>();
  const byName = new Map<string, RegistryDocument>();
  const titles = new Map<DocumentKindId, { folded: string; prefix: string; doc: RegistryDocument }[]>();
  const byDate = (a: RegistryDocument, b: RegistryDocument): number => (a.date ?? '').localeCompare(b.date ?? '');
  for (const doc of [...documents].sort(byDate)) {
    if (doc.code) push(byCode, doc.code, doc);
    if (doc.number) push(byKindNumber, `${doc.kind}|${doc.number}`, doc);
    if (doc.plenum !== null) push(byPlenumAnyTerm, `${doc.kind}|${doc.plenum}`, doc);
    if (doc.code === null && doc.plenum === null && doc.congress === null) {
      for (const name of [doc.name, ...doc.aliases]) byName.set(foldName(name), doc);
    }
    if (doc.title) {
      const folded = foldTitle(doc.title);
      // Text quotes the start of a title: its first twelve words must follow "về".
      if (folded.length >= 12) push(titles, doc.kind, { folded, prefix: folded.split(' ').slice(0, 12).join(' '), doc });
    }
  }
  return { file, documents, byId, byCode, byPlenum, byPlenumAnyTerm, byKindNumber, byCongress, byName, titles, terms, localities: parsed.data.localities };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}


/** The term (khóa) of the Central Committee on a date (YYYY-MM-DD), or null before the first known term. */
export function termAt(registry: DocumentRegistry, date: string): string | null {
  let term: string | null = null;
  for (const t of registry.terms) {
    if (t.from <= date) term = t.term;
    else break;
  }
  return term;
}

/** First day of a term, or null. */
export function termStart(registry: DocumentRegistry, term: string): string | null {
  return registry.terms.find((t) => t.term === term)?.from ?? null;
}
