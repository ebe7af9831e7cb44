import { createInputDecoder } from '@churnwatch/contracts';
import { createStreamRuntime, type StreamRuntime } from '@churnwatch/stream-runtime';
import type { Logger } from '@churnwatch/telemetry';
import type { Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import type { NotifierConfig } from '../config.ts';
import { digestItemsContract, routeOfDigestKey } from './digest-keys.ts';
import { createDigestProcessor, type DigestSchedule } from './digest-processor.ts';

/**
 * Runs the digest processor on the stream runtime: state and timers in a changelog, so a digest due
 * while the notifier was down goes out after the restart, and never twice for one day.
 */
export function createDigestRuntime(deps: { kafka: Kafka; config: NotifierConfig; logger: Logger; registry: Registry }): StreamRuntime {
  const { kafka, config } = deps;
  const schedules = new Map<string, DigestSchedule>();
  for (const route of config.routes) if (route.digest) schedules.set(route.name, { ...route.digest, ...(route.locale ? { locale: route.locale } : {}) });
  const processor = createDigestProcessor((key) => {
    const schedule = schedules.get(routeOfDigestKey(key).route);
    // A key of a route no longer configured for digests: send at midnight UTC rather than lose it.
    return schedule ?? { hour: 0, minute: 0, timeZone: 'UTC' };
  });
  const decode = createInputDecoder({
    contract: digestItemsContract,
    consumer: 'notifier-digest',
    maxValueBytes: 1_048_576,
    eventTimeBounds: { maxFutureMs: Number.POSITIVE_INFINITY, maxPastMs: Number.POSITIVE_INFINITY },
    now: Date.now,
  });
  return createStreamRuntime({
    kafka,
    brokers: config.brokers,
    applicationId: `${config.groupId}.digest`,
    processor,
    inputs: { digestItems: { topic: config.topics.digestItems, decode } },
    outputs: { digests: { topic: config.topics.digests } },
    deadLetterTopic: config.topics.deadLetters,
    delivery: 'at-least-once',
    logger: deps.logger.child({ part: 'digest' }),
    registry: deps.registry,
    tuning: { wallClockCheckIntervalMs: 1000 },
  });
}
