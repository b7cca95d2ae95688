/** `npm run build` on broken content: a clean list of every problem and exit 1, before Astro starts. */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';

describe('scripts/build.ts with broken content', () => {
  it('prints every content error as file:line [field]: fix, no stack trace, and exits 1', () => {
    const run = spawnSync(process.execPath, ['scripts/build.ts'], {
      encoding: 'utf8',
      env: { ...process.env, CONTENT_DIR: 'tests/fixtures/bad-content' },
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    const out = run.stderr;
    expect(out).toContain('14 content errors in 14 files');
    expect(out).toContain(
      'tests/fixtures/bad-content/articles/impossible-date.md:3 [published]: "2023-13-45" is not a real date; write YYYY-MM-DD, e.g. 2023-01-27, or remove the line',
    );
    expect(out).toContain('tests/fixtures/bad-content/articles/unclosed-fence.md:1: the frontmatter opened by --- on line 1 is never closed');
    expect(out).toContain('nothing was built');
    expect(out).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m); // no stack frames
    expect(run.stdout).not.toContain('Site built');
  });
});
