/**
 * The command-line convention (scripts/cli.ts) in the scripts that follow it:
 * --help prints the usage and exits 0, an unknown flag prints the usage and
 * exits 2, and build-places writes the committed data/places.json only when told.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const NODE = path.resolve('node_modules/.bin/node');
const run = (script: string, ...args: string[]) => spawnSync(NODE, [`scripts/${script}`, ...args], { encoding: 'utf8', timeout: 60_000 });

describe.each(['build-places.ts', 'search-quality.ts', 'search-bench.ts', 'search-corpus.ts', 'site-limits.ts', 'kb-audit.ts', 'gold.ts'])('%s', (script) => {
  it('answers --help with its usage, and an unknown flag with the usage and status 2', () => {
    const help = run(script, '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage:\s/m);
    const bad = run(script, '--no-such-flag');
    expect(bad.status).toBe(2);
    expect(bad.stderr + bad.stdout).toMatch(/usage:\s/);
  });
});

it('build-places writes nothing unless told where', () => {
  const res = run('build-places.ts');
  expect(res.status).toBe(2);
  expect(res.stderr).toContain('--out is required');
});
