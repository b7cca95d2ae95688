/**
 * Hand annotations (gold standard) for scoring the extraction: schema, loading
 * and validation. See tests/fixtures/annotations/README.md for the file format.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { nameKey } from './keys.ts';
import type { EntityType } from '../model/mention.ts';

const optional = z.boolean().optional();
const names = z.array(z.string().min(1)).optional();

// unitAliases: other names of the role's unit, for annotations that do not list units (the corpus sample).
// former: a role held before the article (nguyên, cựu, từng là).
const roleSchema = z
  .object({ title: z.string().min(1), unit: z.string().min(1).nullable(), unitAliases: names, former: z.boolean().optional(), optional })
  .strict();
const personSchema = z.object({ name: z.string().min(1), aliases: names, roles: z.array(roleSchema).optional(), optional }).strict();
const unitSchema = z.object({ name: z.string().min(1), aliases: names, optional }).strict();
const placeSchema = z.object({ name: z.string().min(1), level: z.string().min(1), aliases: names, optional }).strict();
const documentSchema = z
  .object({ name: z.string().min(1), code: z.string().min(1).optional(), year: z.number().int().optional(), aliases: names, optional })
  .strict();

const articleGoldShape = {
  people: z.array(personSchema).default([]),
  units: z.array(unitSchema).default([]),
  places: z.array(placeSchema).default([]),
  documents: z.array(documentSchema).default([]),
  nonEntities: z.array(z.string().min(1)).default([]),
};
const seedGoldSchema = z.object({ seed: z.string().min(1), ...articleGoldShape }).strict();
const scopeSchema = z.array(z.enum(['person', 'unit', 'place', 'document'])).min(1);
const sampleGoldSchema = z
  .object({
    sample: z.string().min(1),
    /** Entity types annotated for every record (roles come with person); others are not scored. */
    scope: scopeSchema,
    /** A record may widen or narrow the scope (e.g. units and places annotated for some records only). */
    records: z.array(z.object({ recordId: z.string().min(1), scope: scopeSchema.optional(), ...articleGoldShape }).strict()),
  })
  .strict();

export type GoldRole = z.infer<typeof roleSchema>;

/** One gold entity, type-independent: what the scorer needs to match it. */
export interface GoldEntity {
  type: EntityType;
  name: string;
  /** Name plus every alias. */
  forms: string[];
  optional: boolean;
  level?: string;
  code?: string;
  year?: number;
  roles: GoldRole[];
}

export interface GoldArticle {
  /** Seed file name (matched against importedFrom) or corpus record id. */
  key: string;
  /** Where the annotation was read from (for messages). */
  source: string;
  entities: GoldEntity[];
  nonEntities: string[];
  /** Entity types this annotation covers; predictions of other types are not scored. */
  scope: EntityType[];
}

export class GoldError extends Error {}

type ArticleGoldInput = z.infer<z.ZodObject<typeof articleGoldShape>>;

const ALL_TYPES: EntityType[] = ['person', 'unit', 'place', 'document'];

function toGoldArticle(key: string, source: string, input: ArticleGoldInput, scope: EntityType[] = ALL_TYPES): GoldArticle {
  const entities: GoldEntity[] = [];
  const forms = (name: string, aliases: string[] | undefined) => [name, ...(aliases ?? [])];
  for (const p of input.people)
    entities.push({ type: 'person', name: p.name, forms: forms(p.name, p.aliases), optional: p.optional ?? false, roles: p.roles ?? [] });
  for (const u of input.units)
    entities.push({ type: 'unit', name: u.name, forms: forms(u.name, u.aliases), optional: u.optional ?? false, roles: [] });
  for (const pl of input.places)
    entities.push({ type: 'place', name: pl.name, forms: forms(pl.name, pl.aliases), optional: pl.optional ?? false, level: pl.level, roles: [] });
  for (const d of input.documents)
    entities.push({
      type: 'document',
      name: d.name,
      forms: forms(d.name, d.aliases),
      optional: d.optional ?? false,
      code: d.code,
      year: d.year,
      roles: [],
    });
  checkUniqueForms(key, source, entities);
  for (const e of entities)
    if (!scope.includes(e.type)) throw new GoldError(`${source} (${key}): "${e.name}" is a ${e.type}, which is outside the annotated scope (${scope.join(', ')})`);
  return { key, source, entities, nonEntities: input.nonEntities, scope };
}

/** A surface form must name one gold entity of its type, or matching would be ambiguous. */
function checkUniqueForms(key: string, source: string, entities: GoldEntity[]): void {
  const seen = new Map<string, string>();
  for (const e of entities) {
    for (const f of new Set(e.forms.map(nameKey))) {
      const k = `${e.type}:${f}`;
      const other = seen.get(k);
      if (other !== undefined && other !== e.name)
        throw new GoldError(`${source} (${key}): the ${e.type} form "${f}" belongs to both "${other}" and "${e.name}"; keep aliases specific`);
      seen.set(k, e.name);
    }
  }
}

function describe(source: string, error: z.ZodError): string {
  return error.issues.map((i) => `${source}: ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
}

async function readYaml(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new GoldError(`${file}: cannot read the annotation file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    return parseYaml(text);
  } catch (err) {
    throw new GoldError(`${file}: invalid YAML: ${(err as Error).message}`);
  }
}

/** Parse one seed annotation (already-read YAML value). */
export function parseSeedGold(value: unknown, source: string): GoldArticle {
  const r = seedGoldSchema.safeParse(value);
  if (!r.success) throw new GoldError(describe(source, r.error));
  return toGoldArticle(r.data.seed, source, r.data);
}

/** Parse the corpus sample annotation: one GoldArticle per record. */
export function parseSampleGold(value: unknown, source: string): GoldArticle[] {
  const r = sampleGoldSchema.safeParse(value);
  if (!r.success) throw new GoldError(describe(source, r.error));
  const scope = r.data.scope;
  const ids = new Set<string>();
  for (const rec of r.data.records) {
    if (ids.has(rec.recordId)) throw new GoldError(`${source}: record ${rec.recordId} is annotated twice`);
    ids.add(rec.recordId);
  }
  return r.data.records.map((rec) => toGoldArticle(rec.recordId, source, rec, rec.scope ?? scope));
}

/** Every seed annotation under dir (*.yaml), sorted by seed name. */
export async function loadSeedGold(dir: string): Promise<GoldArticle[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw new GoldError(`${dir}: cannot read the annotation folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); pass --annotations <folder of seed .yaml files>`);
  }
  const files = names.filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
  if (files.length === 0) throw new GoldError(`${dir}: no .yaml annotation files here`);
  const out: GoldArticle[] = [];
  for (const f of files) out.push(parseSeedGold(await readYaml(path.join(dir, f)), path.join(dir, f)));
  return out;
}

export async function loadSampleGold(file: string): Promise<GoldArticle[]> {
  return parseSampleGold(await readYaml(file), file);
}
