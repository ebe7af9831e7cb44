import { type RestoreProgress, watchRestore } from '../pipeline/restore-progress.ts';
import { metricSum, scrapeMetrics } from '../pipeline/service-metrics.ts';
import type { Delivery } from '../report/alert-tally.ts';
import type { ScenarioSpec } from './live-run.ts';
import { pick, shuffle } from './pick.ts';

/** Successors started per service until one is caught midway through its restore. */
const attemptsPerService = 3;
/** How long one successor is watched for a restore before it counts as not caught. */
const watchTimeoutMs = 120_000;
/** Customers at least: keys enough in every store that its changelog spans many commits. */
const minCustomers = 200;

/**
 * A restore interrupted midway: once the stream is written (so every store has state), every
 * service in turn (in a random order) is killed, and its successor is killed again while its
 * restore is provably running: its /metrics show changelog records applied and offsets still to
 * read (a successor that gets ready before a scrape sees that is killed too and another started,
 * up to `attemptsPerService`). A further instance then takes over, restoring from the changelog
 * the first one left; its full restore is the total the interrupted one is measured against. A
 * service whose store is still empty when it is killed (nothing to restore) is only restarted.
 */
export function restoreInterruptedScenario(delivery: Delivery): ScenarioSpec {
  return {
    scenario: 'restore-interrupted',
    delivery,
    // One record batch per restore fetch: the small stores of a chaos run then restore in as many
    // steps as they had commits, as a large store does in 8 MiB steps, so the restore can be seen midway.
    env: { CHURNWATCH_RESTORE_FETCH_MAX_BYTES: '1' },
    stream: (config) => ({ customers: Math.max(config.customers, minCustomers), events: config.events }),
    async disturb(run) {
      const { random } = run.context;
      await run.produced;
      const disturbances: string[] = [];
      const extra: [string, string][] = [];
      const failures: string[] = [];
      for (const service of shuffle(random, run.services)) {
        const victim = pick(random, run.fleet.running(service));
        const keys = metricSum((await scrapeMetrics(victim.metricsPort)) ?? '', 'churnwatch_store_entries');
        await run.fleet.killHard(victim);
        const steps = [`kill -9 ${victim.label}`];
        let caught: RestoreProgress | undefined;
        // A store without keys has nothing to restore, so nothing to interrupt.
        for (let attempt = 1; keys > 0 && attempt <= attemptsPerService && caught === undefined; attempt++) {
          const successor = await run.fleet.start(service);
          const watch = await watchRestore(successor, watchTimeoutMs);
          await run.fleet.killHard(successor);
          if (watch.seen === 'midway') caught = watch.progress;
          steps.push(
            caught
              ? `${successor.label} killed mid-restore (${caught.appliedRecords} changelog records applied, ${caught.remainingOffsets} offsets to go)`
              : `${successor.label} killed, not seen mid-restore (${watch.seen})`,
          );
        }
        const last = await run.fleet.start(service);
        await run.fleet.waitReady([last]);
        const totalRecords = metricSum((await scrapeMetrics(last.metricsPort)) ?? '', 'churnwatch_restored_records_total');
        steps.push(`${last.label} restored ${totalRecords} records, ready`);
        disturbances.push(`${run.elapsed()}: ${steps.join('; ')}`);
        extra.push([
          `${service} restore at the kill`,
          caught ? `${caught.appliedRecords} of ${totalRecords} records` : keys > 0 ? 'not caught midway' : 'no state to restore',
        ]);
        if (!caught && keys > 0)
          failures.push(`${service}: no successor seen mid-restore in ${attemptsPerService} starts (its restore ended between two scrapes)`);
      }
      return { disturbances, extra, failures };
    },
  };
}
