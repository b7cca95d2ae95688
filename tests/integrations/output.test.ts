/**
 * dist/ kept between builds: trusted only after a finished build into the same
 * folder, and pruned to exactly what the new build wrote or reused.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { beginOutput, finishOutput, pruneOutput } from '../../src/integrations/output.ts';
import { listFiles as listOutputFiles } from '../../src/lib/infra/walk.ts';

let work: string;
let outDir: string;
let stateDir: string;
let astroDir: string;

function write(rel: string, text: string, root = outDir): void {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Dates a file of the previous build well before the marker of the next one. */
function age(rel: string): void {
  const old = new Date(Date.now() - 60_000);
  utimesSync(path.join(outDir, rel), old, old);
}

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'kho-tin-output-'));
  outDir = path.join(work, 'dist');
  stateDir = path.join(work, 'cache');
  astroDir = path.join(stateDir, 'astro');
  mkdirSync(astroDir, { recursive: true });
  writeFileSync(path.join(astroDir, 'incremental-build.json'), '{}');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('output kept between builds', () => {
  it('does not trust a folder no finished build of this cache wrote: it is cleared, and Astro\'s manifest that no build recorded is dropped', async () => {
    write('nguoi/a/index.html', 'left by someone else');
    const session = await beginOutput(outDir, stateDir, astroDir);
    expect(session.kept).toBe(false);
    expect(session.previousSearch).toBeNull();
    await session.cleared;
    expect(existsSync(outDir)).toBe(false);
    expect(existsSync(path.join(astroDir, 'incremental-build.json'))).toBe(false);
  });

  it('keeps the output of the last finished build and moves its search index aside for reuse', async () => {
    const first = await beginOutput(outDir, stateDir, astroDir);
    write('nguoi/a/index.html', 'a');
    write('pagefind/pagefind.js', 'js');
    await finishOutput(first);

    const second = await beginOutput(outDir, stateDir, astroDir);
    expect(second.kept).toBe(true);
    expect(readFileSync(path.join(outDir, 'nguoi/a/index.html'), 'utf8')).toBe('a');
    expect(existsSync(path.join(outDir, 'pagefind'))).toBe(false);
    expect(readFileSync(path.join(second.previousSearch!, 'pagefind.js'), 'utf8')).toBe('js');
  });

  it('prunes what the new build neither wrote nor reused, and the folders left empty', async () => {
    const first = await beginOutput(outDir, stateDir, astroDir);
    const previous = ['nguoi/a/index.html', 'nguoi/gone/index.html', 'nguoi/gone/rss.xml', 'don-vi/x/2/index.html', '_astro/old.css'];
    for (const rel of previous) write(rel, rel);
    await finishOutput(first);
    for (const rel of previous) age(rel);

    const second = await beginOutput(outDir, stateDir, astroDir);
    write('_astro/new.css', 'new'); // written by this build
    write('pagefind/x.pf_meta', 'staged index'); // never pruned: replaced as a whole
    const listed = await listOutputFiles(outDir);
    const { files, removed } = pruneOutput(second, listed, new Set(['nguoi/a/index.html']));
    expect(removed.sort()).toEqual(['_astro/old.css', 'don-vi/x/2/index.html', 'nguoi/gone/index.html', 'nguoi/gone/rss.xml']);
    expect(files).toEqual(['_astro/new.css', 'nguoi/a/index.html', 'pagefind/x.pf_meta']);
    expect(await listOutputFiles(outDir)).toEqual(files);
    expect(existsSync(path.join(outDir, 'nguoi/gone'))).toBe(false);
    expect(existsSync(path.join(outDir, 'don-vi'))).toBe(false);
    expect(existsSync(path.join(outDir, 'nguoi'))).toBe(true);
  });

  it('distrusts the output of a build that was killed, and voids Astro\'s manifest (its page copies may be newer than its keys)', async () => {
    const first = await beginOutput(outDir, stateDir, astroDir);
    write('nguoi/a/index.html', 'half written');
    void first; // killed: finishOutput never ran
    const second = await beginOutput(outDir, stateDir, astroDir);
    expect(second.kept).toBe(false);
    await second.cleared;
    expect(existsSync(outDir)).toBe(false);
    expect(existsSync(path.join(astroDir, 'incremental-build.json'))).toBe(false);
  });

  it('distrusts the output when the cache last built another folder', async () => {
    const first = await beginOutput(outDir, stateDir, astroDir);
    write('index.html', 'x');
    await finishOutput(first);
    const other = path.join(work, 'other-dist');
    write('index.html', 'older', other);
    const second = await beginOutput(other, stateDir, astroDir);
    expect(second.kept).toBe(false);
    await second.cleared;
    expect(existsSync(other)).toBe(false);
    expect(existsSync(path.join(outDir, 'index.html'))).toBe(true);
  });

  /** A finished build whose manifest lists two pages, each in dist/ and copied in Astro's cache. */
  async function finishedBuild(): Promise<void> {
    const session = await beginOutput(outDir, stateDir, astroDir);
    for (const rel of PAGES) {
      write(rel, `<p>${rel}</p>`);
      write(rel, `<p>${rel}</p>`, path.join(astroDir, 'dist'));
    }
    writeFileSync(path.join(astroDir, 'incremental-build.json'), JSON.stringify({ routes: { r: { paths: { '/nguoi/a/': { cacheKey: 'k' } } } } }));
    pruneOutput(session, await listOutputFiles(outDir), new Set(PAGES));
    await finishOutput(session);
  }
  const PAGES = ['nguoi/a/index.html', 'nguoi/b/index.html'];
  /** Past the file system's timestamp tick: a same-size rewrite within it keeps the signature (fileSignature). */
  const tick = () => new Promise((resolve) => setTimeout(resolve, 50));
  const manifest = (): string => path.join(astroDir, 'incremental-build.json');

  it('keeps Astro\'s manifest and intact page copies when the record vouches for them, even when dist/ is distrusted', async () => {
    await finishedBuild();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const other = await beginOutput(path.join(work, 'other-dist'), stateDir, astroDir);
    expect(other.kept).toBe(false);
    expect(existsSync(manifest())).toBe(true);
    for (const rel of PAGES) expect(existsSync(path.join(astroDir, 'dist', rel))).toBe(true);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('deletes a kept page or a page copy that is not as the last build wrote it, with one warning per folder', async () => {
    await finishedBuild();
    await tick();
    const flip = (file: string) => writeFileSync(file, readFileSync(file, 'utf8').replace('nguoi', 'nguoj'));
    flip(path.join(outDir, PAGES[0]!)); // the copy is intact: Astro restores it
    flip(path.join(outDir, PAGES[1]!));
    flip(path.join(astroDir, 'dist', PAGES[1]!)); // neither: the page renders
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const session = await beginOutput(outDir, stateDir, astroDir);
    expect(session.kept).toBe(true);
    expect(existsSync(manifest())).toBe(true);
    expect(PAGES.map((rel) => existsSync(path.join(outDir, rel)))).toEqual([false, false]);
    expect(PAGES.map((rel) => existsSync(path.join(astroDir, 'dist', rel)))).toEqual([true, false]);
    const lines = warn.mock.calls.map((c) => String(c[0]));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`damaged cache ${outDir} (2 page files not as the last build wrote them: ${PAGES.join(', ')})`);
    expect(lines[1]).toContain(`damaged cache ${path.join(astroDir, 'dist')} (1 page file not as the last build wrote it: ${PAGES[1]})`);
    warn.mockRestore();
  });

  it('drops Astro\'s manifest when it or the record of the pages is damaged: every page renders', async () => {
    await finishedBuild();
    writeFileSync(manifest(), readFileSync(manifest(), 'utf8').replace('"k"', '"x"'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await beginOutput(outDir, stateDir, astroDir);
    expect(existsSync(manifest())).toBe(false);
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining(`damaged cache ${manifest()} (not the manifest the last build wrote)`)]);
    warn.mockClear();

    await finishedBuild();
    const record = path.join(stateDir, 'output-files.json');
    writeFileSync(record, readFileSync(record).subarray(0, 60));
    await beginOutput(outDir, stateDir, astroDir);
    expect(existsSync(manifest())).toBe(false);
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining(`damaged cache ${record} (fails its checksum)`)]);
    warn.mockRestore();
  });

  it('lists every file, relative and sorted', async () => {
    write('b/index.html', '');
    write('a/x/y.txt', '');
    write('kb.json', '');
    expect(await listOutputFiles(outDir)).toEqual(['a/x/y.txt', 'b/index.html', 'kb.json']);
  });
});
