// The end-to-end mix holds on every day of the week and at every hour: the history starts on a
// Monday, so where it ends moves through the week, and the in-memory topology must give exactly
// the expected steps wherever it ends (no broker: the same processors, the wall clock set by hand).

import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { createDetectionProcessors, parseDetectionConfig } from '@churnwatch/detection';
import { createLocalTopology } from '@churnwatch/stream-runtime';
import { expect, test } from 'vitest';
import { customerMix, expectedSteps, MIX_DETECTION_CONFIG, stepsOf } from './customer-mix.ts';

const HOUR_MS = 3_600_000;
const config = parseDetectionConfig(MIX_DETECTION_CONFIG);

/** The alerts of the mix made at `nowMs`, once the services have caught up some minutes later. */
function alertsAt(nowMs: number): ChurnRiskAlertV1[] {
  const mix = customerMix(nowMs);
  const local = createLocalTopology({ processors: Object.values(createDetectionProcessors(config)), partitions: 3 });
  for (const record of [...mix.profiles, ...mix.events]) local.push(record);
  local.advanceWallClock(nowMs + 10 * 60_000);
  return local.outputs.filter((output) => output.output === 'alerts').map((output) => output.value as ChurnRiskAlertV1);
}

test('every three hours through a week, the mix gives exactly its expected steps', () => {
  // Thursday 3 December 2026, 13:00 UTC: the history starts on Monday 3 August, as early as it can start.
  const firstMs = Date.UTC(2026, 11, 3, 13);
  for (let hours = 0; hours < 7 * 24; hours += 3) {
    const nowMs = firstMs + hours * HOUR_MS;
    expect(stepsOf(alertsAt(nowMs)), new Date(nowMs).toISOString()).toEqual(expectedSteps(customerMix(nowMs)));
  }
});
