import { metricSum, scrapeMetrics } from '../pipeline/service-metrics.ts';
import type { Delivery } from '../report/alert-tally.ts';
import type { ScenarioSpec } from './live-run.ts';
import { sleep } from './pick.ts';

/** The service frozen: it writes the alerts, so a late write of its would show as a duplicate. */
const zombieService = 'risk-scorer';

/**
 * A zombie: a second risk scorer joins, then the first is frozen with SIGSTOP for longer than the
 * session timeout while the stream runs. The group gives its partitions to the second, which
 * (exactly-once) re-initialises the per-partition transactional ids, restores and commits. Then the
 * zombie gets SIGCONT and carries on with what it held: its writes must be refused (fenced), which
 * it counts as failed deliveries (aborted transactions) before it rejoins the group.
 */
export function zombieScenario(delivery: Delivery): ScenarioSpec {
  return {
    scenario: 'zombie',
    delivery,
    async disturb(run) {
      const { config } = run.context;
      const [zombie] = run.fleet.running(zombieService);
      if (zombie === undefined) throw new Error(`no ${zombieService} running`);
      const successor = await run.fleet.start(zombieService);
      await run.fleet.waitReady([successor]);
      const disturbances = [`${run.elapsed()}: ${successor.label} joined ${zombie.label}`];
      await sleep(config.killGapMs[0]);
      const failedBefore = metricSum((await scrapeMetrics(zombie.metricsPort)) ?? '', 'churnwatch_delivery_failures_total');
      run.fleet.pause(zombie);
      disturbances.push(`${run.elapsed()}: SIGSTOP ${zombie.label}`);
      await sleep(config.zombieFrozenMs);
      run.fleet.resume(zombie);
      disturbances.push(`${run.elapsed()}: SIGCONT ${zombie.label} after ${(config.zombieFrozenMs / 1000).toFixed(0)} s (session timeout 6 s)`);
      await run.produced;
      // Its late writes happen in the seconds after it wakes; the settle that follows waits for the rest.
      await sleep(5_000);
      const failedAfter = metricSum((await scrapeMetrics(zombie.metricsPort)) ?? '', 'churnwatch_delivery_failures_total');
      const extra: [string, string][] = [[`${zombie.label}: writes refused after SIGCONT`, String(failedAfter - failedBefore)]];
      return { disturbances, extra };
    },
  };
}
