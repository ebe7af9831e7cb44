import { parseDetectionConfig } from '@churnwatch/detection';
import { detectionProcessorList, runReplay } from '@churnwatch/replay';
import { ChaosError } from '../errors.ts';
import type { ExpectedAlert } from '../report/alert-tally.ts';

/** What a replay of the live run's input says the services should have written. */
export interface ReplayExpected {
  readonly alerts: readonly ExpectedAlert[];
  /** The customer health table as of the input's last event: each customer's last record by then, as JSON. */
  readonly finalHealth: ReadonlyMap<string, string>;
}

/**
 * The alerts and the health table a replay of the events file produces with the services'
 * built-in detection configuration, stream time ending at `untilMs` (when the live run was read),
 * so that the timers of both clocks due by then have fired in both. The health table stops at
 * `inputEndMs`, the input's last event: after it, the services' wall-clock timers wait while their
 * reading of history may go on (the history hold), and the run is read before they fire; the
 * replay, which has no such wait, would be a day of checks ahead.
 */
export async function replayExpected(path: string, partitions: number, untilMs: number, inputEndMs: number): Promise<ReplayExpected> {
  const processors = detectionProcessorList(parseDetectionConfig({}, 'the built-in detection configuration'));
  const alerts: ExpectedAlert[] = [];
  const finalHealth = new Map<string, string>();
  let rejected = 0;
  await runReplay(
    { path, format: 'events', processors, partitions, untilMs },
    {
      onOutputs: (outputs) => {
        for (const output of outputs) {
          if (output.output === 'alerts') alerts.push({ id: output.id, value: JSON.stringify(output.value) });
          else if (output.output === 'customerHealth' && output.eventTimeMs <= inputEndMs) finalHealth.set(output.key, JSON.stringify(output.value));
        }
      },
      onReject: () => {
        rejected++;
      },
    },
  );
  if (rejected > 0) throw new ChaosError('CHAOS_REPLAY_REJECTED', `the replay rejected ${rejected} generated event(s): the ground truth is not the live input`);
  return { alerts, finalHealth };
}
