/**
 * Page-level reuse through Astro's incremental builds (experimental.incrementalBuild):
 * Astro skips a page when its route's code is unchanged and the `cacheKey` we
 * return from getStaticPaths() matches the previous build. This module makes
 * those keys exact without a hand-written list of what each page shows:
 *
 * - While a page renders, every call it makes to the site views (and to the
 *   other data sources below) is recorded for that page: "mentionGroups(["person/x"])".
 * - After the build, each page's key is the hash of those calls and the digest of
 *   what they returned; the calls are kept in Astro's cache folder.
 * - The next build replays each page's recorded calls against the new knowledge
 *   base. Rendering is a pure function of what the calls return, so equal results
 *   mean an identical page; a page whose data changed gets a new key and renders.
 *
 * Astro records a page's key before it renders, so a page rendered for the first
 * time is given a one-off pending key that afterPages() replaces in Astro's
 * manifest with the key from what the page actually read.
 *
 * Digests are narrow where a whole object would over-invalidate: an entity
 * nested in a result (a related person, a child unit, a unit member) is digested
 * by what a link to it shows (id, type, name), and an entity asked for directly
 * by everything but its back-references (mentions, articles), which pages read
 * through mentionGroups/articlesOf instead. Otherwise mentioning Hà Nội in one
 * new article would re-render every page that links to it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readSealedJson, sealJson } from '../lib/infra/cache.ts';
import { yielder } from '../lib/infra/walk.ts';
import { ASTRO_MANIFEST } from './astro-cache.ts';
import { packageVersion } from '../lib/infra/package-version.ts';
import { codeDigest } from '../lib/infra/code-digest.ts';
import { z } from 'zod';

/** The part of Astro 7.3's incremental-build.json this module reads and rewrites. */
const astroManifestSchema = z.object({
  routes: z.record(z.string(), z.object({ paths: z.record(z.string(), z.object({ cacheKey: z.string().optional(), outputFile: z.string().optional() })) })),
});

/**
 * The recording and digest rules are this module's code (and the views' code,
 * whose results are digested anyway): recordings made by other code are void.
 */
const RULES = (): string => codeDigest(['src/integrations/page-deps.ts']);
const DEPS_FILE = 'kho-tin-page-deps.json';

type Arg = string | number | boolean | null;
export type DataSource = (...args: Arg[]) => unknown;
export type DataSources = Record<string, DataSource>;

/** Fields never digested: back-references that change whenever any article mentions the entity. */
const BACKLINK_FIELDS = new Set(['mentions', 'articles']);

function isEntity(value: object): value is Record<string, unknown> {
  return 'mentions' in value && 'aliases' in value && 'type' in value && 'id' in value;
}

/** Fields of an article that pages show wherever it is listed (not the file path, not its entity list). */
const ARTICLE_FIELDS = ['id', 'url', 'title', 'published', 'author', 'source'] as const;

function isArticle(value: object): value is Record<string, unknown> {
  return 'title' in value && 'published' in value && 'entities' in value && 'file' in value;
}

const LONG_STRING = 512;

/** Articles recur in thousands of results; each is serialised once per build. */
const articleJson = new WeakMap<object, string>();

function articleDigestJson(article: Record<string, unknown>): string {
  let json = articleJson.get(article);
  if (json === undefined) articleJson.set(article, (json = JSON.stringify(ARTICLE_FIELDS.map((k) => article[k] ?? null))));
  return json;
}

/**
 * A stable digest of what one call returned. An entity nested in the result is
 * digested by what pages read of it there (a link: EntityLink, entityRef in
 * JSON-LD, a unit name in a highlighted sentence): id, type and name; an article
 * by the fields lists show. Checked against src/components and
 * src/lib/site/jsonld.ts: a component that shows more of a nested entity or
 * article must widen this.
 */
