/** Comparing build outputs: the file list of a tree, and which files differ byte for byte. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every file below root, relative and sorted. */
export function listFiles(root: string, dir = root, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) listFiles(root, full, out);
    else out.push(path.relative(root, full));
  }
  return out.sort();
}

/** The files (of `files`, relative paths) whose bytes differ between the two trees. */
export function differingFiles(files: readonly string[], a: string, b: string): string[] {
  return files.filter((f) => !readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f))));
}
