import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hostsFileSchema, judgeHosts, measureSite } from '../../../src/lib/site/limits.ts';
import { readDataFile } from '../../../src/lib/extract/data-file.ts';

function site(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'limits-'));
  for (let i = 0; i < 5; i++) {
    mkdirSync(path.join(dir, 'bai-viet', `a${i}`), { recursive: true });
    writeFileSync(path.join(dir, 'bai-viet', `a${i}`, 'index.html'), 'x'.repeat(100));
  }
  writeFileSync(path.join(dir, 'kb.json'), 'y'.repeat(1_000));
  return dir;
}

describe('a built site against the hosts\' limits', () => {
  const measured = measureSite(site());

  it('counts files and bytes, and finds the largest file and the fullest folder', () => {
    expect(measured).toEqual({ files: 6, bytes: 1_500, largestFile: { path: 'kb.json', bytes: 1_000 }, fullestFolder: { path: 'bai-viet', entries: 5 } });
  });

  it('says which host takes it and which limit another misses', () => {
    const verdicts = judgeHosts(measured, [{ name: 'small', maxFiles: 5, maxFileBytes: 2_000 }, { name: 'roomy', maxSiteBytes: 10_000, maxEntriesPerFolder: 5 }]);
    expect(verdicts).toEqual([
      { host: 'small', fits: false, checks: [{ limit: 'files 6 > 5', ok: false }, { limit: 'largest file 1,000 ≤ 2,000', ok: true }] },
      { host: 'roomy', fits: true, checks: [{ limit: 'bytes 1,500 ≤ 10,000', ok: true }, { limit: 'entries in one folder 5 ≤ 5', ok: true }] },
    ]);
  });

  it('reads the hosts from data/hosts.yaml', () => {
    const hosts = readDataFile('hosts.yaml', hostsFileSchema).hosts;
    expect(hosts.map((h) => h.name)).toContain('GitHub Pages');
    expect(judgeHosts(measured, hosts).every((v) => v.fits)).toBe(true);
  });
});
