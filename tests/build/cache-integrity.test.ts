/**
 * A cache that cannot lie: whatever is damaged in the build's cache folder (a
 * file cut in half, one letter changed where the JSON still parses, a line
 * that no longer parses, a flipped byte in a search bundle, a kept page or a
 * page copy altered), the next build exits 0, says once per damaged file which
 * file it discarded, and writes byte for byte what a clean build writes.
 *
 * Four builds of the seeds: a clean one (cache off) as the reference, a warm
 * one, and two rebuilds after two rounds of damage. The rounds are split so
 * that no damage hides another: with the recorded page calls or Astro's
 * manifest gone every page renders, which would leave the checks of kept
 * pages and page copies untried, and with the output state gone the previous
 * search index is not offered, so its record of keys would go unread.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite } from '../e2e/support/site.ts';
import { differingFiles, listFiles } from '../e2e/support/files.ts';

function expectSameFiles(actualDir: string, expectedDir: string): void {
  const files = listFiles(actualDir);
  expect(files).toEqual(listFiles(expectedDir));
  expect(differingFiles(files, actualDir, expectedDir)).toEqual([]);
}

/** The largest file directly in `dir` (but `except`). */
function largest(dir: string, except: readonly string[] = []): string {
  const files = readdirSync(dir).filter((n) => !except.includes(n) && statSync(path.join(dir, n)).isFile());
  files.sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size);
  return path.join(dir, files[0]!);
}

function truncateHalf(file: string): void {
  const bytes = readFileSync(file);
  writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
}

/** One bit of the middle byte: what a bad disk or a bad copy does. */
function flipByte(file: string): void {
  const bytes = readFileSync(file);
  bytes[bytes.length >> 1] ^= 0x01;
  writeFileSync(file, bytes);
}

/**
 * Changes one ASCII letter from the middle of the file on (after `from`) so
 * that `stillValid` holds for the result: a corruption nothing but a checksum
 * can tell.
 */
function flipLetter(file: string, stillValid: (text: string) => boolean, from = 0): void {
  const text = readFileSync(file, 'utf8');
  for (let at = Math.max(from, text.length >> 1); at < text.length; at++) {
    if (!/[a-z]/.test(text[at]!) || text[at - 1] === '\\') continue;
    const changed = `${text.slice(0, at)}${text[at] === 'a' ? 'b' : 'a'}${text.slice(at + 1)}`;
    if (!stillValid(changed)) continue;
    writeFileSync(file, changed);
    return;
  }
  throw new Error(`no letter to change in ${file}`);
}

const parses = (json: string): boolean => {
  try {
    JSON.parse(json);
    return true;
  } catch {
    return false;
  }
};
/** A pack whose every entry line is still JSON (each is an array). */
const packParses = (text: string) => text.split('\n').filter((l) => l.startsWith('["')).every(parses);
/** A sealed JSON file whose JSON still parses. */
const sealedParses = (text: string) => parses(text.slice(text.indexOf('\n') + 1));
const flipInPack = (file: string) => flipLetter(file, packParses);
const flipInSealed = (file: string) => flipLetter(file, sealedParses, readFileSync(file, 'utf8').indexOf('\n') + 1);

/** A pack line that no longer parses: the first entry loses its closing bracket. */
function breakLine(file: string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.startsWith('["'));
  lines[i] = lines[i]!.slice(0, -1);
  writeFileSync(file, lines.join('\n'));
}

/** The build's "damaged cache" warnings. */
function damageWarnings(output: string): string[] {
  return output.split('\n').filter((l) => l.includes('[kho-tin] warning: damaged cache'));
}

/** Each of `named` is in exactly one warning, and there is one warning per damaged file. */
function expectReportedOnce(warnings: readonly string[], named: readonly string[]): void {
  for (const name of named) expect(warnings.filter((w) => w.includes(name)), `${name} in:\n${warnings.join('\n')}`).toHaveLength(1);
  expect(warnings).toHaveLength(named.length);
}

describe('a damaged build cache', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'kho-tin-integrity-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('is reported, discarded and rebuilt: every output file is what a clean build writes', () => {
    const cache = path.join(work, 'cache');
    const env = { KHO_TIN_CACHE_DIR: cache };
    const clean = buildSite({ name: 'integrity-clean', env: { KHO_TIN_CACHE: '0' } });
    const warm = buildSite({ name: 'integrity', env });
    expect(damageWarnings(warm.output)).toEqual([]);
    expectSameFiles(warm.outDir, clean.outDir);

    // Round 1: every pack namespace, the search bundle and its record of keys, kept pages and a page copy.
    const packs = Object.fromEntries(['load', 'extraction', 'html', 'linkcheck', 'linkcheck-files'].map((ns) => [ns, largest(path.join(cache, ns))]));
    flipInPack(packs.load!); // where a changed field name once crashed the build in Hash.update
    truncateHalf(packs.extraction!);
    flipInPack(packs.html!);
    flipInPack(packs.linkcheck!);
    breakLine(packs['linkcheck-files']!);
    const searchDir = path.join(cache, 'search');
    const key = readdirSync(searchDir).find((n) => /^[0-9a-f]{64}$/.test(n))!;
    const bundle = path.join(searchDir, key);
    flipByte(largest(bundle, ['kho-tin-checksums.json'])); // hard-linked: the kept dist/pagefind's copy too
    const outputKeys = path.join(searchDir, 'output-keys.json');
    flipInSealed(outputKeys);
    const articlePage = listFiles(warm.outDir).find((f) => f.startsWith('bai-viet/') && f.endsWith('index.html'))!;
    const personPage = listFiles(warm.outDir).find((f) => f.startsWith('nguoi/') && f.endsWith('index.html'))!;
    const copies = path.join(cache, 'astro', 'dist');
    flipLetter(path.join(warm.outDir, articlePage), () => true); // its copy is intact: restored from it
    truncateHalf(path.join(warm.outDir, personPage));
    flipLetter(path.join(copies, personPage), () => true); // and its copy: the page renders

    const first = buildSite({ name: 'integrity', env });
    const firstWarnings = damageWarnings(first.output);
    expectReportedOnce(firstWarnings, [...Object.values(packs), outputKeys, bundle, `damaged cache ${warm.outDir} (`, copies]);
    expect(firstWarnings.find((w) => w.includes(packs.extraction!))).toContain('cut short');
    expect(firstWarnings.find((w) => w.includes(bundle))).toContain('indexed again');
    expect(firstWarnings.find((w) => w.includes(copies))).toContain(personPage);
    expectSameFiles(first.outDir, clean.outDir);

    // Round 2: the records of the pages (calls, checksums, Astro's manifest), the output state, a bundle's checksums.
    const deps = path.join(cache, 'astro', 'kho-tin-page-deps.json');
    const manifest = path.join(cache, 'astro', 'incremental-build.json');
    const pageRecord = path.join(cache, 'output-files.json');
    const state = path.join(cache, 'output-state.json');
    const sums = path.join(bundle, 'kho-tin-checksums.json');
    flipInSealed(deps);
    truncateHalf(manifest);
    flipInSealed(pageRecord);
    flipInSealed(state);
    flipInSealed(sums);

    const second = buildSite({ name: 'integrity', env });
    const secondWarnings = damageWarnings(second.output);
    // Astro's manifest is discarded with the record that vouched for it, in the record's warning.
    expectReportedOnce(secondWarnings, [deps, pageRecord, state, sums]);
    expect(secondWarnings.find((w) => w.includes(pageRecord))).toContain(manifest);
    expectSameFiles(second.outDir, clean.outDir);
  }, 600_000);
});
