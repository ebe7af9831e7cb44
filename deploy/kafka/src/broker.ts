import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ensureKafkaJars, javaClasspath, kafkaDeployDir, pinnedKafkaVersion } from './jars.ts';
import { freePort } from './jvm/free-port.ts';
import { runJava, spawnJava } from './jvm/java-process.ts';
import { defaultStartTimeoutMs, JvmServer } from './jvm/jvm-server.ts';
import { checkSecurity, type LocalKafkaSecurity, scramFormatArguments, securedListenerProperties } from './secured-listeners.ts';
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
  /** SASL_SSL listeners and their users (see LocalKafkaSecurity); plaintext only without. */
  readonly security?: LocalKafkaSecurity;
}

/** A distinct free port for every name. */
async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/**
 * A single-node Apache Kafka (broker and KRaft controller in one JVM) listening on loopback.
 * `stop()` followed by `start()` restarts the same broker with its data, on the same ports.
 */
export class LocalKafka {
  readonly dataDir: string;
  readonly port: number;
  readonly controllerPort: number;
  readonly version: string;

  private readonly ownsDataDir: boolean;
  private readonly options: LocalKafkaOptions;
  private readonly libDir: string;
  private readonly securedPorts: ReadonlyMap<string, number>;
  private readonly server: JvmServer;

  private constructor(init: {
    dataDir: string;
    ownsDataDir: boolean;
    port: number;
    controllerPort: number;
    securedPorts: ReadonlyMap<string, number>;
    version: string;
    libDir: string;
    options: LocalKafkaOptions;
  }) {
    this.dataDir = init.dataDir;
    this.ownsDataDir = init.ownsDataDir;
    this.port = init.port;
    this.controllerPort = init.controllerPort;
    this.securedPorts = init.securedPorts;
    this.version = init.version;
    this.libDir = init.libDir;
    this.options = init.options;
    this.server = new JvmServer({
      name: 'the Kafka broker',
      address: this.bootstrapServer,
      logFiles: [join(this.logsDir, 'server.log'), join(this.logsDir, 'stdout.log')],
      spawn: () =>
        spawnJava({
          classpath: javaClasspath(this.libDir),
          mainClass: 'kafka.Kafka',
          args: [this.propertiesFile],
          jvmOptions: this.jvmOptions(),
          outputFile: join(this.logsDir, 'stdout.log'),
        }),
      answers: () => this.answers(),
    });
  }

  /** Resolves the jars, formats the storage (first time only) and starts the broker. */
  static async start(options: LocalKafkaOptions = {}): Promise<LocalKafka> {
    if (options.security) checkSecurity(options.security);
    const libDir = await ensureKafkaJars();
    const version = await pinnedKafkaVersion();
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'churnwatch-kafka-'));
    const names = options.security?.listeners.map((listener) => listener.name) ?? [];
    let ports = await freePorts(names.length + 2);
    while (options.port !== undefined && ports.includes(options.port)) ports = await freePorts(names.length + 2);
    const [port, controllerPort, ...securedPorts] = [options.port ?? ports[0]!, ...ports.slice(1)] as [number, number, ...number[]];
    const broker = new LocalKafka({
      dataDir,
      ownsDataDir: options.dataDir === undefined,
      port,
      controllerPort,
      securedPorts: new Map(names.map((name, i) => [name, securedPorts[i]!])),
      version,
      libDir,
      options,
    });
    await broker.start();
    return broker;
  }

  /** The plaintext listener. */
  get bootstrapServer(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** host:port of a SASL_SSL listener by its name (see LocalKafkaSecurity). */
  securedBootstrapServer(name = 'SASL_SSL'): string {
    const port = this.securedPorts.get(name);
    if (port === undefined) throw new Error(`the broker has no secured listener named ${name}`);
    return `127.0.0.1:${port}`;
  }

  /** Milliseconds from spawning the JVM until the broker answered metadata requests, for the last start. */
  get lastStartupMs(): number {
    return this.server.lastStartupMs;
  }

  get running(): boolean {
    return this.server.running;
  }

  get pid(): number | undefined {
    return this.server.pid;
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
    const security = this.options.security;
    writeFileSync(
      this.propertiesFile,
      singleNodeServerProperties({
        port: this.port,
        controllerPort: this.controllerPort,
        logDir: partitionsDir,
        securedListeners: [...this.securedPorts].map(([name, port]) => ({ name, port })),
        extra: { ...(security ? securedListenerProperties(security) : {}), ...this.options.serverConfig },
      }),
      // The file holds the keystore and PLAIN passwords.
      { mode: 0o600 },
    );
    const clusterId = newClusterId();
    const { code, output } = await runJava({
      classpath: javaClasspath(this.libDir),
      mainClass: 'kafka.tools.StorageTool',
      args: ['format', '--cluster-id', clusterId, '--config', this.propertiesFile, ...scramFormatArguments(security?.users ?? [])],
      jvmOptions: this.jvmOptions(),
    });
    if (code !== 0) throw new Error(`formatting the KRaft storage in ${partitionsDir} failed (exit ${code}):\n${output}`);
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.format();
    await this.server.start(this.options.startTimeoutMs ?? defaultStartTimeoutMs);
  }

  /**
   * Freezes the JVM (SIGSTOP) until `thaw()`: connections stay open and no request is answered, as
   * with a broker in a long pause or behind a network that drops packets.
   */
  freeze(): void {
    this.signal('SIGSTOP');
  }

  thaw(): void {
    this.signal('SIGCONT');
  }

  private signal(signal: NodeJS.Signals): void {
    const { pid } = this;
    if (pid === undefined || !this.running) throw new Error(`the Kafka broker is not running (${signal})`);
    process.kill(pid, signal);
  }

  /** Stops the JVM cleanly (SIGTERM, then SIGKILL after `graceMs`); the data stays for a later `start()`. */
  stop(graceMs = 30_000): Promise<void> {
    return this.server.stop(graceMs);
  }

  /** Kills the JVM at once, as a crash would. */
  kill(): Promise<void> {
    return this.server.kill();
  }

  /** Stops the broker and removes its data folder if this object created it. */
  async dispose(): Promise<void> {
    await this.stop();
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** One metadata request on the plaintext listener, bounded by kafkajs' 1 s connection timeout. */
  private async answers(): Promise<boolean> {
    const kafka = new Kafka({
      clientId: 'local-kafka-probe',
      brokers: [this.bootstrapServer],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 1000,
    });
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return cluster.brokers.length > 0;
    } finally {
      await admin.disconnect().catch(() => {});
    }
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
