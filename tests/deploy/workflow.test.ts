/**
 * The GitHub Pages workflow cannot run here, so its shape is checked: it parses
 * as YAML, runs on pushes to main, builds with the README's command under the
 * Pages base path, restores and saves the incremental cache, and deploys dist/.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; id?: string }
interface Job { 'runs-on': string; steps: Step[]; needs?: string; environment?: unknown }
interface Workflow { on: { push?: { branches?: string[] } }; permissions: Record<string, string>; jobs: Record<string, Job> }

const workflow = parse(readFileSync('.github/workflows/deploy.yml', 'utf8')) as Workflow;
const build = workflow.jobs.build!;
const uses = (prefix: string) => build.steps.filter((s) => s.uses?.startsWith(prefix));

describe('deploy workflow', () => {
  it('runs on every push to main with the permissions Pages needs', () => {
    expect(workflow.on.push?.branches).toEqual(['main']);
    expect(workflow.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
  });

  it('checks out, installs and builds with the README command under the Pages base path', () => {
    expect(uses('actions/checkout@')).toHaveLength(1);
    const runs = build.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('npm install');
    const buildStep = build.steps.find((s) => s.run === 'npm run build');
    expect(buildStep?.env?.BASE_PATH).toContain('base_path');
    expect(buildStep?.env?.SITE_URL).toContain('origin');
  });

  it('restores the build cache before the build and saves it after', () => {
    const names = build.steps.map((s) => s.uses ?? s.run ?? '');
    const restore = names.findIndex((n) => n.startsWith('actions/cache/restore@'));
    const buildAt = names.indexOf('npm run build');
    const save = names.findIndex((n) => n.startsWith('actions/cache/save@'));
    expect(restore).toBeGreaterThanOrEqual(0);
    expect(restore).toBeLessThan(buildAt);
    expect(save).toBeGreaterThan(buildAt);
    for (const i of [restore, save]) expect(build.steps[i]!.with?.path).toBe('.cache/build');
  });

  it('uploads dist/ and deploys it in a job that needs the build', () => {
    expect(uses('actions/upload-pages-artifact@')[0]?.with?.path).toBe('dist');
    const deploy = workflow.jobs.deploy!;
    expect(deploy.needs).toBe('build');
    expect(deploy.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
  });
});
