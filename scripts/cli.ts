/**
 * The command-line convention of the project's scripts: flags parsed by
 * node:util parseArgs; an unknown or malformed flag prints the message and the
 * usage and exits 2; --help (declared by the caller) prints the usage and exits 0.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export function parseCommandLine<T extends ParseArgsConfig>(usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
  if ((parsed.values as { help?: unknown }).help === true) {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
}
