import type { Delivery } from '../report/alert-tally.ts';
import type { ScenarioSpec } from './live-run.ts';
import { between, pick, sleep } from './pick.ts';

/**
 * kill -9 of a randomly chosen running detection service at random moments, `config.kills`
 * times, each replaced at once by a new process (as a supervisor would). A replacement may itself
 * be killed while it is still restoring.
 */
export function killNineScenario(delivery: Delivery): ScenarioSpec {
  return {
    scenario: 'kill-9',
    delivery,
    async disturb(run) {
      const { config, random } = run.context;
      const disturbances: string[] = [];
      for (let i = 0; i < config.kills; i++) {
        await sleep(between(random, config.killGapMs[0], config.killGapMs[1]));
        const victim = pick(random, run.fleet.running());
        await run.fleet.killHard(victim);
        const successor = await run.fleet.start(victim.service);
        disturbances.push(`${run.elapsed()}: kill -9 ${victim.label}; ${successor.label} started`);
      }
      return { disturbances, extra: [['kill -9', String(config.kills)]] };
    },
  };
}
