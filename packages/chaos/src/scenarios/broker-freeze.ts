import { ChaosError } from '../errors.ts';
import { metricSum, scrapeMetrics } from '../pipeline/service-metrics.ts';
import type { Delivery } from '../report/alert-tally.ts';
import type { ScenarioSpec } from './live-run.ts';
import { sleep } from './pick.ts';

/**
 * The services' stall setting here: above their session timeout (6 s), well below the freeze, so
 * that every consumer waiting on the frozen broker is replaced while it lasts.
 */
export const BROKER_FREEZE_STALL_MS = 10_000;

/**
 * The broker frozen (SIGSTOP) once the stream is written, while the services still work through
 * it, for `config.brokerFrozenMs`, then thawed. Unlike a stop, nothing fails fast: every request
 * waits, heartbeats go unanswered, and kafkajs reports nothing. The services' watchdogs replace
 * their stalled consumers; nothing may be lost, and none may exit.
 */
export function brokerFreezeScenario(delivery: Delivery): ScenarioSpec {
  return {
    scenario: 'broker-freeze',
    delivery,
    env: { CHURNWATCH_CONSUMER_STALL_MS: String(BROKER_FREEZE_STALL_MS) },
    async disturb(run) {
      const { broker, config } = run.context;
      if (broker === undefined) throw new ChaosError('CHAOS_NO_BROKER', 'broker-freeze needs a broker of its own (the chaos command starts one)');
      await run.produced;
      const before = run.fleet.running().length;
      broker.freeze();
      const disturbances = [`${run.elapsed()}: broker frozen`];
      try {
        await sleep(config.brokerFrozenMs);
      } finally {
        broker.thaw();
      }
      disturbances.push(`${run.elapsed()}: broker thawed`);
      const survivors = run.fleet.running().length;
      const failures = survivors === before ? [] : [`${before - survivors} service process(es) exited while the broker was frozen`];
      return { disturbances, extra: [['broker frozen (s)', (config.brokerFrozenMs / 1000).toFixed(0)]], failures };
    },
    async afterSettled(run) {
      const replaced: string[] = [];
      for (const instance of run.fleet.running()) {
        const count = metricSum((await scrapeMetrics(instance.metricsPort)) ?? '', 'churnwatch_consumer_replacements_total');
        if (count > 0) replaced.push(`${instance.label} ${count}`);
      }
      return { extra: [['consumers replaced', replaced.length ? replaced.join(', ') : 'none']] };
    },
  };
}
