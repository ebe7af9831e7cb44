import { readFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { ChurnwatchError, ConfigError, openOutputFile } from '@churnwatch/errors';
import { Kafka, type KafkaConfig, logLevel } from 'kafkajs';
import { resolveStartDate } from '../config/start-date.ts';
import { produceEvents } from '../kafka/produce-events.ts';
import { eventToJsonLine, outcomeToJsonLine, writeJsonLines } from '../output/jsonl.ts';
import { createEventTally, formatSummary, tallied } from '../output/summary.ts';
import { createSimulation, type Simulation } from '../simulation.ts';
import { type GenerateRequest, generateHelp, parseGenerateArgs } from './generate-args.ts';

export interface GenerateIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** The wall clock when the command started (ISO instant, UTC), for `--start now…` and `--until now`. */
  readonly startedAt: string;
  /** A monotonic clock in ms, for the throughput figures. */
  readonly nowMs: () => number;
  /** Aborting stops producing to Kafka after the batch in flight. */
  readonly signal?: AbortSignal;
  /** TLS and SASL for `--to-kafka` (kafkajs `ssl` and `sasl`, see @churnwatch/connection-security); plaintext without. */
  readonly kafkaSecurity?: Pick<KafkaConfig, 'ssl' | 'sasl'>;
}

/** `./churnwatch generate`: returns the exit code (0 ok, 1 failed, 2 bad arguments or options). */
export async function runGenerate(args: readonly string[], io: GenerateIo): Promise<number> {
  const say = (text: string) => io.stderr.write(`${text}\n`);
  try {
    const request = parseGenerateArgs(args);
    if (request.help) {
      io.stdout.write(`${generateHelp}\n`);
      return 0;
    }
    const simulation = createSimulation(await simulationInput(request, io.startedAt));
    const { options } = simulation;
    const until = options.notAfter ? `, until ${options.notAfter}` : '';
    say(`generate: seed ${options.seed}, ${options.customers} customers, ${options.days} days from ${options.startDate}${until}`);
    if (request.outcomes) await writeTo(request.outcomes, io.stdout, (out) => writeJsonLines(simulation.outcomes, outcomeToJsonLine, out));
    const tally = createEventTally();
    if (request.out) {
      const startedMs = io.nowMs();
      const written = await writeTo(request.out, io.stdout, (out) => writeJsonLines(tallied(simulation.events(), tally), eventToJsonLine, out));
      say(`wrote ${written} events to ${request.out} in ${seconds(io.nowMs() - startedMs)} s (${perSecond(written, io.nowMs() - startedMs)} events/s)`);
    }
    if (request.brokers) await produce(simulation, request, request.brokers, request.out ? undefined : tally, io);
    say(formatSummary(simulation.outcomes, tally));
    return 0;
  } catch (error) {
    // A reader that stops early (`… --out - | head`) is not a failure.
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0;
    if (!(error instanceof ChurnwatchError)) throw error;
    say(error.message);
    return error instanceof ConfigError ? 2 : 1;
  }
}

async function simulationInput(request: GenerateRequest, startedAt: string): Promise<Record<string, unknown>> {
  let file: Record<string, unknown> = {};
  if (request.configPath) {
    try {
      file = JSON.parse(await readFile(request.configPath, 'utf8'));
    } catch (error) {
      throw new ConfigError(request.configPath, [`cannot read it as JSON: ${(error as Error).message}`]);
    }
  }
  const start = request.start ?? file.startDate;
  return {
    ...file,
    ...request.overrides,
    ...(typeof start === 'string' ? { startDate: resolveStartDate(start, startedAt.slice(0, 10)) } : {}),
    ...(request.until ? { notAfter: request.until === 'now' ? startedAt : request.until } : {}),
  };
}

/** Runs `write` against a file (created, then closed) or standard output (`-`, left open). */
async function writeTo<T>(path: string, stdout: Writable, write: (out: Writable) => Promise<T>): Promise<T> {
  if (path === '-') return write(stdout);
  // A deep buffer lets generation run on while the disk catches up.
  const file = await openOutputFile(path, { highWaterMark: 1 << 22 });
  const result = await write(file.stream);
  await file.close();
  return result;
}

async function produce(
  simulation: Simulation,
  request: GenerateRequest,
  brokers: readonly string[],
  tally: ReturnType<typeof createEventTally> | undefined,
  io: GenerateIo,
) {
  const kafka = new Kafka({
    clientId: 'churnwatch-generate',
    brokers: [...brokers],
    logLevel: logLevel.ERROR,
    logCreator: () => (entry) => io.stderr.write(`kafka: ${entry.log.message}\n`),
    ...io.kafkaSecurity,
  });
  const startedMs = io.nowMs();
  let reportedMs = startedMs;
  const result = await produceEvents({
    kafka,
    events: tally ? tallied(simulation.events(), tally) : simulation.events(),
    topics: request.topics,
    ...(request.eventsPerSecond ? { eventsPerSecond: request.eventsPerSecond } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
    onProgress: (sent) => {
      if (io.nowMs() - reportedMs < 5000) return;
      reportedMs = io.nowMs();
      io.stderr.write(`produced ${sent} events (${perSecond(sent, reportedMs - startedMs)} events/s)\n`);
    },
  });
  const elapsedMs = io.nowMs() - startedMs;
  const topics = Object.entries(result.perTopic).map(([topic, count]) => `${topic} ${count}`);
  io.stderr.write(`produced ${result.sent} events in ${seconds(elapsedMs)} s (${perSecond(result.sent, elapsedMs)} events/s): ${topics.join(', ')}\n`);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

function perSecond(count: number, ms: number): number {
  return ms > 0 ? Math.round((count * 1000) / ms) : count;
}