export function digest(value: unknown): string {
  const json = JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    // Long strings (an article's HTML) are hashed natively rather than escaped into the JSON.
    if (typeof v === 'string') return v.length > LONG_STRING ? `#${createHash('sha1').update(v).digest('base64url')}` : v;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    if (v instanceof Map) return [...v.entries()];
    if (v instanceof Set) return [...v];
    if (isArticle(v)) return articleDigestJson(v);
    if (!isEntity(v)) return v;
    if (key === '') {
      // The call's own result (e.g. entity(id) on that entity's page): all but the back-references.
      return Object.fromEntries(Object.entries(v).filter(([k]) => !BACKLINK_FIELDS.has(k)));
    }
    return `${v.id as string}\u0000${v.type as string}\u0000${v.name as string}`;
  });
  return createHash('sha1').update(json ?? 'undefined').digest('base64url');
}

function callKey(source: string, args: readonly unknown[]): string {
  return `${source}${JSON.stringify(args)}`;
}

function parseCall(key: string): { source: string; args: Arg[] } {
  const at = key.indexOf('[');
  return { source: key.slice(0, at), args: JSON.parse(key.slice(at)) as Arg[] };
}

interface StoredDeps {
  /** The digest of the rules that recorded them. */
  version: string;
  calls: string[];
  /** Page path (site-root relative, no base path) → indexes into calls; null: the page read something unkeyable. */
  pages: Record<string, number[] | null>;
}


interface AstroManifest {
  routes: Record<string, { paths: Record<string, { cacheKey?: string; outputFile?: string }> }>;
}

export interface PagesOutcome {
  rendered: number;
  reused: number;
  /** Output files (relative to dist/, "/" separators) of every page kept in Astro's manifest. */
  outputs: Set<string>;
}

export class PageDependencies {
  private readonly digests = new Map<string, string>();
  /** This build's recordings: page path → call keys (null: not keyable). */
  private readonly recorded = new Map<string, Set<string> | null>();
  private readonly previous = new Map<string, string[] | null>();
  /** Keys never seen before get a one-off key, so Astro records the page and renders it. */
  private readonly nonce = randomUUID();
  private readonly rules = RULES();
  /** Keys computed ahead by prepareKeys(). */
  private readonly keys = new Map<string, string>();
  private prepared: Promise<void> | null = null;

  private readonly sources: DataSources;
  readonly cacheDir: string | null;

  constructor(sources: DataSources, cacheDir: string | null) {
    this.sources = sources;
    this.cacheDir = cacheDir;
    if (!cacheDir) return;
    // None yet, or damaged (reported once): every page renders. Sealed, so its shape is the one
    // written (with its rules' digest); a zod check of it would cost ~0.1 s at the corpus for nothing more.
    const stored = readSealedJson<StoredDeps>(path.join(cacheDir, DEPS_FILE), 'the recorded page calls: every page renders');
    if (!stored || stored.version !== RULES()) return;
    for (const [page, ids] of Object.entries(stored.pages)) {
      const calls = ids?.map((i) => stored.calls[i]);
      // An index out of range (only a bug could write one): the page renders.
      this.previous.set(page, calls && calls.every((c) => c !== undefined) ? calls : null);
    }
  }

  private digestOf(key: string): string {
    let d = this.digests.get(key);
    if (d === undefined) {
      const { source, args } = parseCall(key);
      const fn = this.sources[source];
      d = fn ? digest(fn(...args)) : `missing:${this.nonce}`; // a source that no longer exists never matches
      this.digests.set(key, d);
    }
    return d;
  }

  private keyOf(calls: Iterable<string>): string {
    const h = createHash('sha1').update(this.rules);
    for (const key of [...calls].sort()) h.update(key).update('\u0000').update(this.digestOf(key)).update('\u0000');
    return h.digest('base64url');
  }

  /**
   * Computes the key of every page recorded last time, before getStaticPaths asks
   * for them, letting the event loop run every few milliseconds: replaying ~98,000
   * pages' calls takes seconds, and in one stretch it would keep the search
   * index's Pagefind process (which needs the loop to take its replies) waiting.
   */
  prepareKeys(): Promise<void> {
    this.prepared ??= (async () => {
      const pause = yielder(10);
      for (const [page, calls] of this.previous) {
        if (calls) this.keys.set(page, this.keyOf(calls));
        await pause();
      }
    })();
    return this.prepared;
  }

  /** The cacheKey for a page in getStaticPaths(): from what it read last time, or a one-off key. */
  cacheKey(page: string): string | undefined {
    if (!this.cacheDir) return undefined;
    const calls = this.previous.get(page);
    if (!calls) return `pending:${this.nonce}`;
    return this.keys.get(page) ?? this.keyOf(calls);
  }

