/**
 * What identifies one version of a file without reading it: size, modification
 * time (ns) and inode, as git's index does. A rewritten file gets a new one
 * (unless rewritten within the same timestamp tick with the same size in place,
 * which the build never does to a file it has already read).
 */
import { statSync } from 'node:fs';

export function fileSignature(file: string): string {
  const st = statSync(file, { bigint: true });
  return `${st.size}\u0000${st.mtimeNs}\u0000${st.ino}`;
}
