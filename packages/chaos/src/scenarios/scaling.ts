import type { Delivery } from '../report/alert-tally.ts';
import type { ScenarioSpec } from './live-run.ts';
import { sleep } from './pick.ts';

/**
 * 1 → 3 → 1 instances of every detection service while the stream runs: two more of each join
 * (their partitions move, with their state, through the changelogs), then the two newest of each
 * are stopped cleanly and their partitions move back.
 */
export function scalingScenario(delivery: Delivery): ScenarioSpec {
  return {
    scenario: 'scale-1-3-1',
    delivery,
    async disturb(run) {
      const { config } = run.context;
      const disturbances: string[] = [];
      await sleep(config.killGapMs[0]);
      const added = [];
      for (const service of run.services) added.push(await run.fleet.start(service), await run.fleet.start(service));
      disturbances.push(`${run.elapsed()}: 3 instances of each service (${added.length} started)`);
      await run.fleet.waitReady(added);
      disturbances.push(`${run.elapsed()}: all ${run.fleet.running().length} instances ready`);
      await Promise.all(added.map((instance) => run.fleet.stop(instance)));
      disturbances.push(`${run.elapsed()}: back to 1 instance of each service`);
      return { disturbances, extra: [['instances at the peak', String(run.services.length * 3)]] };
    },
  };
}
