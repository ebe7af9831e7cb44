import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalKafka } from '@churnwatch/local-kafka';
import { Prng } from '@churnwatch/simulator';
import { Kafka, logLevel } from 'kafkajs';
import type { ChaosConfig } from './config.ts';
import { renderScenarioTable } from './report/render-table.ts';
import type { ScenarioResult } from './report/scenario-result.ts';
import { scenarioCatalogue } from './scenarios/catalogue.ts';
import type { ChaosContext } from './scenarios/chaos-context.ts';
import { runScenario } from './scenarios/live-run.ts';

export interface ChaosRunOutcome {
  readonly results: readonly ScenarioResult[];
  /** Scenarios that could not run to their end, with why. */
  readonly errors: readonly string[];
  /** The services' logs and the events files; kept when something failed or when asked. */
  readonly workDir: string;
}

/**
 * One run: one local broker of its own (so broker-restart may stop it), then every scenario in
 * every delivery mode, one after another (they share the machine), each table printed as soon as
 * its scenario is done.
 */
export async function runChaos(config: ChaosConfig, say: (line: string) => void): Promise<ChaosRunOutcome> {
  // --work-dir may name a folder that does not exist yet.
  await mkdir(config.workDir, { recursive: true });
  const workDir = await mkdtemp(join(config.workDir, 'churnwatch-chaos-'));
  const broker = await LocalKafka.start();
  const results: ScenarioResult[] = [];
  const errors: string[] = [];
  try {
    say(`Kafka ${broker.version} on ${broker.bootstrapServer}; logs in ${workDir}`);
    const kafka = new Kafka({ clientId: 'churnwatch-chaos', brokers: [broker.bootstrapServer], logLevel: logLevel.NOTHING });
    const context: ChaosContext = { config, kafka, bootstrap: broker.bootstrapServer, broker, workDir, random: Prng.create(config.seed, 1), say };
    for (const name of config.scenarios) {
      for (const delivery of config.deliveries) {
        say(`\n${name} (${delivery}) …`);
        try {
          const result = await runScenario(context, scenarioCatalogue[name](delivery));
          results.push(result);
          say(renderScenarioTable(result));
        } catch (error) {
          errors.push(`${name} (${delivery}): ${(error as Error).message}`);
          say(`  ERROR: ${(error as Error).stack ?? error}`);
        }
      }
    }
    return { results, errors, workDir };
  } finally {
    await broker.dispose();
    const passed = errors.length === 0 && results.every((result) => result.failures.length === 0);
    if (passed && !config.keepLogs) await rm(workDir, { recursive: true, force: true });
  }
}
