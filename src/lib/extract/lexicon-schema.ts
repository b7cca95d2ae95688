/**
 * The shapes of the lexicon files the extractor reads from data/ (units.yaml,
 * titles.yaml, abbreviations.yaml), as zod schemas: each file is checked once,
 * when it is first read (data-file.ts), and a wrong field is reported with its
 * line. The files' own comments say what each field means.
 */
import { z } from 'zod';

const phrase = z.string().min(1);
const phrases = z.array(phrase);

/** Gazetteer kinds (scripts/build-places.ts): what a level word or a head may name. */
export const PLACE_KINDS = ['city', 'province', 'quan', 'huyen', 'thixa', 'tp', 'phuong', 'xa', 'thitran', 'dackhu'] as const;
const placeKind = z.enum(PLACE_KINDS);

const parentRule = z.enum(['committee', 'same']);

export const unitsFileSchema = z
  .object({
    levelWords: z.array(z.object({ word: phrase, kinds: z.array(placeKind).min(1), fallback: z.array(placeKind).optional() }).strict()),
    committeeOfKind: z.record(placeKind, phrase),
    heads: z.array(
      z
        .object({
          name: phrase,
          place: z.enum(['level', 'implied']),
          kinds: z.array(placeKind).optional(),
          fallback: z.array(placeKind).optional(),
          parent: parentRule.optional(),
          qualifiers: z.array(z.object({ name: phrase, parent: parentRule }).strict()).optional(),
          partyQualifier: phrase.optional(),
          national: phrase.optional(),
          capitalised: z.boolean().optional(),
          bareUnique: z.boolean().optional(),
        })
        .strict(),
    ),
    subBodies: phrases,
    partyOrgans: phrases.optional(),
    centralCommittee: phrase,
    national: z.array(z.object({ name: phrase, forms: phrases.optional(), owner: z.literal('required').optional() }).strict()),
    international: z.array(z.object({ name: phrase, forms: phrases.optional() }).strict()).optional(),
    pluralMarkers: phrases.optional(),
    notStandalone: phrases.optional(),
    orgWords: phrases.optional(),
    legalForms: phrases.optional(),
    provincialOrgWords: phrases.optional(),
  })
  .strict();
export type UnitsFile = z.infer<typeof unitsFileSchema>;

export const titlesFileSchema = z
  .object({
    titles: z.array(
      z
        .object({
          name: phrase,
          standalone: z.boolean().optional(),
          unit: phrase.optional(),
          impliedUnit: phrase.optional(),
          foreignUnit: phrase.refine((s) => s.includes('{country}'), 'foreignUnit needs "{country}"').optional(),
          unitPrefix: phrase.optional(),
        })
        .strict(),
    ),
    formerWords: phrases.optional(),
    honorifics: phrases.optional(),
    ranks: phrases.optional(),
    familyNames: phrases.optional(),
    notPersonAfter: phrases.optional(),
    notNames: phrases.optional(),
    notInNames: phrases.optional(),
    notForeignNameWords: phrases.optional(),
    personVerbs: phrases.optional(),
  })
  .strict();
export type TitlesFile = z.infer<typeof titlesFileSchema>;

export const abbreviationsFileSchema = z
  .object({
    abbreviations: z.array(z.object({ abbr: phrase, expansion: phrase, expand: z.boolean().optional() }).strict()),
  })
  .strict();