  /** Notes that `page` called `source(...args)`; once a page is unkeyable (null) it stays so. */
  private record(page: string, source: string, args: readonly Arg[]): void {
    let calls = this.recorded.get(page);
    if (calls === undefined) this.recorded.set(page, (calls = new Set()));
    calls?.add(callKey(source, args));
  }

  /** The data sources of one page, recording every call it makes. */
  recorder<T extends object>(page: string, target: T): T {
    if (!this.cacheDir) return target;
    if (!this.recorded.has(page)) this.recorded.set(page, new Set());
    return new Proxy(target, {
      get: (obj, prop, receiver) => {
        const value = Reflect.get(obj, prop, receiver) as unknown;
        if (typeof prop !== 'string') return value;
        if (typeof value !== 'function') {
          this.recorded.set(page, null); // a whole data structure (e.g. the knowledge base): never reused
          return value;
        }
        return (...args: Arg[]) => {
          this.record(page, prop, args);
          return (value as DataSource).apply(obj, args);
        };
      },
    });
  }

  /** Records a read of a named data source that is not a method of the recorded object. */
  use<T>(page: string, source: string, ...args: Arg[]): T {
    const fn = this.sources[source];
    if (!fn) throw new Error(`page-deps: no data source "${source}"`);
    if (this.cacheDir) this.record(page, source, args);
    return fn(...args) as T;
  }

  /**
   * After Astro has rendered and written its manifest: give every page rendered in
   * this build its real key, and keep each keyed page's calls for the next build.
   * Returns how many pages were rendered (and recorded) and how many were reused,
   * and the output files of the pages Astro keeps.
   */
  afterPages(toPagePath: (astroPath: string) => string): PagesOutcome {
    const outputs = new Set<string>();
    if (!this.cacheDir) return { rendered: 0, reused: 0, outputs };
    const manifestFile = path.join(this.cacheDir, ASTRO_MANIFEST);
    let manifest: AstroManifest;
    try {
      manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as AstroManifest;
    } catch {
      // None, or unreadable: none kept, so that no page is reused without its record (output.ts).
      rmSync(manifestFile, { force: true });
      return { rendered: 0, reused: 0, outputs };
    }
    // Astro's private format (docs/scaling.md): a shape we do not know is dropped, and every page renders next time.
    if (!astroManifestSchema.safeParse(manifest).success) {
      console.warn(`[kho-tin] warning: ${manifestFile} is not in the format this build knows (Astro ${packageVersion('astro')}); dropped: every page renders next time`);
      rmSync(manifestFile, { force: true });
      return { rendered: 0, reused: 0, outputs };
    }
    const calls: string[] = [];
    const callIds = new Map<string, number>();
    const pages: Record<string, number[] | null> = {};
    let rendered = 0;
    let reused = 0;
    for (const route of Object.values(manifest.routes)) {
      for (const [astroPath, entry] of Object.entries(route.paths)) {
        const page = toPagePath(astroPath);
        const fresh = this.recorded.get(page);
        const deps = fresh !== undefined ? (fresh === null ? null : [...fresh]) : this.previous.get(page);
        if (fresh !== undefined) rendered++;
        else reused++;
        if (deps === undefined || deps === null) {
          // Nothing usable recorded: drop the entry so the next build renders the page.
          delete route.paths[astroPath];
          if (deps === null) pages[page] = null;
          continue;
        }
        if (fresh !== undefined) entry.cacheKey = this.keyOf(deps);
        if (entry.outputFile) outputs.add(decodeURIComponent(entry.outputFile));
        pages[page] = deps.map((key) => {
          let id = callIds.get(key);
          if (id === undefined) callIds.set(key, (id = calls.push(key) - 1));
          return id;
        });
      }
    }
    mkdirSync(this.cacheDir, { recursive: true });
    writeFileSync(manifestFile, JSON.stringify(manifest));
    writeFileSync(path.join(this.cacheDir, DEPS_FILE), sealJson({ version: RULES(), calls, pages } satisfies StoredDeps));
    return { rendered, reused, outputs };
  }
}
