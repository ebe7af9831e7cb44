import { describe, expect, test } from 'vitest';
// The notifier's own configuration loader and group naming, by path: the scaler must follow the groups the notifier really uses.
import { loadConfig as loadNotifierConfig } from '../../../services/notifier/src/config.ts';
import { routeGroupId } from '../../../services/notifier/src/route-consumers.ts';
import { notifierLagGroups, notifierRouteNames } from '../src/notifier-routes.ts';
import { scaledObjectOf } from '../src/scaling.ts';
import { workloads } from '../src/workloads.ts';
import { type Json, named } from './pod-environment.ts';

const triggerGroups = (scaled: Json): string[] => scaled.spec.triggers.map((trigger: Json) => trigger.metadata.consumerGroup);

describe("the notifier's scaler", () => {
  test('watches the consumer group of each route, as the notifier names them, and no group the notifier does not use', () => {
    const container = named('Deployment', 'churnwatch-notifier')!.spec.template.spec.containers[0];
    const applicationId = container.env.find((variable: Json) => variable.name === 'CHURNWATCH_APPLICATION_ID').value;
    const routes = notifierRouteNames.map((name) => ({ name, channel: 'webhook', url: 'https://hooks.example.com/churnwatch' }));
    const config = loadNotifierConfig({
      CHURNWATCH_KAFKA_BROKERS: 'kafka:9093',
      CHURNWATCH_APPLICATION_ID: applicationId,
      CHURNWATCH_NOTIFIER_ROUTES: JSON.stringify(routes),
    });
    const used = config.routes.map((route) => routeGroupId(config.groupId, route.name));

    const scaled = named('ScaledObject', 'churnwatch-notifier')!;
    expect(triggerGroups(scaled)).toEqual(used);
    expect(triggerGroups(scaled)).not.toContain(applicationId);
    for (const trigger of scaled.spec.triggers) expect(trigger.metadata.topic).toBe(config.topics.alerts);
  });

  test('one trigger per route: KEDA scales on the route that lags most', () => {
    const notifier = workloads.find((workload) => workload.service === 'notifier')!;
    const consumer = { ...notifier.consumer!, lagGroups: notifierLagGroups('churnwatch.notifier', ['slack-cs', 'crm-webhook', 'teams-ops']) };
    const scaled = scaledObjectOf({ ...notifier, consumer }).toJSON() as Json;
    expect(triggerGroups(scaled)).toEqual(['churnwatch.notifier.slack-cs', 'churnwatch.notifier.crm-webhook', 'churnwatch.notifier.teams-ops']);
  });

  test('a service that consumes in its own group keeps one trigger on it', () => {
    expect(triggerGroups(named('ScaledObject', 'churnwatch-usage-monitor')!)).toEqual(['churnwatch.usage-monitor']);
  });
});
