import { consumerHealth, type HealthBoard } from '@churnwatch/service-shell';
import type { Logger } from '@churnwatch/telemetry';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { Registry } from 'prom-client';
import { runAlertSink } from './alert-sink.ts';
import type { NotifierConfig } from './config.ts';
import { createDigestRuntime } from './digest/digest-runtime.ts';
import { runDigestSink } from './digest/digest-sink.ts';
import { createNotifierMetrics, type NotifierMetrics } from './notifier-metrics.ts';
import { registerRouteLag } from './route-lag.ts';

/** Each route reads the alerts in its own consumer group, `<application id>.<route name>`. */
export function routeGroupId(applicationId: string, routeName: string): string {
  return `${applicationId}.${routeName}`;
}

export interface RouteConsumers {
  disconnect(): Promise<void>;
}

/**
 * One consumer group per route: a route whose receiver is down retries (and finally writes to the
 * failed-notifications topic) on its own offsets, while the other routes keep delivering. Within a
 * route, alerts of one customer still arrive in order. Each consumer is a part of the service's
 * health (`route:<name>`); `onFatal` is called when one crashes for good.
 */
export async function startRouteConsumers(deps: {
  readonly kafka: Kafka;
  readonly config: NotifierConfig;
  readonly producer: Producer;
  readonly logger: Logger;
  readonly registry: Registry;
  readonly signal: AbortSignal;
  readonly health: HealthBoard;
  readonly onFatal: (error: Error) => void;
}): Promise<RouteConsumers> {
  const { kafka, config, producer, logger, signal } = deps;
  const metrics = createNotifierMetrics(deps.registry);
  const admin = kafka.admin();
  await admin.connect();
  registerRouteLag({
    registry: deps.registry,
    admin,
    topic: config.topics.alerts,
    groups: config.routes.map((route) => ({ route: route.name, groupId: routeGroupId(config.groupId, route.name) })),
    logger,
  });
  const consumers: Consumer[] = [];
  for (const [index, route] of config.routes.entries()) {
    const consumer = kafka.consumer({ groupId: routeGroupId(config.groupId, route.name) });
    deps.health.add(`route:${route.name}`, consumerHealth(consumer, deps.onFatal));
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: config.topics.alerts, fromBeginning: true });
    await runAlertSink({
      config,
      routes: [route],
      reportsInvalid: index === 0,
      consumer,
      producer,
      logger: logger.child({ route: route.name }),
      metrics,
      signal,
    });
  }
  const digests = config.routes.some((route) => route.digest) ? await startDigests({ ...deps, metrics }) : undefined;
  if (digests) deps.health.add('digests', { alive: () => true, ready: () => digests.ready() });
  return {
    disconnect: async () => {
      await digests?.stop();
      await Promise.all(consumers.map((consumer) => consumer.disconnect()));
      await admin.disconnect();
    },
  };
}

/** The digest processor and the consumer that delivers its digests; only when a route has a digest. */
async function startDigests(deps: Parameters<typeof startRouteConsumers>[0] & { metrics: NotifierMetrics }) {
  const runtime = createDigestRuntime(deps);
  void runtime.failure.then(deps.onFatal);
  await runtime.start();
  const consumer = deps.kafka.consumer({ groupId: `${deps.config.groupId}.digest-delivery` });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joined = true;
  });
  await consumer.connect();
  await consumer.subscribe({ topic: deps.config.topics.digests, fromBeginning: true });
  await runDigestSink({ ...deps, consumer, logger: deps.logger.child({ part: 'digest-delivery' }) });
  return {
    ready: () => joined && runtime.health.ready(),
    stop: async () => {
      await consumer.disconnect();
      await runtime.stop();
    },
  };
}
