// The chaos scenarios at test size on the test run's broker: a short stream, the same code as the
// command. Shared by the fast variants.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Prng } from '@churnwatch/simulator';
import { testBrokers, testKafka } from '@churnwatch/testkit';
import { type ChaosContext, parseChaosArgs } from '../src/index.ts';

/** `--quick` (the last 4 000 events of 20 customers' history); logs in a fresh temporary folder, named in a failure and removed by a test that passed. */
export function testContext(extraArgs: readonly string[] = []): ChaosContext {
  const config = parseChaosArgs(['--quick', ...extraArgs]);
  if (config === null) throw new Error('no configuration');
  const workDir = mkdtempSync(join(tmpdir(), 'churnwatch-chaos-test-'));
  return { config, kafka: testKafka(), bootstrap: testBrokers().join(','), workDir, random: Prng.create(config.seed, 2), say: () => {} };
}
