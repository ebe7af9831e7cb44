import type { Delivery } from '../report/alert-tally.ts';
import type { ScenarioSpec } from './live-run.ts';

/** The control: nothing is done to the pipeline, so any difference from the replay is the live path's own. */
export function undisturbedScenario(delivery: Delivery): ScenarioSpec {
  return {
    scenario: 'undisturbed',
    delivery,
    disturb: async () => ({ disturbances: ['nothing done to the pipeline'] }),
  };
}
