import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { LocalKafka } from '@churnwatch/local-kafka';
import { Kafka, logLevel } from 'kafkajs';
import { type BenchConfig, repoRoot, type ScenarioName } from './config.ts';
import { describeMachine } from './machine.ts';
import { computeRatios } from './report/ratios.ts';
import { type BenchResults, createResultLog } from './report/results.ts';
import { writeResults } from './report/write-results.ts';
import { runLatency } from './scenarios/alert-latency.ts';
import type { BenchContext } from './scenarios/context.ts';
import { runPipeline } from './scenarios/detection-pipeline.ts';
import { runReplayCurve } from './scenarios/replay-curve.ts';
import { runStateFootprint } from './scenarios/state-footprint.ts';
import { runThroughput } from './scenarios/throughput.ts';

const scenarios: Readonly<Record<ScenarioName, (context: BenchContext) => Promise<void>>> = {
  throughput: runThroughput,
  pipeline: runPipeline,
  replay: runReplayCurve,
  latency: runLatency,
  state: runStateFootprint,
};

export interface BenchRunOutcome {
  readonly results: BenchResults;
  readonly files: readonly string[];
  /** Scenarios that threw: their rows are missing, the run went on. */
  readonly failures: readonly string[];
}

/**
 * One run: one local broker, every scenario not skipped, one after another (they share two cores,
 * so none runs beside another), then the results files. A scenario that fails is reported and
 * listed; the others still run.
 */
export async function runBench(config: BenchConfig, say: (line: string) => void): Promise<BenchRunOutcome> {
  const started = new Date();
  const broker = await LocalKafka.start();
  const workDir = await mkdtemp(join(tmpdir(), 'churnwatch-bench-'));
  const log = createResultLog(say);
  const failures: string[] = [];
  try {
    say(`Kafka ${broker.version} on ${broker.bootstrapServer} (started in ${broker.lastStartupMs} ms)`);
    const machine = await describeMachine(broker.version);
    // Written after every scenario too: a long run that is stopped keeps what it measured.
    const resultsSoFar = (pending: readonly string[]): BenchResults => {
      const now = new Date();
      return {
        startedAt: started.toISOString(),
        finishedAt: now.toISOString(),
        elapsedSeconds: (now.getTime() - started.getTime()) / 1000,
        // Paths relative to the repository: the results are meant to be shared and committed.
        config: {
          ...config,
          outDir: relative(repoRoot, config.outDir),
          peerDir: relative(repoRoot, config.peerDir),
          peerBuildDir: relative(repoRoot, config.peerBuildDir),
        },
        machine,
        rows: log.rows,
        ratios: computeRatios(log.rows, config),
        skipped: [...log.skipped, ...pending.map((what) => ({ what, why: 'not reached: the run stopped before it' }))],
      };
    };
    const kafka = new Kafka({ clientId: 'churnwatch-bench', brokers: [broker.bootstrapServer], logLevel: logLevel.NOTHING });
    const context: BenchContext = { config, kafka, bootstrap: broker.bootstrapServer, log, say, workDir };
    const names = Object.keys(scenarios);
    for (const [index, [name, scenario]] of Object.entries(scenarios).entries()) {
      if (config.skip.includes(name as ScenarioName)) {
        log.skip(name, 'left out with --skip');
        continue;
      }
      say(`\n${name}`);
      try {
        await scenario(context);
      } catch (error) {
        failures.push(name);
        process.stderr.write(`${name} failed: ${(error as Error).stack ?? error}\n`);
        log.skip(name, `failed: ${(error as Error).message}`);
      }
      await writeResults(config.outDir, resultsSoFar(names.slice(index + 1).filter((next) => !config.skip.includes(next as ScenarioName))));
    }
    const results = resultsSoFar([]);
    const files = await writeResults(config.outDir, results);
    return { results, files, failures };
  } finally {
    await rm(workDir, { recursive: true, force: true });
    await broker.dispose();
  }
}
