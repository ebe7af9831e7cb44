import { ChaosError } from '../errors.ts';
import { readCommitted } from '../pipeline/read-committed.ts';
import type { ServiceInstance } from '../pipeline/service-fleet.ts';
import { metricSum, scrapeMetrics } from '../pipeline/service-metrics.ts';
import type { Delivery } from '../report/alert-tally.ts';
import type { ScenarioSpec } from './live-run.ts';
import { sleep } from './pick.ts';

/** A counter summed over its series; 0 when the instance does not answer. */
async function metricOf(instance: ServiceInstance, name: string): Promise<number> {
  return metricSum((await scrapeMetrics(instance.metricsPort)) ?? '', name);
}

/** What shows the successor at work: its transactions (exactly-once), else the records it processed. */
const committedMetric = (delivery: Delivery) =>
  delivery === 'exactly-once' ? 'churnwatch_transactions_committed_total' : 'churnwatch_records_processed_total';

/**
 * The service frozen: the busiest (it reads every usage event), so it holds work in an open
 * transaction when it is frozen; its late writes would show as duplicate signals.
 */
const zombieService = 'usage-monitor';

/**
 * A zombie: two usage monitors share the partitions from the start, then the first is frozen with SIGSTOP for longer than the
 * session timeout while the stream runs. The group gives its partitions to the second, which
 * (exactly-once) re-initialises the per-partition transactional ids, restores and commits. Then the
 * zombie gets SIGCONT and carries on with what it held: its writes must be refused (fenced), which
 * it counts as failed deliveries (aborted transactions) before it rejoins the group.
 */
export function zombieScenario(delivery: Delivery): ScenarioSpec {
  return {
    scenario: 'zombie',
    delivery,
    instances: { [zombieService]: 2 },
    // A transaction a second long: the zombie is frozen with work taken up and not committed.
    env: { CHURNWATCH_COMMIT_INTERVAL_MS: '1000' },
    async afterSettled(run) {
      const signals = await readCommitted(run.context.kafka, run.topics.signals);
      const repeats = signals.length - new Set(signals.map((signal) => signal.id)).size;
      const failures = run.delivery === 'exactly-once' && repeats > 0 ? [`${repeats} duplicate signal(s) in exactly-once mode`] : [];
      return { extra: [['signals (repeats)', `${signals.length} (${repeats})`]], failures };
    },
    async disturb(run) {
      const { config } = run.context;
      const [zombie, successor] = run.fleet.running(zombieService);
      if (zombie === undefined || successor === undefined) throw new ChaosError('CHAOS_NO_ZOMBIE', `the zombie scenario needs two ${zombieService} instances`);
      const disturbances = [`${successor.label} shares the partitions with ${zombie.label}`];
      await sleep(config.killGapMs[0]);
      const failedBefore = await metricOf(zombie, 'churnwatch_delivery_failures_total');
      const withheldBefore = await metricOf(zombie, 'churnwatch_writes_withheld_total');
      run.fleet.pause(zombie);
      disturbances.push(`${run.elapsed()}: SIGSTOP ${zombie.label}`);
      const committedBefore = await metricOf(successor, committedMetric(run.delivery));
      await sleep(config.zombieFrozenMs);
      // Before it wakes: the group has given the successor every partition, and it has committed.
      const owned = await metricOf(successor, 'churnwatch_assigned_partitions');
      const committed = (await metricOf(successor, committedMetric(run.delivery))) - committedBefore;
      run.fleet.resume(zombie);
      disturbances.push(`${run.elapsed()}: SIGCONT ${zombie.label} after ${(config.zombieFrozenMs / 1000).toFixed(0)} s (session timeout 6 s)`);
      await run.produced;
      // Its late writes happen in the seconds after it wakes; the settle that follows waits for the rest.
      await sleep(5_000);
      const refused = (await metricOf(zombie, 'churnwatch_delivery_failures_total')) - failedBefore;
      const withheld = (await metricOf(zombie, 'churnwatch_writes_withheld_total')) - withheldBefore;
      const extra: [string, string][] = [
        [`partitions ${successor.label} owned while frozen`, `${owned} of ${config.partitions}`],
        [`${successor.label} ${run.delivery === 'exactly-once' ? 'transactions' : 'records'} committed meanwhile`, String(committed)],
        [`${zombie.label} writes refused after SIGCONT`, String(refused)],
        // At least once no transaction fences it: it holds back its own sends and commits while its heartbeat is overdue.
        [`${zombie.label} writes withheld (heartbeat overdue)`, String(withheld)],
      ];
      const failures = owned === config.partitions ? [] : [`the partitions did not all move to ${successor.label} (${owned} of ${config.partitions})`];
      return { disturbances, extra, failures };
    },
  };
}
