/**
 * Site URL and base path from the environment (SITE_URL, BASE_PATH), and the
 * one function every page uses to build an internal link, so a sub-path
 * deployment ("/kho-tin/") works everywhere.
 */
export interface SiteConfig {
  /** Absolute origin + path of the deployed site, without the base, e.g. "https://example.org". */
  siteUrl: string;
  /** Base path with leading and trailing slash: "/" or "/kho-tin/". */
  basePath: string;
}

export function normalizeBasePath(raw: string | undefined): string {
  const trimmed = (raw ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

export function siteConfigFromEnv(env: Record<string, string | undefined> = process.env): SiteConfig {
  const siteUrl = (env.SITE_URL ?? 'http://localhost:4321').trim().replace(/\/+$/, '');
  return { siteUrl, basePath: normalizeBasePath(env.BASE_PATH) };
}

/** Prefix a site-root-relative path ("/bai-viet/x/") with the base path. */
export function withBase(config: SiteConfig, path: string): string {
  if (/^[a-z]+:/i.test(path) || path.startsWith('#')) return path;
  return config.basePath + path.replace(/^\/+/, '');
}

/** Absolute URL for canonical links, feeds, sitemaps and JSON-LD. */
export function absoluteUrl(config: SiteConfig, path: string): string {
  return config.siteUrl + withBase(config, path);
}
