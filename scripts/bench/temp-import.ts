/**
 * TEMPORARY stand-in for scripts/import.ts, used by the benchmark only while
 * the real importer has not landed (the bench says so in its output).
 * Usage: node scripts/bench/temp-import.ts <file.jsonl> --out <articles dir>
 */
import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { stringify } from 'yaml';

const [file, flag, outDir] = process.argv.slice(2);
if (!file || flag !== '--out' || !outDir) {
  console.error('usage: node scripts/bench/temp-import.ts <file.jsonl> --out <dir>');
  process.exit(2);
}
await mkdir(outDir, { recursive: true });
let n = 0;
for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  const rec = JSON.parse(line) as Record<string, unknown>;
  const id = String(rec.id).toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  const meta = { title: rec.title, source: rec.source, url: rec.url ?? null, importedFrom: `${path.basename(file)}#${String(rec.id)}` };
  await writeFile(path.join(outDir, `${id}.md`), `---\n${stringify(meta)}---\n\n${String(rec.body)}\n`);
  n += 1;
}
console.log(`imported ${n} articles into ${outDir}`);
