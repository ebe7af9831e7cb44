import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const registryDeployDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(registryDeployDir, '..', '..');

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
 * first use. Unpacked under a temporary name and renamed, so an interrupted download leaves
 * nothing half-filled behind.
 */
export async function ensureApicurio(): Promise<string> {
  const version = await pinnedApicurioVersion();
  const home = join(repoRoot, '.cache', `apicurio-registry-${version}`);
  const ready = runnerJarIn(home);
  if (ready) return ready;

  const staging = `${home}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(home), { recursive: true });
  process.stderr.write(`[local-registry] resolving Apicurio Registry ${version} from Maven Central (once)\n`);
  try {
    // unpack with an explicit artifact: the app's parent POM is not published, so resolving it as
    // a project dependency fails, while fetching the one tar.gz works.
    await run(
      'mvn',
      [
        '-B',
        '-q',
        '-f',
        join(registryDeployDir, 'pom.xml'),
        'dependency:unpack',
        `-Dartifact=io.apicurio:apicurio-registry-app:${version}:tar.gz:all`,
        `-DoutputDirectory=${staging}`,
        // The plugin skips artifacts it has a marker for (kept in the pom's build directory,
        // under .cache/): always unpack, the staging folder is new.
        '-Dmdep.overWriteReleases=true',
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const detail = error instanceof Error && 'stdout' in error ? String((error as { stdout: unknown }).stdout) : '';
    throw new Error(`Maven could not resolve Apicurio Registry ${version} (is mvn on PATH and Maven Central reachable?)\n${detail}`, { cause: error });
  }
  if (!runnerJarIn(home)) {
    rmSync(home, { recursive: true, force: true });
    renameSync(staging, home);
  } else rmSync(staging, { recursive: true, force: true });
  const jar = runnerJarIn(home);
  if (!jar) throw new Error(`the Apicurio Registry ${version} distribution in ${home} has no *-runner.jar and lib/`);
  return jar;
}
