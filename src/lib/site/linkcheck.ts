/**
 * Internal link and anchor check over a built dist/.
 *
 * Every internal reference in every HTML page (<a href>, <area href>,
 * <link href>, <script src>, <img src>, <source src>, <iframe src>, and bare
 * "#anchor" links) must resolve: to a file under dist/ (a path ending in "/"
 * means its index.html), inside the base path, and when it has a fragment, to
 * an element with that id (or <a name>) in the target page. External URLs
 * (other schemes or hosts) are not fetched; absolute URLs on the site's own
 * origin (canonical links) are checked like paths when siteUrl is given.
 *
 * Pages are parsed one at a time with htmlparser2's streaming parser; only the
 * references that point at another page's anchor are kept until the end, so
 * memory stays proportional to the number of files, not links.
 *
 * Incremental: what a page contributes (its ids, and its references resolved as
 * far as they can be without knowing which files dist/ holds) is cached in the
 * BuildCache under a hash of the page's bytes, its path and the options. A page
 * whose file is the one seen last time (same size, modification time and inode,
 * as git's index does it: dist/ is kept between builds, src/lib/build/output.ts)
 * is not even read; a page rewritten with the same bytes is read and hashed but
 * not parsed. Every reference is still checked against this build's files and
 * anchors, so the report is the same as without the cache.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { BuildCache, hashOf } from '../infra/cache.ts';
import { listFiles, yielder } from '../infra/walk.ts';
import { fileSignature } from '../infra/file-signature.ts';
import { packageVersion } from '../infra/package-version.ts';
import { codeDigest } from '../infra/code-digest.ts';

export interface BrokenLink {
  /** The page holding the link, relative to dist/ ("bai-viet/x/index.html"). */
  page: string;
  /** The reference as written in the page. */
  target: string;
  reason: string;
}

export interface LinkCheckOptions {
  /** Origin (and path) of the deployed site, e.g. "https://example.org": absolute links to it are checked too. */
  siteUrl?: string;
  /**
   * Where page scans are kept between builds. Omitted: a BuildCache on
   * $KHO_TIN_CACHE_DIR / .cache/build (off when KHO_TIN_CACHE=0), flushed at the
   * end. Given: the caller flushes it.
   */
  cache?: BuildCache;
  /** Every file of outDir (relative, "/" separators, sorted), when the caller has listed them already. */
  files?: readonly string[];
}

export interface LinkCheckResult {
  broken: BrokenLink[];
  /** HTML pages checked. */
  pages: number;
  /** Pages parsed in this run (the others were unchanged and came from the cache). */
  parsed: number;
}

const CACHE_NAMESPACE = 'linkcheck';
/** File signature (path, size, mtime, inode) → the hash of the bytes it had. */
const SIGNATURE_NAMESPACE = 'linkcheck-files';

/** Which attribute of which element holds a URL to check. */
const URL_ATTRIBUTES: Record<string, string> = {
  a: 'href',
  area: 'href',
  link: 'href',
  script: 'src',
  img: 'src',
  source: 'src',
  iframe: 'src',
};

/** Link relations that name no fetchable resource of this site. */
const IGNORED_LINK_RELS = new Set(['dns-prefetch', 'preconnect']);

interface PageScan {
  ids: Set<string>;
  refs: string[];
}

/** Ids (and <a name>s) and URL references of one HTML document. */
export function scanHtml(html: string): PageScan {
  const ids = new Set<string>();
  const refs: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (attrs.id !== undefined) ids.add(attrs.id);
        if (name === 'a' && attrs.name !== undefined) ids.add(attrs.name);
        const attr = URL_ATTRIBUTES[name];
        if (!attr) return;
        const value = attrs[attr];
        if (value === undefined) return;
        if (name === 'link' && (attrs.rel ?? '').split(/\s+/).some((r) => IGNORED_LINK_RELS.has(r.toLowerCase()))) return;
        refs.push(value);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { ids, refs };
}

/** The URL path a page is served at: "x/index.html" → "<base>x/", "404.html" → "<base>404.html". */
export function pageUrlPath(file: string, basePath: string): string {
  if (file === 'index.html') return basePath;
  if (file.endsWith('/index.html')) return basePath + file.slice(0, -'index.html'.length);
  return basePath + file;
}

const HTML_SPACE = /^[\t\n\f\r ]+|[\t\n\f\r ]+$/g;
/** Characters the URL parser leaves as they are in a path, and that need no percent-decoding. */
const PLAIN_PATH = /^[A-Za-z0-9._~/-]*$/;
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;

/**
 * A reference resolved as far as it can be without knowing which files dist/
 * holds. JSON-ready, as it is cached:
 * - a string: a plain path under the base, no fragment (most links); its
 *   path relative to the base is the string minus the base;
 * - [target, reason]: broken whatever dist/ holds;
 * - [target, rel, fragment]: a path relative to the base, and the fragment (decoded) or null.
 * External references yield null and are not kept.
 */
export type ClassifiedRef = string | [target: string, reason: string] | [target: string, rel: string, fragment: string | null];

