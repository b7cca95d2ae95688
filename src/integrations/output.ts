/**
 * The output folder (dist/) across builds. Astro's incremental build skips a page
 * whose key is unchanged and whose file is already in dist/; restoring it from
 * Astro's cache instead means copying ~100,000 files. So with the cache on, dist/
 * is kept in place between builds (Astro is told not to empty it) and this module
 * keeps it honest:
 *
 * - beginOutput() trusts dist/ only when the last build that finished wrote this
 *   same folder with this same cache. A build that was killed, or another output
 *   folder, makes it distrust dist/: the old folder is moved aside and deleted in
 *   the background, and Astro restores reused pages from its own cache.
 *   A killed build also voids Astro's manifest: its page copies may be newer than
 *   the keys it lists.
 * - pruneOutput() deletes every file this build neither wrote nor reused (pages
 *   of entities that are gone, old assets), so dist/ holds exactly what a clean
 *   build would write; finishOutput() marks the folder trusted for the next build. "Wrote" is judged by modification time against a marker
 *   file touched when the build began; "reused" is the list of pages Astro kept.
 * - No reused page is taken on trust either. finishOutput() records the checksum
 *   and signature (size, mtime, inode) of every page in Astro's manifest, and
 *   the checksum of the manifest itself (output-files.json, sealed); before
 *   Astro runs, beginOutput() keeps the manifest only if it is the recorded one
 *   (else every page renders) and deletes each page file Astro could reuse that
 *   is not as recorded: a kept page whose signature changed is read and
 *   compared; a copy in Astro's cache (restored when dist/ is not kept or lacks
 *   the page) is always read, its signature not being recorded. A deleted page
 *   is restored from the copy or rendered. Each kind of damage is reported in
 *   one line. Cost at the corpus (~98,000 keyed pages; from 1,000 articles on
 *   a 2-core machine): a stat per page before and after a rebuild that kept
 *   dist/ (~0.7 s + ~0.5 s), reading every copy when dist/ is not kept (~2.4 s,
 *   beside ~90 s of copying them), reading every page after a clean build
 *   (~2.2 s). Not caught: a change to a kept page that keeps its size, mtime
 *   and inode (below the file system); reading every kept page on each rebuild
 *   to catch it would cost ~2.5 s.
 */
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { checksum, fileMatches, readSealedJson, recordFile, sealJson, warnDamaged, type FileRecord } from '../lib/infra/cache.ts';
import { ASTRO_MANIFEST } from './astro-cache.ts';

const STATE_FILE = 'output-state.json';
/** The records of the pages Astro may reuse, and of its manifest (OutputFiles). */
const FILES_FILE = 'output-files.json';
/** Where Astro keeps its copy of every page it may reuse, in its cache folder. */
const ASTRO_COPIES = 'dist';

interface OutputState {
  outDir: string;
  finished: boolean;
}

interface OutputFiles {
  /** Checksum of Astro's manifest as the build left it. */
  manifest: string;
  /** Output file (relative to dist/, "/" separators) of each page in the manifest → its record. */
  files: Record<string, FileRecord>;
}

const STATE_SCHEMA = z.object({ outDir: z.string(), finished: z.boolean() });
// The record of pages is only sealed: a shape check of ~98,000 entries would add ~0.1 s at the corpus for nothing the checksum misses.

export interface OutputSession {
  outDir: string;
  stateDir: string;
  /** Files modified at or after this time (ms, the file system's clock) were written by this build. */
  since: number;
  /** True when dist/ was kept from the previous build. */
  kept: boolean;
  /** The previous build's search index, moved out of dist/ for reuse; null when there is none to trust. */
  previousSearch: string | null;
  /** Resolves when the distrusted old output has been deleted. */
  cleared: Promise<void>;
  /** Astro's cache folder; null: no page is reused. */
  astroCacheDir: string | null;
  /** The checked records of the pages Astro may reuse: kept for the pages whose file is unchanged. */
  recorded: Readonly<Record<string, FileRecord>>;
  /** The output files of the pages in Astro's manifest after this build (pruneOutput), recorded by finishOutput. */
  pages: ReadonlySet<string> | null;
}

