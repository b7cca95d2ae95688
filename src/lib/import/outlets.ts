/** Outlet names from data/import/outlets.yaml: alias as written → name for the `source` field. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface OutletEntry {
  name: string;
  aliases: string[];
}

const OUTLETS_FILE = new URL('../../../data/import/outlets.yaml', import.meta.url);

function loadOutlets(): Map<string, string> {
  const raw: unknown = parse(readFileSync(OUTLETS_FILE, 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`${OUTLETS_FILE.pathname}: expected a list of {name, aliases}`);
  const byAlias = new Map<string, string>();
  raw.forEach((entry: unknown, index) => {
    const e = entry as Partial<OutletEntry> | null;
    if (!e || typeof e.name !== 'string' || !Array.isArray(e.aliases)) {
      throw new Error(`${OUTLETS_FILE.pathname}: entry ${index + 1} needs a "name" and a list "aliases"`);
    }
    byAlias.set(e.name, e.name);
    for (const alias of e.aliases) byAlias.set(String(alias), e.name);
  });
  return byAlias;
}

const OUTLETS = loadOutlets();

/** The outlet name for an alias as written ("HNM" → "Hà Nội Mới"), or null when unknown. */
export function outletName(alias: string): string | null {
  return OUTLETS.get(alias.trim()) ?? null;
}

/** Known aliases, longest first (so "TTXVN/Tin Tức" wins over "TTXVN"). */
export const OUTLET_ALIASES: readonly string[] = [...OUTLETS.keys()].sort((a, b) => b.length - a.length);