/**
 * The first half of resolving a reference: trims it, resolves it against the
 * page's URL, decides external / broken / a path under the base. Depends only
 * on the reference, the page's path, the base path and the site origin.
 */
export function classifyReference(raw: string, pageFile: string, basePath: string, siteOrigin: URL | null): ClassifiedRef | null {
  // Fast path, same result as the URL parser below: a root-relative path of plain
  // characters without "//" (another host), dot segments or percent-escapes.
  if (raw.startsWith(basePath) && !raw.startsWith('//') && PLAIN_PATH.test(raw) && !DOT_SEGMENT.test(raw)) return raw;
  const value = raw.replace(HTML_SPACE, '');
  const pageUrl = new URL(pageUrlPath(pageFile, basePath), siteOrigin ?? 'http://site.invalid');
  let url: URL;
  try {
    url = new URL(value, pageUrl);
  } catch {
    return [raw, 'malformed URL'];
  }
  if (url.protocol !== pageUrl.protocol || url.host !== pageUrl.host) return null;
  const fragment = url.hash ? safeDecode(url.hash.slice(1)) : null;
  let pathname: string | null;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    pathname = null;
  }
  if (pathname === null) return [raw, 'malformed percent-encoding'];
  if (!pathname.startsWith(basePath)) return [raw, `outside the base path ${basePath}`];
  const rel = pathname.slice(basePath.length);
  if (rel.split('/').includes('..')) return [raw, 'escapes the site root'];
  return [raw, rel, fragment];
}

/** The second half: the file of dist/ a path relative to the base names (a path ending in "/" or a directory means its index.html). */
type Located = { file: string } | { reason: string };

function locate(rel: string, files: ReadonlySet<string>): Located {
  if (rel === '' || rel.endsWith('/')) {
    if (files.has(rel + 'index.html')) return { file: rel + 'index.html' };
  } else if (files.has(rel)) {
    return { file: rel };
  } else if (files.has(rel + '/index.html')) {
    return { file: rel + '/index.html' };
  }
  const expected = rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
  return { reason: `no file ${expected} in the build` };
}

type Resolution =
  | { kind: 'external' }
  | { kind: 'broken'; reason: string }
  | { kind: 'ok'; file: string; fragment: string | null };

/** Splits a classified reference into target, path and fragment (or a reason it is broken). */
function unpack(ref: ClassifiedRef, basePath: string): { target: string; rel: string; fragment: string | null } | { target: string; reason: string } {
  if (typeof ref === 'string') return { target: ref, rel: ref.slice(basePath.length), fragment: null };
  if (ref.length === 2) return { target: ref[0], reason: ref[1] };
  return { target: ref[0], rel: ref[1], fragment: ref[2] };
}

/**
 * Resolves one reference of a page to a file of dist/ (and a fragment), or says why it cannot.
 * `files` holds every file of dist/, relative, with "/" separators.
 */