function readState(stateDir: string): OutputState | null {
  return readSealedJson(path.join(stateDir, STATE_FILE), 'the state of the output folder: dist/ is not kept', STATE_SCHEMA) ?? null;
}

async function writeState(stateDir: string, state: OutputState): Promise<number> {
  const file = path.join(stateDir, STATE_FILE);
  await writeFile(file, sealJson(state));
  return (await stat(file)).mtimeMs;
}

/** Renames `dir` into the staging folder and deletes it there in the background (libuv's threads). */
async function moveAsideAndDelete(dir: string, staging: string, label: string): Promise<{ deleted: Promise<void> }> {
  const aside = path.join(staging, `${label}-${process.pid}`);
  await rm(aside, { recursive: true, force: true });
  try {
    await rename(dir, aside);
  } catch (err) {
    // Nothing there; or on another disk than the cache: delete it in place (Astro is told not to).
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') await rm(dir, { recursive: true, force: true });
    return { deleted: Promise.resolve() };
  }
  const deleted = rm(aside, { recursive: true, force: true });
  deleted.catch(() => undefined); // awaited at the end of the build
  return { deleted };
}

function reportPages(dir: string, bad: readonly string[], discarded: string): void {
  if (bad.length === 0) return;
  warnDamaged(dir, `${bad.length} page file${bad.length === 1 ? '' : 's'} not as the last build wrote ${bad.length === 1 ? 'it' : 'them'}: ${bad.slice(0, 3).join(', ')}${bad.length > 3 ? ', …' : ''}`, discarded);
}

/**
 * Before Astro runs: keeps its manifest only when it is the one recorded, and
 * deletes each page file it could reuse (in `keptOutDir`, else its copy) that
 * is not as recorded. Returns the records of the pages that may be reused.
 */
function checkReusablePages(keptOutDir: string | null, astroCacheDir: string, record: OutputFiles | undefined): Readonly<Record<string, FileRecord>> {
  const manifestFile = path.join(astroCacheDir, ASTRO_MANIFEST);
  let manifest: Buffer;
  try {
    manifest = readFileSync(manifestFile);
  } catch {
    return {}; // no manifest: Astro renders every page
  }
  if (!record || checksum(manifest) !== record.manifest) {
    // Without a record (none, or damaged: reported) nothing vouches for the pages it lists.
    if (record) warnDamaged(manifestFile, 'not the manifest the last build wrote', 'discarded it: every page renders');
    rmSync(manifestFile, { force: true });
    return {};
  }
  const copies = path.join(astroCacheDir, ASTRO_COPIES);
  const badKept: string[] = [];
  const badCopies: string[] = [];
  for (const [rel, entry] of Object.entries(record.files)) {
    if (keptOutDir) {
      const file = path.join(keptOutDir, rel);
      if (fileMatches(file, entry)) continue;
      if (existsSync(file)) {
        badKept.push(rel);
        unlinkSync(file); // Astro then restores its copy, checked below
      }
    }
    const copy = path.join(copies, rel);
    if (!existsSync(copy) || fileMatches(copy, entry, false)) continue;
    badCopies.push(rel);
    unlinkSync(copy); // neither copy nor file: Astro renders the page
  }
  if (keptOutDir) reportPages(keptOutDir, badKept, 'discarded; restored from Astro\'s copy, or rendered again');
  reportPages(copies, badCopies, 'discarded; rendered again');
  return record.files;
}

/**
 * Called when the build starts, before Astro touches `outDir`. `stateDir` is the
 * build's cache folder (on the same disk as dist/ for renames to be cheap).
 */
