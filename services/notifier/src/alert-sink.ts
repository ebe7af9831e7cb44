import { decodeJson, topicContracts } from '@churnwatch/contracts';
import type { Logger } from '@churnwatch/telemetry';
import type { Consumer, KafkaMessage, Producer } from 'kafkajs';
import type { NotifierConfig } from './config.ts';
import { digestKey } from './digest/digest-keys.ts';
import { belongsInDigest } from './digest/digest-processor.ts';
import type { FailedNotificationV1 } from './failed-notification.ts';
import { deliver } from './http-delivery.ts';
import { notificationRequest } from './notification-request.ts';
import type { NotifierMetrics } from './notifier-metrics.ts';
import { type Route, routesFor } from './routes.ts';

export interface AlertSinkDeps {
  readonly config: NotifierConfig;
  /** The routes this sink delivers to: one per consumer group, so one slow route holds back only itself. */
  readonly routes: readonly Route[];
  /** Whether this sink writes unreadable alerts to the failed-notifications topic (exactly one sink does). */
  readonly reportsInvalid: boolean;
  readonly consumer: Consumer;
  readonly producer: Producer;
  readonly logger: Logger;
  readonly metrics: NotifierMetrics;
  /** Aborted on shutdown. */
  readonly signal: AbortSignal;
}

/**
 * Reads alerts in partition order and delivers each to its routes before moving on; the offset is
 * committed only when every route has either taken the alert or it has been written to the
 * failed-notifications topic. A shutdown mid-delivery leaves the offset where it was.
 */
export async function runAlertSink(deps: AlertSinkDeps): Promise<void> {
  const { config, routes, reportsInvalid, consumer, producer, logger, signal } = deps;
  const { notifications, attempts } = deps.metrics;

  const fail = async (
    source: { topic: string; partition: number; message: KafkaMessage },
    failure: Pick<FailedNotificationV1, 'route' | 'channel' | 'reason' | 'attempts' | 'alertEventId'>,
  ) => {
    const record: FailedNotificationV1 = {
      schemaVersion: 1,
      ...failure,
      source: { topic: source.topic, partition: source.partition, offset: source.message.offset },
      failedAt: new Date().toISOString(),
      original: source.message.value ? source.message.value.toString('base64') : null,
    };
    await producer.send({ topic: config.topics.failedNotifications, messages: [{ key: source.message.key, value: JSON.stringify(record) }] });
    notifications.inc({ route: failure.route, channel: failure.channel, outcome: failure.route === '-' ? 'invalid' : 'failed' });
    logger.warn({ ...failure, partition: source.partition, offset: source.message.offset }, 'alert not delivered; written to the failed-notifications topic');
  };

  await consumer.run({
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
      for (const message of batch.messages) {
        if (!isRunning() || isStale() || signal.aborted) return;
        try {
          await handle({ topic: batch.topic, partition: batch.partition, message }, heartbeat);
        } catch (error) {
          // A shutdown abandons the delivery in flight; the uncommitted alert is delivered again later.
          if (signal.aborted) return;
          throw error;
        }
        resolveOffset(message.offset);
        await commitOffsetsIfNecessary();
        await heartbeat();
      }
    },
  });

  async function handle(source: { topic: string; partition: number; message: KafkaMessage }, heartbeat: () => Promise<void>): Promise<void> {
    const decoded = decodeJson(topicContracts.alerts, source.message.value ?? 'null');
    if (!decoded.ok) {
      if (!reportsInvalid) return;
      await fail(source, { route: '-', channel: '-', reason: `not a valid alert (${decoded.reason}): ${decoded.message}`, attempts: 0, alertEventId: null });
    } else {
      const alert = decoded.value;
      await Promise.all(
        routesFor(alert, routes).map(async (route) => {
          if (route.digest && alert.owner?.email !== undefined && belongsInDigest(alert, route.digest)) {
            // Into the owner's daily digest instead (see digest/): re-keyed by route and owner.
            await producer.send({
              topic: config.topics.digestItems,
              messages: [{ key: digestKey(route.name, alert.owner.email), value: source.message.value }],
            });
            notifications.inc({ route: route.name, channel: route.channel, outcome: 'digested' });
            return;
          }
          const result = await deliver(notificationRequest(alert, route, config.signingKeys[route.name], config.accountPageBaseUrl), config.delivery, {
            signal,
            keepAlive: heartbeat,
            onAttempt: (outcome, seconds) => attempts.observe({ channel: route.channel, outcome }, seconds),
          });
          if (result.delivered) notifications.inc({ route: route.name, channel: route.channel, outcome: 'delivered' });
          else await fail(source, { route: route.name, channel: route.channel, reason: result.reason, attempts: result.attempts, alertEventId: alert.eventId });
        }),
      );
    }
  }
}