export function resolveReference(
  raw: string,
  pageFile: string,
  files: ReadonlySet<string>,
  basePath: string,
  siteOrigin: URL | null,
): Resolution {
  const classified = classifyReference(raw, pageFile, basePath, siteOrigin);
  if (classified === null) return { kind: 'external' };
  const ref = unpack(classified, basePath);
  if ('reason' in ref) return { kind: 'broken', reason: ref.reason };
  const located = locate(ref.rel, files);
  if ('reason' in located) return { kind: 'broken', reason: located.reason };
  return { kind: 'ok', file: located.file, fragment: ref.fragment };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Per the HTML spec, "#" and "#top" scroll to the top of any page. */
function fragmentResolves(fragment: string, ids: ReadonlySet<string>): boolean {
  return fragment === '' || fragment.toLowerCase() === 'top' || ids.has(fragment);
}

/** What one page contributes to the check; the cached value. */
interface PageLinks {
  ids: string[];
  /** In document order, repeats kept (each is reported); external references left out. */
  refs: ClassifiedRef[];
}

function pageLinks(html: string, page: string, basePath: string, siteOrigin: URL | null): PageLinks {
  const { ids, refs } = scanHtml(html);
  const classified: ClassifiedRef[] = [];
  for (const raw of refs) {
    const ref = classifyReference(raw, page, basePath, siteOrigin);
    if (ref !== null) classified.push(ref);
  }
  return { ids: [...ids], refs: classified };
}

/**
 * A copy of a string that shares no memory with the page it came from. Attribute
 * values from the parser (and values from a cache pack) are slices of the whole
 * page (or pack) text, and a slice keeps all of it alive: keeping ids and
 * targets as they come kept every page's HTML in memory (1.06 GB of live heap
 * on the 67,651-page build). The copy is a fresh string of the same length.
 */
function detach(s: string): string {
  return (' ' + s).slice(1);
}

function compareBroken(x: BrokenLink, y: BrokenLink): number {
  return x.page < y.page ? -1 : x.page > y.page ? 1 : x.target < y.target ? -1 : x.target > y.target ? 1 : 0;
}

export async function checkLinks(outDir: string, basePath: string, options: LinkCheckOptions = {}): Promise<BrokenLink[]> {
  return (await checkLinksIncrementally(outDir, basePath, options)).broken;
}

/** checkLinks, and how many pages it had to parse. */
export async function checkLinksIncrementally(outDir: string, basePath: string, options: LinkCheckOptions = {}): Promise<LinkCheckResult> {
  const base = basePath.endsWith('/') ? basePath : basePath + '/';
  const root = path.resolve(outDir);
  const pause = yielder();
  const files = options.files ?? (await listFiles(root, pause));
  const fileSet = new Set(files);
  const pages = files.filter((f) => f.endsWith('.html'));
  const siteOrigin = options.siteUrl ? new URL(options.siteUrl) : null;
  const cache = options.cache ?? new BuildCache();
  const keyPrefix = `${cache.enabled ? `${codeDigest(['src/lib/site/linkcheck.ts'])}\u0000${packageVersion('htmlparser2')}` : ''}\u0000${base}\u0000${siteOrigin?.href ?? ''}\u0000`;
  /** Each page's ids as JSON (one small fresh string per page), read back only for pages that other pages' anchors point into. */
  const idsJsonOf = new Map<string, string>();
  const pendingAnchors: { page: string; target: string; file: string; fragment: string }[] = [];
  const broken: BrokenLink[] = [];
  const report = (page: string, target: string, reason: string): void => {
    broken.push({ page, target: detach(target), reason: detach(reason) });
  };
  let parsed = 0;

  const linksOf = (page: string): PageLinks => {
    const file = path.join(root, page);
    if (!cache.enabled) {
      parsed++;
      return pageLinks(readFileSync(file, 'utf8'), page, base, siteOrigin);
    }
    const signature = hashOf(keyPrefix, page, fileSignature(file));
    let key = cache.get<string>(SIGNATURE_NAMESPACE, signature);
    let bytes: Buffer | null = null;
    if (key === undefined) {
      bytes = readFileSync(file);
      key = createHash('sha256').update(keyPrefix).update(page).update('\u0000').update(bytes).digest('hex');
      cache.set(SIGNATURE_NAMESPACE, signature, key);
    }
    const cached = cache.get<PageLinks>(CACHE_NAMESPACE, key);
    if (cached) return cached;
    parsed++;
    const links = pageLinks((bytes ?? readFileSync(file)).toString('utf8'), page, base, siteOrigin);
    cache.set(CACHE_NAMESPACE, key, links);
    return links;
  };

  // Where each distinct reference leads, worked out once: pages share most of their links
  // (navigation, popular entities), and a Set lookup of a freshly concatenated path costs more.
  const locatedPlain = new Map<string, Located>();
  const locatedRel = new Map<string, Located>();
  const locateOnce = (memo: Map<string, Located>, key: string, relOf: (key: string) => string): Located => {
    let located = memo.get(key);
    if (located === undefined) {
      const ownKey = detach(key);
      located = locate(relOf(ownKey), fileSet);
      memo.set(ownKey, located);
    }
    return located;
  };
  const plainRel = (target: string): string => target.slice(base.length);
  const sameRel = (rel: string): string => rel;

  const checkPage = (page: string, links: PageLinks): void => {
    const ids = new Set(links.ids);
    idsJsonOf.set(page, JSON.stringify(links.ids));
    for (const classified of links.refs) {
      if (typeof classified === 'string') {
        // A plain path, no fragment: it only has to name a file.
        const located = locateOnce(locatedPlain, classified, plainRel);
        if ('reason' in located) report(page, classified, located.reason);
        continue;
      }
      const ref = unpack(classified, base);
      if ('reason' in ref) {
        report(page, ref.target, ref.reason);
        continue;
      }
      const located = locateOnce(locatedRel, ref.rel, sameRel);
      if ('reason' in located) {
        report(page, ref.target, located.reason);
        continue;
      }
      const { fragment } = ref;
      if (fragment === null) continue;
      if (located.file === page) {
        if (!fragmentResolves(fragment, ids)) report(page, ref.target, `no element with id "${fragment}" on this page`);
      } else if (!located.file.endsWith('.html')) {
        // Fragments of non-HTML files (PDF pages, media times) are not ours to check.
      } else {
        pendingAnchors.push({ page, target: detach(ref.target), file: located.file, fragment: detach(fragment) });
      }
    }
  };

  for (const page of pages) {
    checkPage(page, linksOf(page));
    await pause();
  }
  if (!options.cache) await cache.flush();

  const targetIds = new Map<string, Set<string>>();
  for (const a of pendingAnchors) {
    let ids = targetIds.get(a.file);
    if (ids === undefined) {
      const json = idsJsonOf.get(a.file);
      ids = new Set(json === undefined ? [] : (JSON.parse(json) as string[]));
      targetIds.set(a.file, ids);
    }
    if (!fragmentResolves(a.fragment, ids)) {
      report(a.page, a.target, `no element with id "${a.fragment}" in ${a.file}`);
    }
  }
  return { broken: broken.sort(compareBroken), pages: pages.length, parsed };
}
