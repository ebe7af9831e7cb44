// docker-compose.yml is for users with Docker; no Docker engine runs where the tests run, so these
// checks keep it in step with the code: every command, file, setting and version it names.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig as loadAlertActionsConfig } from '@churnwatch/alert-actions/config';
import { commands } from '@churnwatch/cli/commands';
import { loadDetectionServiceConfig } from '@churnwatch/detection-service-kit';
import { loadConfig as loadNotifierConfig } from '@churnwatch/notifier/config';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  volumes?: string[];
  profiles?: string[];
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const services = Object.entries(compose.services);

/** The image's working directory is the repository root (see Dockerfile). */
const inImage = (path: string) => path.replace(/^\/app\//, '');
const serviceMain = (service: ComposeService) => service.command?.find((part) => /^services\/[^/]+\/src\/main\.ts$/.test(part));
/** Environment as the container sees it, with paths mounted or baked into the image mapped back to the repository. */
function hostEnvironment(service: ComposeService): Record<string, string> {
  const mounts = new Map((service.volumes ?? []).map((volume) => volume.split(':')).map(([host, container]) => [container, join(root, host ?? '')]));
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([name, value]) => {
      const text = String(value);
      return [name, mounts.get(text) ?? (text.startsWith('/app/') ? join(root, inImage(text)) : text)];
    }),
  );
}

describe('docker-compose.yml', () => {
  test('runs every service of services/ and only services that exist', () => {
    const mains = services.map(([, service]) => serviceMain(service)).filter((main): main is string => main !== undefined);
    for (const main of mains) expect(existsSync(join(root, main)), main).toBe(true);
    const onDisk = readdirSync(join(root, 'services')).filter((name) => existsSync(join(root, 'services', name, 'src', 'main.ts')));
    expect(mains.map((main) => main.split('/')[1]).sort()).toEqual(onDisk.sort());
  });

  test('uses only commands the CLI has', () => {
    for (const [name, service] of services) {
      const cli = service.command?.indexOf('packages/cli/src/main.ts') ?? -1;
      if (cli >= 0) expect(Object.keys(commands), name).toContain(service.command?.[cli + 1]);
    }
  });

  test('mounts files that exist', () => {
    for (const [name, service] of services) {
      for (const volume of service.volumes ?? []) {
        const host = volume.split(':')[0] ?? '';
        if (host.startsWith('.')) expect(existsSync(join(root, host)), `${name}: ${host}`).toBe(true);
      }
    }
  });

  test('gives every service a configuration it accepts', () => {
    for (const [name, service] of services) {
      const main = serviceMain(service);
      if (!main) continue;
      const env = hostEnvironment(service);
      if (name === 'notifier') expect(loadNotifierConfig(env).routes.length, name).toBeGreaterThan(0);
      else if (name === 'alert-actions') expect(loadAlertActionsConfig(env).brokers, name).toEqual(['kafka:9092']);
      else expect(loadDetectionServiceConfig({ service: name, inputs: [], outputs: [] }, env).runtime.kafkaBrokers, name).toEqual(['kafka:9092']);
    }
  });

  test('pins the broker to the Kafka version the local broker and the tests use', () => {
    const pinned = /<kafka\.version>([^<]+)</.exec(read('deploy/kafka/pom.xml'))?.[1];
    expect(compose.services.kafka?.image).toBe(`apache/kafka:${pinned}`);
  });

  test('builds an image with the Node major and the pnpm the project pins', () => {
    const dockerfile = read('Dockerfile');
    const nodeMajor = read('.node-version').trim().split('.')[0];
    const pnpm = (JSON.parse(read('package.json')) as { packageManager: string }).packageManager.replace('pnpm@', '');
    expect(dockerfile).toMatch(new RegExp(`^FROM node:${nodeMajor}-`, 'm'));
    expect(dockerfile).toContain(`pnpm@${pnpm}`);
  });

  test('has Prometheus scrape every service container on its metrics port', () => {
    const config = 'deploy/prometheus/prometheus.compose.yml';
    const check = spawnSync('promtool', ['check', 'config', '--syntax-only', config], { cwd: root, encoding: 'utf8' });
    expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
    const prometheus = parse(read(config)) as { scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[] };
    const scraped = prometheus.scrape_configs.flatMap((job) => job.static_configs.flatMap((targets) => targets.targets));
    const expected = services.filter(([, service]) => serviceMain(service)).map(([name, service]) => `${name}:${service.environment?.CHURNWATCH_METRICS_PORT}`);
    expect(scraped.sort()).toEqual(expected.sort());
  });
});
