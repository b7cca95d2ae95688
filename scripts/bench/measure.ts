/**
 * Runs one child process and measures it: wall time, the peak resident memory
 * of its whole process tree (the sum of VmRSS over the child and every
 * descendant, sampled from /proc), and GNU time's maximum RSS of the largest
 * single process when /usr/bin/time is installed. Output lines are kept with
 * their arrival time, and a stats file written by the child (KHO_TIN_STATS)
 * is watched so that each stage line gets the moment it arrived and the peak
 * memory of the tree during that stage.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

export const GNU_TIME = '/usr/bin/time';
const TIME_MARKER = 'BENCH-TIME';

export interface StageLine {
  stage: string;
  ms: number;
  maxRssBytes?: number;
  [extra: string]: number | string | undefined;
}

export interface MeasuredStage extends StageLine {
  /** When the line appeared, in ms since the child started (sampling resolution). */
  endedAtMs: number;
  /** Peak of the tree's summed RSS between endedAtMs - ms and endedAtMs. */
  peakTreeRssBytes: number;
}

export interface TimedLine {
  atMs: number;
  text: string;
}

export interface Measurement {
  command: string;
  exitCode: number;
  wallMs: number;
  /** Peak of the sum of VmRSS over the process tree (sampled every sampleMs). */
  peakTreeRssBytes: number;
  /** GNU time's %M: max RSS of the largest single process of the tree; null without GNU time. */
  maxProcessRssBytes: number | null;
  stages: MeasuredStage[];
  lines: TimedLine[];
  /** Summed tree RSS samples, ms since start. */
  samples: RssSample[];
}

export interface RssSample {
  atMs: number;
  bytes: number;
}

/** Peak of the samples between two moments (ms since start), 0 when none fall inside. */
export function peakBetween(samples: RssSample[], fromMs: number, toMs: number): number {
  return samples.reduce((max, x) => (x.atMs >= fromMs && x.atMs <= toMs ? Math.max(max, x.bytes) : max), 0);
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** A file the child appends JSON stage lines to; watched while it runs. */
  statsFile?: string;
  sampleMs?: number;
  /** Echo the child's output as it comes, prefixed. */
  echoPrefix?: string;
}

/** Parses GNU time's "-f 'BENCH-TIME %e %M'" line: seconds and max RSS in KiB. */
export function parseGnuTime(line: string): { seconds: number; maxRssBytes: number } | null {
  const m = new RegExp(`^${TIME_MARKER} (\\d+(?:\\.\\d+)?) (\\d+)$`).exec(line.trim());
  if (!m) return null;
  return { seconds: Number(m[1]), maxRssBytes: Number(m[2]) * 1024 };
}

/** Parses the JSON lines of a stats file; a malformed line is an error naming the line. */
export function parseStageLines(text: string, file = 'stats file'): StageLine[] {
  const out: StageLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not JSON: ${line.slice(0, 120)}`);
    }
    if (typeof value !== 'object' || value === null) throw new Error(`${file}:${i + 1}: expected an object`);
    const rec = value as Record<string, unknown>;
    if (typeof rec.stage !== 'string' || typeof rec.ms !== 'number') {
      throw new Error(`${file}:${i + 1}: expected {"stage": string, "ms": number, ...}`);
    }
    out.push(rec as StageLine);
  });
  return out;
}

/** The pids of a process and all its descendants, from /proc/<pid>/task/<tid>/children. */
export function processTree(rootPid: number): number[] {
  const seen: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    seen.push(pid);
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // exited between reads
    }
    for (const tid of tids) {
      try {
        const children = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
        if (children) for (const c of children.split(/\s+/)) queue.push(Number(c));
      } catch {
        // thread or process gone
      }
    }
  }
  return seen;
}

/** VmRSS of one process in bytes, 0 when it is gone. */
export function residentBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(status);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function treeResidentBytes(rootPid: number): number {
  let sum = 0;
  for (const pid of processTree(rootPid)) sum += residentBytes(pid);
  return sum;
}

export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

/** Runs `command args…` and measures it. Never throws on a failing child: check exitCode. */
export function runMeasured(command: string, args: string[], opts: RunOptions = {}): Promise<Measurement> {
  const useTime = hasGnuTime();
  const file = useTime ? GNU_TIME : command;
  const argv = useTime ? ['-f', `${TIME_MARKER} %e %M`, command, ...args] : args;
  const sampleMs = opts.sampleMs ?? 100;
  const startedAt = performance.now();
  const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });

  const samples: RssSample[] = [];
  const lines: TimedLine[] = [];
  const stages: MeasuredStage[] = [];
  let statsSeen = 0;
  let gnu: { seconds: number; maxRssBytes: number } | null = null;

  const readStats = () => {
    if (!opts.statsFile || !existsSync(opts.statsFile)) return;
    const text = readFileSync(opts.statsFile, 'utf8');
    // Only complete lines: the child may be in the middle of appending one.
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    const parsed = parseStageLines(complete, opts.statsFile);
    const now = performance.now() - startedAt;
    for (const s of parsed.slice(statsSeen)) {
      const from = now - s.ms - sampleMs;
      stages.push({ ...s, endedAtMs: Math.round(now), peakTreeRssBytes: peakBetween(samples, from, now) });
    }
    statsSeen = parsed.length;
  };
  const sample = () => {
    if (child.pid === undefined) return;
    samples.push({ atMs: performance.now() - startedAt, bytes: treeResidentBytes(child.pid) });
    readStats();
  };
  const timer = setInterval(sample, sampleMs);

  const collect = (stream: NodeJS.ReadableStream, isErr: boolean) => {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const text = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const parsedTime = isErr && useTime ? parseGnuTime(text) : null;
        if (parsedTime) {
          gnu = parsedTime;
          continue;
        }
        lines.push({ atMs: Math.round(performance.now() - startedAt), text });
        if (opts.echoPrefix !== undefined) process.stdout.write(`${opts.echoPrefix}${text}\n`);
      }
    });
    stream.on('end', () => {
      if (pending) lines.push({ atMs: Math.round(performance.now() - startedAt), text: pending });
    });
  };
  collect(child.stdout, false);
  collect(child.stderr, true);

  return new Promise((resolve, reject) => {
    child.on('error', (err) => {
      clearInterval(timer);
      reject(new Error(`cannot start ${command}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - startedAt;
      clearInterval(timer);
      readStats();
      const gnuResult = gnu as { seconds: number; maxRssBytes: number } | null;
      resolve({
        command: [command, ...args].join(' '),
        exitCode: code ?? (signal ? 128 : 1),
        wallMs: Math.round(wallMs),
        peakTreeRssBytes: samples.reduce((max, s) => Math.max(max, s.bytes), gnuResult?.maxRssBytes ?? 0),
        maxProcessRssBytes: gnuResult?.maxRssBytes ?? null,
        stages,
        lines,
        samples,
      });
    });
  });
}

/** The last `count` output lines, for error messages. */
export function tail(m: Measurement, count = 40): string {
  return m.lines.slice(-count).map((l) => l.text).join('\n');
}
