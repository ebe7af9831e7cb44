import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { stopProcess } from './java-process.ts';

/**
 * How long a JVM server may take to answer by default. About 20 s on an idle 2-core machine, but
 * several minutes when that machine runs a few test suites at once: a slow start is not a failure.
 */
export const defaultStartTimeoutMs = 240_000;

export interface JvmServerSpec {
  /** For messages: "the Kafka broker", "Apicurio Registry". */
  readonly name: string;
  /** Starts the JVM (tied to this process, its output appended to a log file). */
  spawn(): ChildProcess;
  /** One bounded check whether the server answers; false or a throw means not yet. */
  answers(): Promise<boolean>;
  /** Log files to show the end of when start-up fails, the first that exists. */
  readonly logFiles: readonly string[];
  /** Where the address is shown in a timeout message. */
  readonly address: string;
  readonly pollIntervalMs?: number;
}

/**
 * The life cycle every local JVM server shares (Kafka broker, schema registry): spawn, wait until it
 * answers or exits or a deadline passes (then stop it and say why with the end of its log), stop
 * with SIGTERM then SIGKILL, kill as a crash would.
 */
export class JvmServer {
  /** Milliseconds from spawning the JVM until it answered, for the last start. */
  lastStartupMs = 0;
  private process: ChildProcess | undefined;
  private readonly spec: JvmServerSpec;

  constructor(spec: JvmServerSpec) {
    this.spec = spec;
  }

  get running(): boolean {
    return this.process !== undefined && this.process.exitCode === null && this.process.signalCode === null;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  async start(timeoutMs: number): Promise<void> {
    if (this.running) return;
    const startedAt = performance.now();
    const child = this.spec.spawn();
    this.process = child;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) =>
        reject(new Error(`${this.spec.name} exited during start-up (code ${code}, signal ${signal}):\n${this.tailOfLog()}`)),
      ),
    );
    exited.catch(() => {});
    try {
      await Promise.race([this.waitUntilAnswering(child, timeoutMs), exited]);
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.lastStartupMs = Math.round(performance.now() - startedAt);
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the JVM is gone. */
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

  tailOfLog(lines = 30): string {
    for (const path of this.spec.logFiles) {
      if (existsSync(path)) return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
    }
    return '(no log yet)';
  }

  private async waitUntilAnswering(child: ChildProcess, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // Stops asking once the JVM is gone: the exit is reported instead.
    while (child.exitCode === null && child.signalCode === null) {
      if (await this.spec.answers().catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`${this.spec.name} did not answer on ${this.spec.address} within ${timeoutMs} ms:\n${this.tailOfLog()}`);
      await new Promise((resolve) => setTimeout(resolve, this.spec.pollIntervalMs ?? 200));
    }
    await new Promise(() => {});
  }
}
