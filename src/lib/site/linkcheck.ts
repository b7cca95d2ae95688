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
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Parser } from 'htmlparser2';

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
  /** Pages parsed at once. */
  concurrency?: number;
}

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

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** The URL path a page is served at: "x/index.html" → "<base>x/", "404.html" → "<base>404.html". */
export function pageUrlPath(file: string, basePath: string): string {
  if (file === 'index.html') return basePath;
  if (file.endsWith('/index.html')) return basePath + file.slice(0, -'index.html'.length);
  return basePath + file;
}

const HTML_SPACE = /^[\t\n\f\r ]+|[\t\n\f\r ]+$/g;

type Resolution =
  | { kind: 'external' }
  | { kind: 'broken'; reason: string }
  | { kind: 'ok'; file: string; fragment: string | null };

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
  const value = raw.replace(HTML_SPACE, '');
  const pageUrl = new URL(pageUrlPath(pageFile, basePath), siteOrigin ?? 'http://site.invalid');
  let url: URL;
  try {
    url = new URL(value, pageUrl);
  } catch {
    return { kind: 'broken', reason: 'malformed URL' };
  }
  if (url.protocol !== pageUrl.protocol || url.host !== pageUrl.host) return { kind: 'external' };
  const fragment = url.hash ? safeDecode(url.hash.slice(1)) : null;
  let pathname: string | null;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    pathname = null;
  }
  if (pathname === null) return { kind: 'broken', reason: 'malformed percent-encoding' };
  if (!pathname.startsWith(basePath)) return { kind: 'broken', reason: `outside the base path ${basePath}` };
  const rel = pathname.slice(basePath.length);
  if (rel.split('/').includes('..')) return { kind: 'broken', reason: 'escapes the site root' };
  let file: string | null = null;
  if (rel === '' || rel.endsWith('/')) {
    if (files.has(rel + 'index.html')) file = rel + 'index.html';
  } else if (files.has(rel)) {
    file = rel;
  } else if (files.has(rel + '/index.html')) {
    file = rel + '/index.html';
  }
  if (file === null) {
    const expected = rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
    return { kind: 'broken', reason: `no file ${expected} in the build` };
  }
  return { kind: 'ok', file, fragment };
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

export async function checkLinks(outDir: string, basePath: string, options: LinkCheckOptions = {}): Promise<BrokenLink[]> {
  const base = basePath.endsWith('/') ? basePath : basePath + '/';
  const root = path.resolve(outDir);
  const files = await listFiles(root);
  const fileSet = new Set(files);
  const pages = files.filter((f) => f.endsWith('.html'));
  const siteOrigin = options.siteUrl ? new URL(options.siteUrl) : null;
  const idsOf = new Map<string, Set<string>>();
  const pendingAnchors: { page: string; target: string; file: string; fragment: string }[] = [];
  const broken: BrokenLink[] = [];

  const checkPage = async (page: string): Promise<void> => {
    const { ids, refs } = scanHtml(await readFile(path.join(root, page), 'utf8'));
    idsOf.set(page, ids);
    for (const target of refs) {
      const r = resolveReference(target, page, fileSet, base, siteOrigin);
      if (r.kind === 'external') continue;
      if (r.kind === 'broken') {
        broken.push({ page, target, reason: r.reason });
        continue;
      }
      if (r.fragment === null) continue;
      if (r.file === page) {
        if (!fragmentResolves(r.fragment, ids)) broken.push({ page, target, reason: `no element with id "${r.fragment}" on this page` });
      } else if (!r.file.endsWith('.html')) {
        // Fragments of non-HTML files (PDF pages, media times) are not ours to check.
      } else {
        pendingAnchors.push({ page, target, file: r.file, fragment: r.fragment });
      }
    }
  };

  const concurrency = Math.max(1, options.concurrency ?? 16);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, pages.length) }, async () => {
      while (next < pages.length) await checkPage(pages[next++]!);
    }),
  );

  for (const a of pendingAnchors) {
    if (!fragmentResolves(a.fragment, idsOf.get(a.file) ?? new Set())) {
      broken.push({ page: a.page, target: a.target, reason: `no element with id "${a.fragment}" in ${a.file}` });
    }
  }
  return broken.sort((x, y) => (x.page < y.page ? -1 : x.page > y.page ? 1 : x.target < y.target ? -1 : x.target > y.target ? 1 : 0));
}
