import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from './free-port.ts';
import { ensureKafkaJars, javaClasspath, kafkaDeployDir, pinnedKafkaVersion } from './jars.ts';
import { runJava, spawnJava, stopProcess } from './java-process.ts';
import { singleNodeServerProperties } from './server-properties.ts';

export interface LocalKafkaOptions {
  /** Folder for the KRaft metadata, the partitions and the logs. Default: a new temporary folder, removed by `dispose()`. */
  readonly dataDir?: string;
  /** Client port on 127.0.0.1. Default: a free port. */
  readonly port?: number;
  readonly heapMb?: number;
  /** Extra server.properties entries, e.g. `{ 'log.segment.bytes': 1048576 }`. */
  readonly serverConfig?: Readonly<Record<string, string | number | boolean>>;
  readonly startTimeoutMs?: number;
}

/**
 * A single-node Apache Kafka (broker and KRaft controller in one JVM) listening on loopback.
 * `stop()` followed by `start()` restarts the same broker with its data, on the same port.
 */
export class LocalKafka {
  readonly dataDir: string;
  readonly port: number;
  readonly controllerPort: number;
  readonly version: string;
  /** Milliseconds from spawning the JVM until the broker answered metadata requests, for the last start. */
  lastStartupMs = 0;

  private readonly ownsDataDir: boolean;
  private readonly options: LocalKafkaOptions;
  private readonly libDir: string;
  private process: ChildProcess | undefined;

  private constructor(init: {
    dataDir: string;
    ownsDataDir: boolean;
    port: number;
    controllerPort: number;
    version: string;
    libDir: string;
    options: LocalKafkaOptions;
  }) {
    this.dataDir = init.dataDir;
    this.ownsDataDir = init.ownsDataDir;
    this.port = init.port;
    this.controllerPort = init.controllerPort;
    this.version = init.version;
    this.libDir = init.libDir;
    this.options = init.options;
  }

  /** Resolves the jars, formats the storage (first time only) and starts the broker. */
  static async start(options: LocalKafkaOptions = {}): Promise<LocalKafka> {
    const libDir = await ensureKafkaJars();
    const version = await pinnedKafkaVersion();
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'churnwatch-kafka-'));
    const port = options.port ?? (await freePort());
    let controllerPort = await freePort();
    while (controllerPort === port) controllerPort = await freePort();
    const broker = new LocalKafka({ dataDir, ownsDataDir: options.dataDir === undefined, port, controllerPort, version, libDir, options });
    await broker.start();
    return broker;
  }

  get bootstrapServer(): string {
    return `127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.process !== undefined && this.process.exitCode === null && this.process.signalCode === null;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  private get propertiesFile(): string {
    return join(this.dataDir, 'server.properties');
  }

  private get logsDir(): string {
    return join(this.dataDir, 'logs');
  }

  private jvmOptions(): string[] {
    const heapMb = this.options.heapMb ?? 1024;
    return [
      `-Xms${Math.min(256, heapMb)}m`,
      `-Xmx${heapMb}m`,
      '-XX:+UseG1GC',
      `-Dkafka.logs.dir=${this.logsDir}`,
      `-Dlog4j2.configurationFile=${join(kafkaDeployDir, 'log4j2.xml')}`,
    ];
  }

  private async format(): Promise<void> {
    const partitionsDir = join(this.dataDir, 'partitions');
    if (existsSync(join(partitionsDir, 'meta.properties'))) return;
    mkdirSync(this.logsDir, { recursive: true });
    writeFileSync(
      this.propertiesFile,
      singleNodeServerProperties({ port: this.port, controllerPort: this.controllerPort, logDir: partitionsDir, extra: this.options.serverConfig }),
    );
    const clusterId = newClusterId();
    const { code, output } = await runJava({
      classpath: javaClasspath(this.libDir),
      mainClass: 'kafka.tools.StorageTool',
      args: ['format', '--cluster-id', clusterId, '--config', this.propertiesFile],
      jvmOptions: this.jvmOptions(),
    });
    if (code !== 0) throw new Error(`formatting the KRaft storage in ${partitionsDir} failed (exit ${code}):\n${output}`);
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.format();
    const startedAt = performance.now();
    const child = spawnJava({
      classpath: javaClasspath(this.libDir),
      mainClass: 'kafka.Kafka',
      args: [this.propertiesFile],
      jvmOptions: this.jvmOptions(),
      outputFile: join(this.logsDir, 'stdout.log'),
    });
    this.process = child;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) =>
        reject(new Error(`the Kafka broker exited during start-up (code ${code}, signal ${signal}); see ${this.logsDir}/server.log:\n${this.tailOfLog()}`)),
      ),
    );
    exited.catch(() => {});
    try {
      await Promise.race([this.waitUntilAnswering(this.options.startTimeoutMs ?? 90_000), exited]);
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.lastStartupMs = Math.round(performance.now() - startedAt);
  }

  /** Stops the JVM cleanly (SIGTERM, then SIGKILL after `graceMs`); the data stays for a later `start()`. */
  async stop(graceMs = 30_000): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (child) await stopProcess(child, graceMs);
  }

  /** Kills the JVM at once, as a crash would. */
  async kill(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  }

  /** Stops the broker and removes its data folder if this object created it. */
  async dispose(): Promise<void> {
    await this.stop();
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async waitUntilAnswering(timeoutMs: number): Promise<void> {
    const kafka = new Kafka({
      clientId: 'local-kafka-probe',
      brokers: [this.bootstrapServer],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 1000,
    });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const admin = kafka.admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        if (cluster.brokers.length > 0) return;
      } catch {
        // not answering yet
      } finally {
        await admin.disconnect().catch(() => {});
      }
      if (Date.now() > deadline) throw new Error(`the Kafka broker did not answer on ${this.bootstrapServer} within ${timeoutMs} ms:\n${this.tailOfLog()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  private tailOfLog(lines = 30): string {
    for (const file of ['server.log', 'stdout.log']) {
      const path = join(this.logsDir, file);
      if (existsSync(path)) return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
    }
    return '(no log yet)';
  }
}

/**
 * A random cluster id as Kafka writes them (16 bytes, base64url). One that starts with "-" would be
 * read by the storage tool as an option ("--cluster-id: expected one argument"), so, as Kafka's
 * own Uuid.randomUuid does, such ids are drawn again.
 */
export function newClusterId(random: () => Buffer = () => randomBytes(16)): string {
  for (;;) {
    const id = random().toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
