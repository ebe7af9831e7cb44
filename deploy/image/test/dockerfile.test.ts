// No Docker engine runs here, so the image is checked by reading its recipe: the stages, what the
// last one keeps, the user, the entry point, the health check, and that every file it copies is
// in the build context. What a real build would add (the base image's contents, pnpm's install in
// it, the container answering its health check) stays unverified.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseDockerfile } from '../src/dockerfile.ts';
import { isIgnored } from '../src/dockerignore.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const stages = parseDockerfile(read('Dockerfile'));
const dockerignore = read('.dockerignore');
const final = stages.at(-1)!;
const all = (keyword: string) => stages.flatMap((stage) => stage.instructions.filter((i) => i.keyword === keyword).map((i) => ({ stage, ...i })));

/** Workspace package folders, from pnpm-workspace.yaml's globs. */
function workspaceFolders(): string[] {
  // The `packages:` list's entries are `  - folder` lines (patchedDependencies' lines hold a colon).
  const globs = [...read('pnpm-workspace.yaml').matchAll(/^\s+-\s+([^\s:]+)\s*$/gm)].map((match) => match[1]!);
  return globs
    .flatMap((glob) => (glob.endsWith('/*') ? readdirSync(join(root, glob.slice(0, -2))).map((name) => `${glob.slice(0, -2)}/${name}`) : [glob]))
    .filter((folder) => existsSync(join(root, folder, 'package.json')));
}

describe('the Dockerfile', () => {
  test('has a dependencies stage and a runtime stage on the same pinned Node base', () => {
    expect(stages.map((stage) => stage.name)).toEqual(['dependencies', 'runtime']);
    expect(new Set(stages.map((stage) => stage.base)).size).toBe(1);
    expect(final.base).toMatch(new RegExp(`^node:${read('.node-version').trim().split('.')[0]}-`));
  });

  test('installs the production dependencies once, from the lockfile, in the first stage only', () => {
    const installs = all('RUN').filter((run) => /\bpnpm (install|i)\b/.test(run.args));
    expect(installs).toHaveLength(1);
    expect(installs[0]?.stage.name).toBe('dependencies');
    expect(installs[0]?.args).toMatch(/--frozen-lockfile/);
    expect(installs[0]?.args).toMatch(/--prod\b/);
  });

  test('the final image takes only the installed app from the first stage and keeps no package manager', () => {
    const runs = final.instructions.filter((i) => i.keyword === 'RUN');
    for (const run of runs) expect(run.args).not.toMatch(/\b(pnpm|npm|yarn|apt-get|apk)\b.*\b(install|add|fetch)\b/);
    expect(runs.some((run) => run.args.includes('/usr/local/lib/node_modules/npm') && run.args.startsWith('rm '))).toBe(true);
    const copies = final.instructions.filter((i) => i.keyword === 'COPY');
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy.flags.from, copy.args).toBe('dependencies');
  });

  test('runs as a non-root user, with an exec-form entry point and command, and a health check on /healthz', () => {
    const user = final.instructions.filter((i) => i.keyword === 'USER').at(-1);
    expect(user?.args).toBeDefined();
    expect(['root', '0']).not.toContain(user?.args.split(':')[0]);
    const entrypoint = final.instructions.find((i) => i.keyword === 'ENTRYPOINT');
    expect(entrypoint?.exec).toEqual(['node']);
    const cmd = final.instructions.find((i) => i.keyword === 'CMD');
    expect(cmd?.exec?.[0]).toBe('packages/cli/src/main.ts');
    expect(existsSync(join(root, cmd?.exec?.[0] ?? 'missing'))).toBe(true);
    const healthcheck = final.instructions.find((i) => i.keyword === 'HEALTHCHECK');
    expect(healthcheck?.args).toMatch(/^CMD \[/);
    expect(healthcheck?.args).toContain('/healthz');
    const exposed = final.instructions.find((i) => i.keyword === 'EXPOSE')?.args;
    expect(healthcheck?.args).toContain(`||${exposed})`);
  });

  test('every path it copies from the build context exists and is not left out by .dockerignore', () => {
    const copies = all('COPY').filter((copy) => copy.flags.from === undefined);
    const stageNames = new Set(stages.map((stage) => stage.name));
    for (const copy of all('COPY').filter((c) => c.flags.from !== undefined)) expect(stageNames.has(copy.flags.from)).toBe(true);
    for (const copy of copies) {
      const sources = copy.args.split(/\s+/).slice(0, -1);
      for (const source of sources) {
        const path = source.replace(/\/$/, '');
        expect(existsSync(join(root, path)), source).toBe(true);
        if (path !== '.') expect(isIgnored(path, dockerignore), source).toBe(false);
      }
    }
  });

  test('the context keeps what the install and the services need, and leaves out caches and tests', () => {
    // A frozen install needs the package.json of every workspace package in the lockfile.
    expect(workspaceFolders().length).toBeGreaterThan(20);
    for (const folder of workspaceFolders()) expect(isIgnored(`${folder}/package.json`, dockerignore), folder).toBe(false);
    for (const service of readdirSync(join(root, 'services')).filter((name) => existsSync(join(root, 'services', name, 'src', 'main.ts')))) {
      expect(isIgnored(`services/${service}/src/main.ts`, dockerignore), service).toBe(false);
    }
    for (const path of ['packages/cli/src/main.ts', 'deploy/config/detection.json', 'patches/kafkajs@2.2.4.patch', 'pnpm-lock.yaml', '.npmrc']) {
      expect(isIgnored(path, dockerignore), path).toBe(false);
    }
    for (const path of [
      '.git/HEAD',
      '.tools/bin/pnpm',
      '.cache/kafka',
      'node_modules/kafkajs',
      'packages/cli/node_modules/x',
      'test/e2e/demo.test.ts',
      'packages/contracts/test/helpers.ts',
      'deploy/kafka/src/broker.test.ts',
    ]) {
      expect(isIgnored(path, dockerignore), path).toBe(true);
    }
  });
});
