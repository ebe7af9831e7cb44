import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveWithMaven } from './jvm/maven-cache.ts';

export const kafkaDeployDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The repository's root; its git-ignored .cache/ holds what Maven resolves. */
export const repoRoot = resolve(kafkaDeployDir, '..', '..');

/** The Kafka version pinned in deploy/kafka/pom.xml. */
export async function pinnedKafkaVersion(): Promise<string> {
  const pom = await readFile(join(kafkaDeployDir, 'pom.xml'), 'utf8');
  const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1];
  if (!version) throw new Error('deploy/kafka/pom.xml has no <kafka.version>');
  return version;
}

/** Returns the folder holding the broker and tools jars, resolving them with Maven into .cache/ on first use. */
export async function ensureKafkaJars(): Promise<string> {
  const version = await pinnedKafkaVersion();
  return resolveWithMaven({
    label: `Apache Kafka ${version}`,
    tag: 'local-kafka',
    dir: join(repoRoot, '.cache', `kafka-${version}`, 'libs'),
    isComplete: (dir) => existsSync(dir) && readdirSync(dir).some((file) => file.startsWith('kafka_2.13-')),
    mavenArgs: (staging) => ['-f', join(kafkaDeployDir, 'pom.xml'), 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${staging}`],
  });
}

export function javaClasspath(libDir: string): string {
  return join(libDir, '*');
}
