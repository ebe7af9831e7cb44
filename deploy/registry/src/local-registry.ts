import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultStartTimeoutMs, freePort, JvmServer, spawnTiedToParent } from '@churnwatch/local-kafka';
import { ensureApicurio, pinnedApicurioVersion } from './distribution.ts';

export interface LocalRegistryOptions {
  /** Folder for the registry's H2 database and log. Default: a new temporary folder, removed by `dispose()`. */
  readonly dataDir?: string;
  /** HTTP port on 127.0.0.1. Default: a free port. */
  readonly port?: number;
  readonly heapMb?: number;
  readonly startTimeoutMs?: number;
}

/** Where the Confluent-compatible API lives below the registry's root. */
export const CCOMPAT_PATH = '/apis/ccompat/v7';

/**
 * Apicurio Registry on loopback, storing its schemas in an H2 file database so that `stop()`
 * followed by `start()` (same port, same data) behaves like a registry outage and recovery.
 * The JVM gets SIGTERM when the process that started it dies (setpriv --pdeathsig).
 */
export class LocalRegistry {
  readonly dataDir: string;
  readonly port: number;
  readonly version: string;

  private readonly ownsDataDir: boolean;
  private readonly options: LocalRegistryOptions;
  private readonly runnerJar: string;
  private readonly server: JvmServer;

  private constructor(init: { dataDir: string; ownsDataDir: boolean; port: number; version: string; runnerJar: string; options: LocalRegistryOptions }) {
    this.dataDir = init.dataDir;
    this.ownsDataDir = init.ownsDataDir;
    this.port = init.port;
    this.version = init.version;
    this.runnerJar = init.runnerJar;
    this.options = init.options;
    this.server = new JvmServer({
      name: 'Apicurio Registry',
      address: this.url,
      logFiles: [this.logFile],
      pollIntervalMs: 150,
      spawn: () => this.spawn(),
      answers: async () => (await fetch(`${this.url}/subjects`, { signal: AbortSignal.timeout(1000) })).ok,
    });
  }

  static async start(options: LocalRegistryOptions = {}): Promise<LocalRegistry> {
    const runnerJar = await ensureApicurio();
    const version = await pinnedApicurioVersion();
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'churnwatch-registry-'));
    const port = options.port ?? (await freePort());
    const registry = new LocalRegistry({ dataDir, ownsDataDir: options.dataDir === undefined, port, version, runnerJar, options });
    await registry.start();
    return registry;
  }

  /** Root URL, e.g. http://127.0.0.1:41234. */
  get rootUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Base URL of the Confluent-compatible REST API: what Confluent clients take as their host. */
  get url(): string {
    return `${this.rootUrl}${CCOMPAT_PATH}`;
  }

  /** Milliseconds from spawning the JVM until the Confluent API answered, for the last start. */
  get lastStartupMs(): number {
    return this.server.lastStartupMs;
  }

  get running(): boolean {
    return this.server.running;
  }

  private get logFile(): string {
    return join(this.dataDir, 'registry.log');
  }

  private spawn() {
    const heapMb = this.options.heapMb ?? 384;
    const javaArgs = [
      `-Xmx${heapMb}m`,
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      `-Dquarkus.http.host=127.0.0.1`,
      `-Dquarkus.http.port=${this.port}`,
      // A file database instead of the default in-memory one: schemas survive a restart.
      `-Dapicurio.datasource.url=jdbc:h2:file:${join(this.dataDir, 'registry')}`,
      '-Dquarkus.log.level=WARN',
      '-Dquarkus.http.access-log.enabled=false',
      '-jar',
      this.runnerJar,
    ];
    const child = spawnTiedToParent('java', javaArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    return child;
  }

  async start(): Promise<void> {
    if (this.running) return;
    mkdirSync(this.dataDir, { recursive: true });
    await this.server.start(this.options.startTimeoutMs ?? defaultStartTimeoutMs);
  }

  /** Stops the JVM (SIGTERM, then SIGKILL after `graceMs`) and keeps the data. */
  stop(graceMs = 10_000): Promise<void> {
    return this.server.stop(graceMs);
  }

  /** Stops the registry and removes its data folder when `start()` created it. */
  async dispose(): Promise<void> {
    await this.stop();
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}
