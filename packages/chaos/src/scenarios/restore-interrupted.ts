import { isReady } from '../pipeline/service-metrics.ts';
import type { Delivery } from '../report/alert-tally.ts';
import type { ScenarioSpec } from './live-run.ts';
import { pick, shuffle, sleep } from './pick.ts';

/**
 * A restore interrupted midway: once the stream is written (so every store has state), every
 * service in turn (in a random order) is killed, its successor is killed again while it is still
 * starting or restoring (`config.restoreKillMs` after its start, before /readyz answers), and a
 * third instance takes over, restoring from the changelog the first one left.
 */
export function restoreInterruptedScenario(delivery: Delivery): ScenarioSpec {
  return {
    scenario: 'restore-interrupted',
    delivery,
    async disturb(run) {
      const { config, random } = run.context;
      await run.produced;
      const disturbances: string[] = [];
      let interrupted = 0;
      for (const service of shuffle(random, run.services)) {
        const victim = pick(random, run.fleet.running(service));
        await run.fleet.killHard(victim);
        const restoring = await run.fleet.start(service);
        await sleep(config.restoreKillMs);
        const wasReady = await isReady(restoring.metricsPort);
        await run.fleet.killHard(restoring);
        if (!wasReady) interrupted++;
        const third = await run.fleet.start(service);
        disturbances.push(
          `${run.elapsed()}: kill -9 ${victim.label}; ${restoring.label} killed ${config.restoreKillMs} ms after its start (${wasReady ? 'already ready' : 'not ready yet'}); ${third.label} started`,
        );
        await run.fleet.waitReady([third]);
      }
      return { disturbances, extra: [['successors killed before ready', `${interrupted} of ${disturbances.length}`]] };
    },
  };
}
