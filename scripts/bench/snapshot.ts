/**
 * A frozen copy of the project for one benchmark run: every file git tracks or
 * would track (committed, modified and untracked-but-not-ignored), copied into
 * <dest>, with node_modules as a symlink to the project's. Building from the
 * copy keeps a run consistent while people edit the working tree, and keeps
 * the pipeline fingerprint (which hashes the extraction code and data) from
 * changing between the clean and the incremental build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, rm, symlink } from 'node:fs/promises';
import path from 'node:path';

export async function snapshotTree(repo: string, dest: string): Promise<number> {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  await rm(dest, { recursive: true, force: true });
  let copied = 0;
  for (const rel of new Set(listed.split('\0').filter(Boolean))) {
    const from = path.join(repo, rel);
    // Deleted but still tracked files, and the benchmark's own folders, are left out.
    if (!existsSync(from) || !statSync(from).isFile()) continue;
    const to = path.join(dest, rel);
    await mkdir(path.dirname(to), { recursive: true });
    await copyFile(from, to);
    copied += 1;
  }
  await symlink(path.join(repo, 'node_modules'), path.join(dest, 'node_modules'), 'dir');
  return copied;
}
