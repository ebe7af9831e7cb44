import { execFile } from 'node:child_process';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface MavenCacheEntry {
  /** What is resolved, for messages: "Apache Kafka 4.3.1". */
  readonly label: string;
  /** Tag of the progress line on stderr: "local-kafka". */
  readonly tag: string;
  /** The folder under the git-ignored .cache/ that holds the result. */
  readonly dir: string;
  /** Whether `dir` holds a complete result. */
  isComplete(dir: string): boolean;
  /** Maven's arguments that fill `stagingDir`. */
  mavenArgs(stagingDir: string): readonly string[];
}

/**
 * Fills a cache folder with Maven once and returns it. Maven writes into a staging folder that is
 * renamed when complete, so an interrupted download never leaves a half-filled cache behind, and
 * two processes resolving at once both end with a complete folder.
 */
export async function resolveWithMaven(entry: MavenCacheEntry): Promise<string> {
  if (entry.isComplete(entry.dir)) return entry.dir;
  const staging = `${entry.dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(entry.dir), { recursive: true });
  process.stderr.write(`[${entry.tag}] resolving ${entry.label} from Maven Central (once)\n`);
  try {
    await run('mvn', ['-B', '-q', ...entry.mavenArgs(staging)], { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const detail = error instanceof Error && 'stdout' in error ? String((error as { stdout: unknown }).stdout) : '';
    throw new Error(`Maven could not resolve ${entry.label} (is mvn on PATH and Maven Central reachable?)\n${detail}`, { cause: error });
  }
  if (entry.isComplete(entry.dir)) {
    rmSync(staging, { recursive: true, force: true });
  } else {
    rmSync(entry.dir, { recursive: true, force: true });
    renameSync(staging, entry.dir);
  }
  if (!entry.isComplete(entry.dir)) throw new Error(`Maven resolved ${entry.label} into ${entry.dir}, but the result is incomplete`);
  return entry.dir;
}
