/**
 * The type check runs with the tests (CI runs exactly `npm test`): the .astro
 * pages and components through `astro check`, everything else through tsc.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const NODE = path.resolve('node_modules/.bin/node');

describe('npm run typecheck', () => {
  it('finds no error in the .astro files (astro check)', () => {
    const res = spawnSync(NODE, ['node_modules/astro/bin/astro.mjs', 'check'], { encoding: 'utf8', timeout: 300_000 });
    expect(res.stdout + res.stderr).toMatch(/- 0 errors/);
    expect(res.status, res.stdout.slice(-2000)).toBe(0);
  }, 300_000);

  it('finds no error in the TypeScript files (tsc)', () => {
    const res = spawnSync(NODE, ['node_modules/typescript/bin/tsc', '--noEmit'], { encoding: 'utf8', timeout: 300_000 });
    expect(res.status, res.stdout.slice(-2000)).toBe(0);
  }, 300_000);
});
