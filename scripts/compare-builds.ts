/**
 * `npm run compare-builds -- --base REV [--content DIR] [--out DIR] [--keep]`
 *
 * Proves that a change of code changes no output: builds the site of one
 * content folder twice, with the code at git revision REV (a temporary
 * worktree sharing this checkout's node_modules) and with the working tree,
 * each clean (KHO_TIN_CACHE=0) and with the same SITE_URL and BASE_PATH, then
 * compares every file of the two dist/ folders (kb.json included) byte for
 * byte. Prints the files that differ, are missing or are extra, and exits 1 if
 * any does; 0 when the two sites are identical.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { listFiles } from '../src/lib/infra/walk.ts';

const USAGE = `usage: npm run compare-builds -- --base REV [--content DIR] [--out DIR] [--keep]

  --base REV      git revision whose code builds the reference site (required)
  --content DIR   the content folder both builds read (default: content)
  --out DIR       where the two sites and the worktree go (default: .cache/compare-builds)
  --keep          keep the worktree and both sites afterwards
  --help          this text`;

function fail(message: string, status = 2): never {
  console.error(message);
  process.exit(status);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      base: { type: 'string' },
      content: { type: 'string', default: 'content' },
      out: { type: 'string', default: '.cache/compare-builds' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (err) {
  fail(`${(err as Error).message}\n\n${USAGE}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.base) fail(`--base is required\n\n${USAGE}`);

const repo = process.cwd();
/** Where each tree gets its copy of the content (git-ignored: under .cache/). */
const CONTENT_COPY = '.cache/compare-builds-content';
const content = path.resolve(values.content);
if (!existsSync(path.join(content, 'articles'))) fail(`${content}: no articles/ folder here`);
const out = path.resolve(values.out);
const worktree = path.join(out, 'base-worktree');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} (in ${cwd}) failed:\n${(r.stdout + r.stderr).slice(-4000)}`, 1);
}

/**
 * Builds `codeDir`'s site of the content into outDir. The content is copied into
 * the tree first: kb.json records each article's path relative to the build's
 * folder, which must be the same for both builds.
 */
function build(codeDir: string, outDir: string, label: string): number {
  const local = path.join(codeDir, CONTENT_COPY);
  rmSync(local, { recursive: true, force: true });
  cpSync(content, local, { recursive: true });
  const startedAt = performance.now();
  run(process.execPath, [path.join(codeDir, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], codeDir, {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    CONTENT_DIR: CONTENT_COPY,
    KHO_TIN_CACHE: '0',
    SITE_URL: 'https://example.org',
    BASE_PATH: '',
  });
  const s = (performance.now() - startedAt) / 1000;
  console.log(`built ${label} in ${s.toFixed(1)} s → ${outDir}`);
  return s;
}

run('git', ['worktree', 'add', '--detach', worktree, values.base], repo);
try {
  symlinkSync(path.join(repo, 'node_modules'), path.join(worktree, 'node_modules'));
  const before = path.join(out, 'base');
  const after = path.join(out, 'work');
  build(worktree, before, `${values.base}`);
  build(repo, after, 'the working tree');
  rmSync(path.join(repo, CONTENT_COPY), { recursive: true, force: true });

  const a = await listFiles(before);
  const b = await listFiles(after);
  const inB = new Set(b);
  const inA = new Set(a);
  const missing = a.filter((f) => !inB.has(f));
  const extra = b.filter((f) => !inA.has(f));
  const differing: string[] = [];
  let bytes = 0;
  for (const f of a) {
    if (!inB.has(f)) continue;
    const x = path.join(before, f);
    const y = path.join(after, f);
    if (statSync(x).size !== statSync(y).size || !readFileSync(x).equals(readFileSync(y))) differing.push(f);
    else bytes += statSync(x).size;
  }
  const show = (title: string, list: string[]): void => {
    if (list.length === 0) return;
    console.log(`${title} (${list.length}):`);
    for (const f of list.slice(0, 30)) console.log(`  ${f}`);
    if (list.length > 30) console.log('  …');
  };
  show('differ', differing);
  show(`only in ${values.base}`, missing);
  show('only in the working tree', extra);
  const same = differing.length === 0 && missing.length === 0 && extra.length === 0;
  console.log(same
    ? `identical: ${a.length} files, ${bytes.toLocaleString('en')} bytes, kb.json included (${values.base} vs the working tree, content ${path.relative(repo, content) || '.'})`
    : `NOT identical: ${differing.length} differ, ${missing.length} missing, ${extra.length} extra`);
  process.exitCode = same ? 0 : 1;
} finally {
  if (!values.keep) {
    spawnSync('git', ['worktree', 'remove', '--force', worktree], { cwd: repo });
    rmSync(out, { recursive: true, force: true });
  }
}
