import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const kafkaDeployDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(kafkaDeployDir, '..', '..');

/** The Kafka version pinned in deploy/kafka/pom.xml. */
export async function pinnedKafkaVersion(): Promise<string> {
  const pom = await readFile(join(kafkaDeployDir, 'pom.xml'), 'utf8');
  const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1];
  if (!version) throw new Error('deploy/kafka/pom.xml has no <kafka.version>');
  return version;
}

/**
 * Returns the folder holding the broker and tools jars, resolving them with Maven into the
 * git-ignored .cache/ on first use. The folder is filled under a temporary name and renamed,
 * so an interrupted download never leaves a half-filled cache behind.
 */
export async function ensureKafkaJars(): Promise<string> {
  const version = await pinnedKafkaVersion();
  const libDir = join(repoRoot, '.cache', `kafka-${version}`, 'libs');
  if (existsSync(libDir) && readdirSync(libDir).some((f) => f.startsWith('kafka_2.13-'))) return libDir;

  const staging = `${libDir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(libDir), { recursive: true });
  process.stderr.write(`[local-kafka] resolving Apache Kafka ${version} from Maven Central (once)\n`);
  try {
    await run(
      'mvn',
      ['-B', '-q', '-f', join(kafkaDeployDir, 'pom.xml'), 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${staging}`],
      { maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const detail = error instanceof Error && 'stdout' in error ? String((error as { stdout: unknown }).stdout) : '';
    throw new Error(`Maven could not resolve Apache Kafka ${version} (is mvn on PATH and Maven Central reachable?)\n${detail}`, {
      cause: error,
    });
  }
  if (!existsSync(libDir)) renameSync(staging, libDir);
  else rmSync(staging, { recursive: true, force: true });
  return libDir;
}

export function javaClasspath(libDir: string): string {
  return join(libDir, '*');
}
