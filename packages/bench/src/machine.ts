import { execFile } from 'node:child_process';
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What the figures were measured on: ratios are judged, the absolute numbers need this context. */
export interface MachineDescription {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly freeMemoryGiB: number;
  /** 1-minute load average when the run started: a shared machine's noise shows here. */
  readonly loadAverage: number;
  readonly kernel: string;
  readonly node: string;
  readonly java: string;
  readonly kafka: string;
}

async function javaVersion(): Promise<string> {
  try {
    const { stderr, stdout } = await run('java', ['-version']);
    return (stderr || stdout).split('\n')[0]?.trim() ?? 'unknown';
  } catch {
    return 'not found';
  }
}

export async function describeMachine(kafkaVersion: string): Promise<MachineDescription> {
  const gib = (bytes: number) => Math.round((bytes / 1024 ** 3) * 10) / 10;
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: gib(totalmem()),
    freeMemoryGiB: gib(freemem()),
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    kernel: release(),
    node: process.version,
    java: await javaVersion(),
    kafka: kafkaVersion,
  };
}
