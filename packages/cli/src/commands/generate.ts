import { kafkaClientSecurity, parseKafkaSecurity } from '@churnwatch/connection-security';
import { runGenerate } from '@churnwatch/simulator';
import type { Command } from '../commands.ts';

/**
 * `./churnwatch generate`: seeded synthetic histories with ground truth (see
 * packages/simulator/README.md). The wall clock is read here, once, for `--start now…`.
 */
const generate: Command = {
  summary: 'seeded synthetic customer histories with ground truth, to JSON Lines or Kafka',
  async run(args) {
    const abort = new AbortController();
    const stop = () => abort.abort();
    process.once('SIGINT', stop);
    try {
      return await runGenerate(args, {
        stdout: process.stdout,
        stderr: process.stderr,
        startedAt: new Date().toISOString(),
        nowMs: () => performance.now(),
        signal: abort.signal,
        // CHURNWATCH_KAFKA_* as for the services; a bad setting is a ConfigError (exit 2, named).
        kafkaSecurity: kafkaClientSecurity(parseKafkaSecurity(process.env)),
      });
    } finally {
      process.off('SIGINT', stop);
    }
  },
};

export default generate;
