/**
 * A content-addressed cache kept between builds in .cache/build (or
 * $KHO_TIN_CACHE_DIR). Keys are hashes of everything a value depends on, so a
 * stale entry is never read: it is simply never asked for again.
 * `KHO_TIN_CACHE=0` turns it off.
 *
 * Storage: per namespace, 16 pack files (by the key's first hex digit) of JSON
 * lines `["<checksum>","<key>",<value>]` between a header line and an end line
 * that counts them. A build reads a pack the first time it asks for one
 * of its keys, and streams every entry it uses or adds into that pack's next
 * version as it goes; flush() swaps the new packs in. So the cache holds exactly
 * what the last build used, and a clean build holds no cache entry in memory.
 * (One file per entry was tried first: creating two small files per article
 * was half the time of a clean extraction.)
 *
 * Nothing read from the cache is trusted: each line's checksum (of its key and
 * value bytes) is verified when its pack is read (~1.5–2 ms per MB), a pack
 * without its end line was cut short, and what fails is reported once per pack
 * (console.warn), dropped and computed again. The other caches of the build
 * (search bundles, page records, Astro's pages) use sealJson / recordFile
 * below to the same end.
 */
import { createHash, hash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import type { ZodType } from 'zod';
import { fileSignature } from './file-signature.ts';
import { walkFiles } from './walk.ts';

export function hashOf(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex');
}

/** Length of a checksum: 22 base64url characters of a sha256 (132 bits). */
const SUM_LENGTH = 22;

/** The checksum of some bytes (a string: its UTF-8 bytes). One-shot: per pack line, a third cheaper than createHash. */
export function checksum(data: string | Uint8Array): string {
  return hash('sha256', data, 'base64url').slice(0, SUM_LENGTH);
}

/** The one line a damaged cache file is reported with: which file, what was wrong, what was dropped. */
export function warnDamaged(file: string, problem: string, discarded: string): void {
  console.warn(`[kho-tin] warning: damaged cache ${file} (${problem}): ${discarded}`);
}

const SEAL = '#kho-tin-sealed ';

/** A JSON file's text with its checksum: a first line "#kho-tin-sealed <checksum>", then the JSON. */
export function sealJson(value: unknown): string {
  const json = JSON.stringify(value);
  return `${SEAL}${checksum(json)}\n${json}`;
}

/**
 * The value of a file written with sealJson; undefined when there is none. A
 * file that fails its checksum (or `schema`) is reported once, naming what is
 * lost (`discarded`), and reads as absent. A plain JSON file is one written
 * before files were sealed: absent too, silently.
 */
export function readSealedJson<T>(file: string, discarded: string, schema?: ZodType<T>): T | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined; // none yet
  }
  if (bytes[0] === 0x7b || bytes[0] === 0x5b) return undefined; // "{" or "[": unsealed, from an older build
  const nl = bytes.indexOf(0x0a);
  const header = bytes.toString('latin1', 0, nl < 0 ? bytes.length : nl);
  let problem: string | null = null;
  let value: unknown;
  if (nl < 0 || !header.startsWith(SEAL)) problem = nl < 0 ? 'cut short' : 'no checksum line';
  else if (header.slice(SEAL.length) !== checksum(bytes.subarray(nl + 1))) problem = 'fails its checksum';
  else {
    try {
      value = JSON.parse(bytes.toString('utf8', nl + 1));
    } catch {
      problem = 'not JSON';
    }
    if (problem === null && schema && !schema.safeParse(value).success) problem = 'not the expected shape';
  }
  if (problem === null) return value as T;
  warnDamaged(file, problem, `discarded ${discarded}`);
  return undefined;
}

/** A file as a build wrote it: its checksum, and its signature then (size, mtime, inode: fileSignature). */
export type FileRecord = readonly [sum: string, signature: string];

/**
 * The record of `file` now. When its signature is that of `known`, the file has
 * not been written since (the rule content loading and the link check rely on):
 * `known` is kept without reading the file.
 */
export function recordFile(file: string, known?: FileRecord): FileRecord {
  const signature = fileSignature(file); // before the read: a write in between leaves a signature that fails next time
  if (known && known[1] === signature) return known;
  return [checksum(readFileSync(file)), signature];
}

/**
 * Whether `file` holds the bytes of `record`: unchanged since it was recorded
 * (same signature), or read and matching its checksum. False when missing.
 * `bySignature: false` always reads (a copy, whose signature was not recorded).
 * As with fileSignature, a same-size rewrite in place within one timestamp
 * tick of the recording, or a fault below the file system, goes unseen.
 */
export function fileMatches(file: string, record: FileRecord, bySignature = true): boolean {
  try {
    if (bySignature && fileSignature(file) === record[1]) return true;
    return checksum(readFileSync(file)) === record[0];
  } catch {
    return false;
  }
}