export async function beginOutput(outDir: string, stateDir: string, astroCacheDir: string | null): Promise<OutputSession> {
  outDir = path.resolve(outDir);
  const staging = path.join(stateDir, 'staging');
  await mkdir(staging, { recursive: true });
  const previous = readState(stateDir);
  const trusted = previous !== null && previous.finished && previous.outDir === outDir;
  let recorded: Readonly<Record<string, FileRecord>> = {};
  if (astroCacheDir) {
    const manifest = path.join(astroCacheDir, ASTRO_MANIFEST);
    if (previous && !previous.finished) await rm(manifest, { force: true });
    const record = readSealedJson<OutputFiles>(path.join(stateDir, FILES_FILE), `the checksums of the pages Astro may reuse, and with them its manifest ${manifest}: every page renders`);
    recorded = checkReusablePages(trusted ? outDir : null, astroCacheDir, record);
  }
  // Written before anything else: its modification time is the marker of this build's writes.
  const since = await writeState(stateDir, { outDir, finished: false });

  let previousSearch: string | null = null;
  let cleared: Promise<void> = Promise.resolve();
  if (trusted) {
    const searchAside = path.join(staging, 'previous-search');
    await rm(searchAside, { recursive: true, force: true });
    try {
      await rename(path.join(outDir, 'pagefind'), searchAside);
      previousSearch = searchAside;
    } catch {
      // no index in the old output
    }
  } else {
    cleared = (await moveAsideAndDelete(outDir, staging, 'old-output')).deleted;
  }
  return { outDir, stateDir, since, kept: trusted, previousSearch, cleared, astroCacheDir, recorded, pages: null };
}

/**
 * Called after the pages are written, before the search index is moved in:
 * deletes the files of the old output that this build did not produce, and the
 * folders they leave empty. `files` lists outDir (listFiles); `reused`
 * holds the paths of the pages Astro kept (every page in its manifest, recorded
 * by finishOutput). Returns the files that remain.
 */
export function pruneOutput(session: OutputSession, files: readonly string[], reused: ReadonlySet<string>): { files: string[]; removed: string[] } {
  session.pages = reused;
  if (!session.kept) return { files: [...files], removed: [] };
  const kept: string[] = [];
  const removed: string[] = [];
  for (const file of files) {
    // The search index is replaced as a whole when the build ends.
    if (file.startsWith('pagefind/') || reused.has(file) || statSync(path.join(session.outDir, file)).mtimeMs >= session.since) {
      kept.push(file);
      continue;
    }
    unlinkSync(path.join(session.outDir, file));
    removed.push(file);
  }
  // Folders left empty, deepest first (rmdir fails on a folder that still holds something).
  const dirs = new Set<string>();
  for (const file of removed) {
    for (let d = path.posix.dirname(file); d !== '.'; d = path.posix.dirname(d)) dirs.add(d);
  }
  for (const dir of [...dirs].sort((x, y) => y.length - x.length)) {
    try {
      if (readdirSync(path.join(session.outDir, dir)).length === 0) rmdirSync(path.join(session.outDir, dir));
    } catch {
      // already gone
    }
  }
  return { files: kept, removed };
}

/**
 * Records what the next build may reuse: Astro's manifest and every page it
 * lists. A page unchanged since the start of the build keeps its record; the
 * others (rendered or restored) are read. Without a full record the next build
 * renders every page.
 */
function recordPages(session: OutputSession): void {
  if (!session.astroCacheDir) return;
  const file = path.join(session.stateDir, FILES_FILE);
  rmSync(file, { force: true });
  let manifest: Buffer;
  try {
    manifest = readFileSync(path.join(session.astroCacheDir, ASTRO_MANIFEST));
  } catch {
    return; // no manifest: nothing to reuse
  }
  if (!session.pages) return;
  const files: Record<string, FileRecord> = {};
  try {
    for (const rel of session.pages) files[rel] = recordFile(path.join(session.outDir, rel), session.recorded[rel]);
  } catch {
    return; // a page Astro lists is not in dist/: vouch for none
  }
  writeFileSync(file, sealJson({ manifest: checksum(manifest), files } satisfies OutputFiles));
}

/** Called when dist/ is complete and consistent with the caches: the next build may keep it. */
export async function finishOutput(session: OutputSession): Promise<void> {
  recordPages(session);
  await writeState(session.stateDir, { outDir: session.outDir, finished: true });
  if (session.previousSearch) await rm(session.previousSearch, { recursive: true, force: true });
  await session.cleared;
}
