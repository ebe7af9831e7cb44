import { ChaosError } from '../errors.ts';
import type { Delivery } from '../report/alert-tally.ts';
import type { ScenarioSpec } from './live-run.ts';
import { sleep } from './pick.ts';

/**
 * The broker stopped (cleanly) once the stream is written, while the services still work through
 * it, and started again `config.brokerDownMs` later; the services must ride it out without a restart.
 */
export function brokerRestartScenario(delivery: Delivery): ScenarioSpec {
  return {
    scenario: 'broker-restart',
    delivery,
    async disturb(run) {
      const { broker, config } = run.context;
      if (broker === undefined) throw new ChaosError('CHAOS_NO_BROKER', 'broker-restart needs a broker of its own (the chaos command starts one)');
      await run.produced;
      const before = run.fleet.running().length;
      await broker.stop();
      const disturbances = [`${run.elapsed()}: broker stopped`];
      await sleep(config.brokerDownMs);
      await broker.start();
      disturbances.push(`${run.elapsed()}: broker started again`);
      const survivors = run.fleet.running().length;
      const failures = survivors === before ? [] : [`${before - survivors} service process(es) exited while the broker was down`];
      return { disturbances, extra: [['broker down (s)', (config.brokerDownMs / 1000).toFixed(0)]], failures };
    },
  };
}
