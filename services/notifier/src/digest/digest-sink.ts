import type { Logger } from '@churnwatch/telemetry';
import type { Consumer, Producer } from 'kafkajs';
import type { NotifierConfig } from '../config.ts';
import type { FailedNotificationV1 } from '../failed-notification.ts';
import { deliver } from '../http-delivery.ts';
import type { NotifierMetrics } from '../notifier-metrics.ts';
import { routeOfDigestKey } from './digest-keys.ts';
import { digestMessage } from './digest-message.ts';
import type { OwnerDigest } from './digest-processor.ts';

/**
 * Delivers the digests the digest processor emits, over the route named in their key. The digest id
 * is the idempotency key and the webhook id: a digest delivered again after a crash is recognisable.
 * One that cannot be delivered goes to the failed-notifications topic, like an alert.
 */
export async function runDigestSink(deps: {
  readonly config: NotifierConfig;
  readonly consumer: Consumer;
  readonly producer: Producer;
  readonly logger: Logger;
  readonly metrics: NotifierMetrics;
  readonly signal: AbortSignal;
}): Promise<void> {
  const { config, consumer, producer, logger, metrics, signal } = deps;
  await consumer.run({
    eachMessage: async ({ topic, partition, message, heartbeat }) => {
      const key = message.key?.toString() ?? '';
      const route = config.routes.find((candidate) => candidate.name === routeOfDigestKey(key).route);
      const digest = JSON.parse(message.value?.toString() ?? 'null') as OwnerDigest | null;
      if (route === undefined || digest === null) {
        logger.warn({ key, offset: message.offset }, 'digest for a route that is not configured; skipped');
        return;
      }
      const body = JSON.stringify(route.channel === 'webhook' ? digest : digestMessage(digest));
      const keys = config.signingKeys[route.name] ?? [];
      const result = await deliver(
        {
          url: route.url,
          headers: { 'content-type': 'application/json', 'idempotency-key': `${digest.digestId}/${route.name}`, ...route.headers },
          body,
          ...(keys.length === 0 ? {} : { signing: { id: `${digest.digestId}/${route.name}`, keys } }),
        },
        config.delivery,
        { signal, keepAlive: heartbeat },
      );
      if (result.delivered) {
        metrics.notifications.inc({ route: route.name, channel: route.channel, outcome: 'digest_delivered' });
        logger.info({ route: route.name, digestId: digest.digestId, items: digest.items.length }, 'digest delivered');
        return;
      }
      const record: FailedNotificationV1 = {
        schemaVersion: 1,
        route: route.name,
        channel: route.channel,
        reason: result.reason,
        attempts: result.attempts,
        alertEventId: digest.digestId,
        source: { topic, partition, offset: message.offset },
        failedAt: new Date().toISOString(),
        original: message.value ? message.value.toString('base64') : null,
      };
      await producer.send({ topic: config.topics.failedNotifications, messages: [{ key: message.key, value: JSON.stringify(record) }] });
      metrics.notifications.inc({ route: route.name, channel: route.channel, outcome: 'failed' });
    },
  });
}
