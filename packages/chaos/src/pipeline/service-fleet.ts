import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePortRun, spawnTiedToParent, stopProcess } from '@churnwatch/local-kafka';
import { ChaosError } from '../errors.ts';
import { isReady } from './service-metrics.ts';

const servicesDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'services');

/** One running process of a detection service; instances of one service share its consumer group. */
export interface ServiceInstance {
  readonly service: string;
  /** `<service>#<n>`, n counting every start of that service in this fleet. */
  readonly label: string;
  readonly metricsPort: number;
  readonly logFile: string;
  readonly process: ChildProcess;
  /** The inspector's port, when the fleet opens one (`inspect`): see inspector-gc.ts. */
  readonly inspectPort?: number;
}

export interface FleetOptions {
  /** Prefix of every application id: `<run>.<service>`. */
  readonly run: string;
  /** Variables every instance gets (broker, topics, delivery, timings). */
  readonly env: Readonly<Record<string, string>>;
  readonly logDir: string;
  /** Opens the inspector of every instance on a free loopback port, so a soak can force collections. */
  readonly inspect?: boolean;
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/**
 * The detection services of one scenario as real processes (`services/<name>/src/main.ts`, as in
 * production), started, killed, paused and stopped on demand. Every instance is remembered, so
 * `stopAll` leaves nothing running.
 */
export class ServiceFleet {
  readonly #options: FleetOptions;
  readonly #all: ServiceInstance[] = [];
  readonly #starts = new Map<string, number>();

  constructor(options: FleetOptions) {
    this.#options = options;
  }

  applicationId(service: string): string {
    return `${this.#options.run}.${service}`;
  }

  /** Instances still running, in start order. */
  running(service?: string): ServiceInstance[] {
    return this.#all.filter((instance) => !exited(instance.process) && (service === undefined || instance.service === service));
  }

  /** `env` adds variables for this instance only (a notifier's routes, say). */
  async start(service: string, env: Readonly<Record<string, string>> = {}): Promise<ServiceInstance> {
    const n = (this.#starts.get(service) ?? 0) + 1;
    this.#starts.set(service, n);
    // Below the ephemeral range: a port listen(0) found free can be a client connection's before the service binds it.
    const metricsPort = await freePortRun(1);
    const inspectPort = this.#options.inspect === true ? await freePortRun(1) : undefined;
    const label = `${service}#${n}`;
    const logFile = join(this.#options.logDir, `${service}-${n}.log`);
    const log = openSync(logFile, 'a');
    try {
      const main = join(servicesDir, service, 'src', 'main.ts');
      const child = spawnTiedToParent(process.execPath, inspectPort === undefined ? [main] : [`--inspect=127.0.0.1:${inspectPort}`, main], {
        env: {
          ...process.env,
          ...this.#options.env,
          ...env,
          CHURNWATCH_APPLICATION_ID: this.applicationId(service),
          CHURNWATCH_METRICS_PORT: String(metricsPort),
        },
        stdio: ['ignore', log, log],
      });
      const instance = { service, label, metricsPort, logFile, process: child, ...(inspectPort === undefined ? {} : { inspectPort }) };
      this.#all.push(instance);
      return instance;
    } finally {
      closeSync(log);
    }
  }

  /** Resolves once every instance answers /readyz; throws with its log's tail if one exits first. */
  async waitReady(instances: readonly ServiceInstance[], timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const dead = instances.find((instance) => exited(instance.process));
      if (dead)
        throw new ChaosError('CHAOS_SERVICE_EXITED', `${dead.label} exited before it was ready:\n${logTail(dead)}`, { context: { service: dead.label } });
      const ready = await Promise.all(instances.map((instance) => isReady(instance.metricsPort)));
      if (ready.every(Boolean)) return;
      if (Date.now() > deadline) {
        const late = instances.filter((_, i) => !ready[i]).map((instance) => instance.label);
        throw new ChaosError('CHAOS_SERVICE_NOT_READY', `not ready after ${timeoutMs} ms: ${late.join(', ')}`, { context: { services: late } });
      }
      await new Promise((done) => setTimeout(done, 250));
    }
  }

  /** kill -9: no shutdown hook runs, nothing is flushed or committed. Resolves once it is gone. */
  killHard(instance: ServiceInstance): Promise<void> {
    if (exited(instance.process)) return Promise.resolve();
    const gone = new Promise<void>((done) => instance.process.once('exit', () => done()));
    instance.process.kill('SIGKILL');
    return gone;
  }

  /** SIGSTOP / SIGCONT: the process is frozen (no heartbeat, no I/O) and later goes on where it was. */
  pause(instance: ServiceInstance): void {
    instance.process.kill('SIGSTOP');
  }

  resume(instance: ServiceInstance): void {
    instance.process.kill('SIGCONT');
  }

  /** SIGTERM (a clean shutdown: last commit, leave the group), SIGKILL after `graceMs`. */
  stop(instance: ServiceInstance, graceMs = 20_000): Promise<void> {
    return stopProcess(instance.process, graceMs);
  }

  async stopAll(): Promise<void> {
    // A paused process cannot handle SIGTERM until it runs again.
    for (const instance of this.running()) instance.process.kill('SIGCONT');
    await Promise.all(this.running().map((instance) => this.stop(instance)));
  }
}

/** The last lines of an instance's log, for error messages. */
export function logTail(instance: ServiceInstance, lines = 20): string {
  try {
    return readFileSync(instance.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
