/**
 * A built site measured against the limits of static hosts (data/hosts.yaml):
 * its number of files, total bytes, largest file and the folder with the most
 * entries, and for each host which limit it passes or misses.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { walkFiles } from '../infra/walk.ts';

export const hostsFileSchema = z
  .object({
    hosts: z.array(
      z
        .object({
          name: z.string().min(1),
          maxSiteBytes: z.number().int().positive().optional(),
          maxFiles: z.number().int().positive().optional(),
          maxFileBytes: z.number().int().positive().optional(),
          maxEntriesPerFolder: z.number().int().positive().optional(),
        })
        .strict(),
    ),
  })
  .strict();
export type Host = z.infer<typeof hostsFileSchema>['hosts'][number];

export interface SiteMeasure {
  files: number;
  bytes: number;
  largestFile: { path: string; bytes: number } | null;
  /** The folder with the most entries (files and folders), "" for the root. */
  fullestFolder: { path: string; entries: number };
}

export function measureSite(dist: string): SiteMeasure {
  let files = 0;
  let bytes = 0;
  let largestFile: SiteMeasure['largestFile'] = null;
  const folders = new Set<string>(['']);
  for (const f of walkFiles(dist)) {
    const size = statSync(f.full).size;
    files++;
    bytes += size;
    if (!largestFile || size > largestFile.bytes) largestFile = { path: f.rel, bytes: size };
    for (let d = path.posix.dirname(f.rel); d !== '.'; d = path.posix.dirname(d)) folders.add(d);
  }
  let fullestFolder = { path: '', entries: -1 };
  for (const d of [...folders].sort()) {
    const entries = readdirSync(path.join(dist, d)).length;
    if (entries > fullestFolder.entries) fullestFolder = { path: d, entries };
  }
  return { files, bytes, largestFile, fullestFolder };
}

export interface HostVerdict {
  host: string;
  fits: boolean;
  /** One line per limit the host sets: "files 231,492 > 20,000". */
  checks: { limit: string; ok: boolean }[];
}

const n = (x: number): string => x.toLocaleString('en');

export function judgeHosts(site: SiteMeasure, hosts: readonly Host[]): HostVerdict[] {
  return hosts.map((h) => {
    const checks: HostVerdict['checks'] = [];
    const check = (limit: number | undefined, value: number, label: string): void => {
      if (limit !== undefined) checks.push({ limit: `${label} ${n(value)} ${value <= limit ? '≤' : '>'} ${n(limit)}`, ok: value <= limit });
    };
    check(h.maxSiteBytes, site.bytes, 'bytes');
    check(h.maxFiles, site.files, 'files');
    check(h.maxFileBytes, site.largestFile?.bytes ?? 0, 'largest file');
    check(h.maxEntriesPerFolder, site.fullestFolder.entries, 'entries in one folder');
    return { host: h.name, fits: checks.every((c) => c.ok), checks };
  });
}