const SHARDS = 16;
const PACK_HEADER = Buffer.from('#kho-tin-cache 2');
const PACK_END = '#end ';
const NEWLINE = Buffer.from('\n');
const KEY_RE = /^[0-9a-f]{64}$/;
// Entry line: ["<22 checksum>","<64 hex key>",<value JSON>], so fixed offsets. The
// checksum covers the key and the value (from KEY_AT to the closing bracket):
// an entry is verified against the key it was written under.
const SUM_AT = 2;
const KEY_AT = 27;
const VALUE_AT = 93;

/** A well-formed entry line whose checksum holds. */
function entryIntact(line: Buffer): boolean {
  const n = line.length;
  if (n < VALUE_AT + 2 || line[0] !== 0x5b || line[1] !== 0x22 || line[24] !== 0x22 || line[25] !== 0x2c || line[26] !== 0x22 ||
    line[91] !== 0x22 || line[92] !== 0x2c || line[n - 1] !== 0x5d) return false;
  return checksum(line.subarray(KEY_AT, n - 1)) === line.toString('latin1', SUM_AT, SUM_AT + SUM_LENGTH);
}

/**
 * The intact entries of a pack file (key → its line, a view of the file's
 * bytes), reporting once what is wrong with the rest. Bytes are checked as
 * read: hashing the decoded strings instead cost ~4 times as much.
 */
function readPack(file: string): Map<string, Buffer> {
  const stored = new Map<string, Buffer>();
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return stored; // no pack yet: an empty cache
  }
  let lines = 0;
  let damaged = 0;
  let ended: number | null = null;
  let headerOk = false;
  for (let at = 0, index = 0; at < bytes.length; index++) {
    let end = bytes.indexOf(0x0a, at);
    if (end < 0) end = bytes.length;
    const line = bytes.subarray(at, end);
    at = end + 1;
    if (index === 0) {
      headerOk = line.equals(PACK_HEADER);
      if (headerOk) continue;
      if (line[0] === 0x5b && line[1] === 0x22) return stored; // a pack from before checksums: never read, replaced at flush
    }
    if (ended !== null) {
      damaged++; // nothing follows the end line
      continue;
    }
    if (line.length > PACK_END.length && line.toString('latin1', 0, PACK_END.length) === PACK_END) {
      ended = Number(line.toString('latin1', PACK_END.length));
      continue;
    }
    lines++;
    if (entryIntact(line)) stored.set(line.toString('latin1', KEY_AT, KEY_AT + 64), line);
    else damaged++;
  }
  if (headerOk && damaged === 0 && ended === lines) return stored;
  const problems: string[] = [];
  if (!headerOk) problems.push(bytes.length === 0 ? 'empty' : 'no header line');
  if (ended === null) problems.push('cut short: no end line');
  else if (ended !== lines) problems.push(`${ended} entries written, ${lines} lines found`);
  if (damaged > 0) problems.push(`${damaged} line${damaged === 1 ? '' : 's'} failing the checksum or the line format`);
  warnDamaged(file, problems.join('; '), `discarded ${damaged} damaged line${damaged === 1 ? '' : 's'}, kept ${stored.size} intact entr${stored.size === 1 ? 'y' : 'ies'}; the rest is computed again`);
  return stored;
}

interface Pack {
  /** The previous build's intact entries not yet asked for: key → its line. */
  stored: Map<string, Buffer>;
  /** The next version of the pack, written as entries are used or added. */
  fd: number;
  /** Bytes not yet written: one write per ~1 MB rather than one per entry (200,000 entries in a corpus build). */
  pending: Buffer[];
  pendingBytes: number;
  /** Entry lines in the next version, for its end line. */
  entries: number;
  tmp: string;
  file: string;
}

export class BuildCache {
  readonly dir: string;
  readonly enabled: boolean;
  hits = 0;
  misses = 0;
  private readonly packs = new Map<string, Pack>();

  constructor(dir = cacheDirFromEnv(), enabled = cacheEnabledFromEnv()) {
    this.dir = dir;
    this.enabled = enabled;
  }

  private pack(namespace: string, key: string): Pack {
    const shard = (Number.parseInt(key[0] ?? '0', 16) % SHARDS).toString(16);
    const id = `${namespace}/${shard}`;
    let pack = this.packs.get(id);
    if (!pack) {
      const file = path.join(this.dir, namespace, `${shard}.jsonl`);
      const stored = readPack(file);
      mkdirSync(path.dirname(file), { recursive: true });
      // Written then renamed by flush(), so a build killed midway leaves the old pack in place.
      const tmp = `${file}.${process.pid}.tmp`;
      pack = { stored, fd: openSync(tmp, 'w'), pending: [], pendingBytes: 0, entries: 0, tmp, file };
      this.write(pack, PACK_HEADER);
      this.write(pack, NEWLINE);
      this.packs.set(id, pack);
    }
    return pack;
  }

