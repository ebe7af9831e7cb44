import { LocalKafka } from '@churnwatch/local-kafka';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Comma-separated bootstrap servers of the broker this test run uses. */
    kafkaBrokers: string;
  }
}

/**
 * Starts one local broker for the whole run, unless KAFKA_BROKERS names one already running.
 * Vitest calls the returned teardown also when tests fail; the broker is additionally tied to
 * this process's life (see spawnJava), so an aborted run leaves nothing behind.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.KAFKA_BROKERS;
  if (external) {
    project.provide('kafkaBrokers', external);
    return async () => {};
  }
  const broker = await LocalKafka.start();
  process.stderr.write(`[testkit] Kafka ${broker.version} on ${broker.bootstrapServer}, up in ${broker.lastStartupMs} ms\n`);
  project.provide('kafkaBrokers', broker.bootstrapServer);
  return () => broker.dispose();
}
