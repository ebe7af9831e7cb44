import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePortRun, spawnTiedToParent } from '@churnwatch/local-kafka';
import { repoRoot } from '../config.ts';
import { BenchError } from '../errors.ts';
import { waitUntil } from '../kafka/wait.ts';

export interface BenchService {
  readonly name: string;
  readonly metricsPort: number;
  readonly process: ChildProcess;
}

async function isReady(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/readyz`)).ok;
  } catch {
    return false;
  }
}

/**
 * Starts `services/<name>/src/main.ts` for each name, as they run in production (one process
 * each), with `env` plus the broker, its own application id and metrics port; logs go to `<logDir>/<name>.log`.
 * Resolves once every one answers /readyz.
 */
export async function startServices(
  bootstrap: string,
  names: readonly string[],
  env: Record<string, string>,
  prefix: string,
  logDir: string,
): Promise<BenchService[]> {
  const services: BenchService[] = [];
  for (const name of names) {
    // Below the ephemeral range: a port listen(0) found free can be a client connection's before the service binds it.
    const metricsPort = await freePortRun(1);
    const log = openSync(join(logDir, `${prefix}-${name}.log`), 'a');
    try {
      const child = spawnTiedToParent(process.execPath, [join(repoRoot, 'services', name, 'src', 'main.ts')], {
        env: {
          ...process.env,
          ...env,
          CHURNWATCH_KAFKA_BROKERS: bootstrap,
          CHURNWATCH_APPLICATION_ID: `${prefix}.${name}`,
          CHURNWATCH_METRICS_PORT: String(metricsPort),
          CHURNWATCH_LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', log, log],
      });
      services.push({ name, metricsPort, process: child });
    } finally {
      closeSync(log);
    }
  }
  try {
    await waitUntil(
      async () => {
        const exited = services.find((service) => service.process.exitCode !== null);
        if (exited) {
          const log = readFileSync(join(logDir, `${prefix}-${exited.name}.log`), 'utf8').slice(-1500);
          throw new BenchError('BENCH_SERVICE_EXITED', `${exited.name} exited with ${exited.process.exitCode}: ${log}`, { service: exited.name });
        }
        return (await Promise.all(services.map((service) => isReady(service.metricsPort)))).every(Boolean);
      },
      120_000,
      'the services to be ready',
    );
  } catch (error) {
    await stopServices(services);
    throw error;
  }
  return services;
}

/** SIGTERM to each, SIGKILL after 15 s. */
export async function stopServices(services: readonly BenchService[]): Promise<void> {
  await Promise.all(
    services.map(
      ({ process: child }) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(killer);
            done();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}
