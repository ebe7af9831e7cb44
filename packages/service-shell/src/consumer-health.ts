import type { HealthProbe } from '@churnwatch/telemetry';
import type { Consumer } from 'kafkajs';

/**
 * A kafkajs consumer's health from its events: ready while it is in its group, not alive once it
 * crashed and kafkajs will not restart it (then `onGaveUp` runs, e.g. to end the service).
 */
export function consumerHealth(consumer: Consumer, onGaveUp: (error: Error) => void = () => {}): HealthProbe {
  let joined = false;
  let crashed = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joined = true;
  });
  consumer.on(consumer.events.REBALANCING, () => {
    joined = false;
  });
  consumer.on(consumer.events.CRASH, (event) => {
    joined = false;
    if (event.payload.restart) return;
    crashed = true;
    onGaveUp(event.payload.error);
  });
  return { alive: () => !crashed, ready: () => joined && !crashed };
}
