import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot, resolveWithMaven } from '@churnwatch/local-kafka';

export const registryDeployDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The Apicurio Registry version pinned in deploy/registry/pom.xml. */
export async function pinnedApicurioVersion(): Promise<string> {
  const pom = await readFile(join(registryDeployDir, 'pom.xml'), 'utf8');
  const version = /<apicurio\.version>([^<]+)<\/apicurio\.version>/.exec(pom)?.[1];
  if (!version) throw new Error('deploy/registry/pom.xml has no <apicurio.version>');
  return version;
}

function runnerJarIn(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const jar = readdirSync(dir).find((file) => file.endsWith('-runner.jar'));
  return jar && existsSync(join(dir, 'lib')) ? join(dir, jar) : undefined;
}

/**
 * Returns the runner jar of the Apicurio Registry distribution (the `all` tar.gz of
 * io.apicurio:apicurio-registry-app), unpacking it with Maven into the git-ignored .cache/ on
 * first use.
 */
export async function ensureApicurio(): Promise<string> {
  const version = await pinnedApicurioVersion();
  const home = await resolveWithMaven({
    label: `Apicurio Registry ${version}`,
    tag: 'local-registry',
    dir: join(repoRoot, '.cache', `apicurio-registry-${version}`),
    isComplete: (dir) => runnerJarIn(dir) !== undefined,
    // unpack with an explicit artifact: the app's parent POM is not published, so resolving it as
    // a project dependency fails, while fetching the one tar.gz works.
    mavenArgs: (staging) => [
      '-f',
      join(registryDeployDir, 'pom.xml'),
      'dependency:unpack',
      `-Dartifact=io.apicurio:apicurio-registry-app:${version}:tar.gz:all`,
      `-DoutputDirectory=${staging}`,
      // The plugin skips artifacts it has a marker for (kept in the pom's build directory,
      // under .cache/): always unpack, the staging folder is new.
      '-Dmdep.overWriteReleases=true',
    ],
  });
  return runnerJarIn(home) as string;
}
