import type { ScenarioName } from '../config.ts';
import type { Delivery } from '../report/alert-tally.ts';
import { brokerFreezeScenario } from './broker-freeze.ts';
import { brokerRestartScenario } from './broker-restart.ts';
import { killNineScenario } from './kill-nine.ts';
import type { ScenarioSpec } from './live-run.ts';
import { poisonScenario } from './poison-at-scale.ts';
import { restoreInterruptedScenario } from './restore-interrupted.ts';
import { scalingScenario } from './scaling.ts';
import { slowDownstreamScenario } from './slow-downstream.ts';
import { soakScenario } from './soak.ts';
import { undisturbedScenario } from './undisturbed.ts';
import { zombieScenario } from './zombie.ts';

/** Every scenario by its command-line name. */
export const scenarioCatalogue: Readonly<Record<ScenarioName, (delivery: Delivery) => ScenarioSpec>> = {
  undisturbed: undisturbedScenario,
  'kill-9': killNineScenario,
  'restore-interrupted': restoreInterruptedScenario,
  zombie: zombieScenario,
  'scale-1-3-1': scalingScenario,
  'broker-restart': brokerRestartScenario,
  'broker-freeze': brokerFreezeScenario,
  poison: poisonScenario,
  soak: soakScenario,
  'slow-downstream': slowDownstreamScenario,
};