  /** The stored line of `key`, taken out of the previous pack (a miss when absent). */
  private take(namespace: string, key: string): { pack: Pack; line: Buffer } | undefined {
    if (!this.enabled) return undefined;
    const pack = this.pack(namespace, key);
    const line = pack.stored.get(key);
    if (line === undefined) {
      this.misses++;
      return undefined;
    }
    pack.stored.delete(key);
    return { pack, line };
  }

  get<T>(namespace: string, key: string): T | undefined {
    const found = this.take(namespace, key);
    if (!found) return undefined;
    try {
      const value = JSON.parse(valueText(found.line)) as T;
      this.append(found.pack, found.line);
      this.hits++;
      return value;
    } catch {
      this.misses++; // verified, so only a value that never was JSON: a miss, never an error
      return undefined;
    }
  }

  /**
   * Like get(), but the value is parsed only when the returned function is called:
   * the entry is carried into the next pack as it is. For large values most builds
   * never look at (the HTML of every article, when few pages render). Its checksum
   * was verified when the pack was read, so what is carried is intact.
   */
  lazy<T>(namespace: string, key: string): (() => T) | undefined {
    const found = this.take(namespace, key);
    if (!found) return undefined;
    this.append(found.pack, found.line);
    this.hits++;
    return () => JSON.parse(valueText(found.line)) as T;
  }

  set(namespace: string, key: string, value: unknown): void {
    if (!this.enabled) return;
    if (!KEY_RE.test(key)) throw new Error(`BuildCache: a key is 64 hex digits (hashOf), not "${key}"`);
    const json = JSON.stringify(value) as string | undefined;
    if (json === undefined) return; // nothing JSON can hold: never a hit
    const line = Buffer.concat([Buffer.from(`["${'-'.repeat(SUM_LENGTH)}","${key}",`, 'latin1'), Buffer.from(json), Buffer.from(']')]);
    // The checksum is of the bytes from the key to the value's end, written into its place.
    line.write(checksum(line.subarray(KEY_AT, line.length - 1)), SUM_AT, 'latin1');
    this.append(this.pack(namespace, key), line);
  }

  private append(pack: Pack, line: Buffer): void {
    pack.entries++;
    this.write(pack, line);
    this.write(pack, NEWLINE);
  }

  private write(pack: Pack, bytes: Buffer): void {
    pack.pending.push(bytes);
    pack.pendingBytes += bytes.length;
    if (pack.pendingBytes >= 1 << 20) this.writePending(pack);
  }

  private writePending(pack: Pack): void {
    if (pack.pending.length === 0) return;
    const bytes = Buffer.concat(pack.pending, pack.pendingBytes);
    for (let at = 0; at < bytes.length;) at += writeSync(pack.fd, bytes, at);
    pack.pending = [];
    pack.pendingBytes = 0;
  }

  /** Swaps in the packs this build wrote. */
  async flush(): Promise<void> {
    for (const pack of this.packs.values()) {
      this.write(pack, Buffer.from(`${PACK_END}${pack.entries}\n`));
      this.writePending(pack);
      closeSync(pack.fd);
      await rename(pack.tmp, pack.file);
    }
    this.packs.clear();
  }
}

/** The value JSON of an entry line. */
function valueText(line: Buffer): string {
  return line.toString('utf8', VALUE_AT, line.length - 1);
}

/**
 * A fingerprint of files and folders (relative to `root`), by path and bytes:
 * for what a result depends on that is not imported code (the data/ files the
 * extractors read; code is codeDigest's, code-digest.ts).
 */
export function sourceFingerprint(paths: readonly string[], root = process.cwd()): string {
  const h = createHash('sha256');
  for (const p of paths) {
    const full = path.join(root, p);
    let files: string[];
    try {
      files = statSync(full).isFile() ? [full] : [...walkFiles(full)].map((f) => f.full);
    } catch {
      continue; // not there: nothing to fingerprint
    }
    for (const f of files) h.update(path.relative(root, f)).update(readFileSync(f));
  }
  return h.digest('hex');
}

/** The build's cache folder, absolute: $KHO_TIN_CACHE_DIR or .cache/build. Every cache of the build lives in it. */
export function cacheDirFromEnv(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.KHO_TIN_CACHE_DIR ?? '.cache/build');
}

/** False when KHO_TIN_CACHE=0 turns every cache off. */
export function cacheEnabledFromEnv(env: Record<string, string | undefined> = process.env): boolean {
  return env.KHO_TIN_CACHE !== '0';
}
