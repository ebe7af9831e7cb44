import { decodeJson, topicContracts } from '@churnwatch/contracts';
import type { Logger } from '@churnwatch/telemetry';
import type { Consumer, KafkaMessage, Producer } from 'kafkajs';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { NotifierConfig } from './config.ts';
import type { FailedNotificationV1 } from './failed-notification.ts';
import { deliver } from './http-delivery.ts';
import { notificationRequest } from './notification-request.ts';
import { routesFor } from './routes.ts';

export interface AlertSinkDeps {
  readonly config: NotifierConfig;
  readonly consumer: Consumer;
  readonly producer: Producer;
  readonly logger: Logger;
  readonly registry: Registry;
  /** Aborted on shutdown. */
  readonly signal: AbortSignal;
}

/**
 * Reads alerts in partition order and delivers each to its routes before moving on; the offset is
 * committed only when every route has either taken the alert or it has been written to the
 * failed-notifications topic. A shutdown mid-delivery leaves the offset where it was.
 */
export async function runAlertSink(deps: AlertSinkDeps): Promise<void> {
  const { config, consumer, producer, logger, registry, signal } = deps;
  const notifications = new Counter({
    name: 'churnwatch_notifications_total',
    help: 'Alert deliveries by route and outcome (delivered, failed, invalid)',
    labelNames: ['route', 'channel', 'outcome'],
    registers: [registry],
  });
  const attempts = new Histogram({
    name: 'churnwatch_notification_attempt_duration_seconds',
    help: 'Duration of single HTTP delivery attempts',
    labelNames: ['channel', 'outcome'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

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
      await fail(source, { route: '-', channel: '-', reason: `not a valid alert (${decoded.reason}): ${decoded.message}`, attempts: 0, alertEventId: null });
    } else {
      const alert = decoded.value;
      await Promise.all(
        routesFor(alert, config.routes).map(async (route) => {
          const result = await deliver(notificationRequest(alert, route, config.accountPageBaseUrl), config.delivery, {
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
