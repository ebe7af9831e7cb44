// A detection service whose changelog topic was deleted: it refuses to start (rather than carry on
// from its committed offsets with empty state), says why and how to rebuild, and the documented
// recovery (rewind the group to the earliest offsets, start) rebuilds the state from the input.
import { rmSync } from 'node:fs';
import { produceEvents } from '@churnwatch/simulator';
import { uniqueName, waitFor } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';
import { generateStream } from '../src/ground-truth/generated-stream.ts';
import { createScenarioTopics, simulatorTopics, topicVariables } from '../src/pipeline/detection-topics.ts';
import { logTail, ServiceFleet } from '../src/pipeline/service-fleet.ts';
import { metricSum, scrapeMetrics } from '../src/pipeline/service-metrics.ts';
import { testContext } from './scenario-context.ts';

let fleet: ServiceFleet | undefined;
afterEach(async () => {
  await fleet?.stopAll();
});

test('a deleted changelog stops the service at start-up with the way to rebuild; rewinding the group rebuilds the state', async () => {
  const context = testContext();
  const { kafka } = context;
  const run = uniqueName('chaos-changelog');
  const topics = await createScenarioTopics(kafka, run, 3);
  fleet = new ServiceFleet({
    run,
    env: { ...topicVariables(topics), CHURNWATCH_KAFKA_BROKERS: context.bootstrap, CHURNWATCH_COMMIT_INTERVAL_MS: '200', CHURNWATCH_KAFKA_LOG_LEVEL: 'error' },
    logDir: context.workDir,
  });
  const usage = generateStream({ seed: 3, customers: 10, days: 90, maxEvents: 600, endMs: Date.now() }).filter((event) => event.kind === 'usage');
  await produceEvents({ kafka, events: usage, topics: simulatorTopics(topics) });
  // Done when the group has committed every usage record (a redo after a rebalance counts twice in the metric).
  const groupId = fleet.applicationId('usage-monitor');
  const processedAll = async (instance: Awaited<ReturnType<ServiceFleet['start']>>) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await waitFor(
        async () => {
          const ends = await admin.fetchTopicOffsets(topics.usage);
          // The group's coordinator may still be loading: asked again on the next round.
          const [committed] = await admin.fetchOffsets({ groupId, topics: [topics.usage] }).catch(() => []);
          const done = ends.every((end) => committed?.partitions.find((p) => p.partition === end.partition)?.offset === end.high);
          const metrics = await scrapeMetrics(instance.metricsPort);
          return done && metrics !== undefined && metricSum(metrics, 'churnwatch_records_processed_total', { topic: topics.usage }) >= usage.length
            ? true
            : undefined;
        },
        `${instance.label} to process and commit ${usage.length} usage events`,
        90_000,
        250,
      );
    } finally {
      await admin.disconnect();
    }
  };

  const first = await fleet.start('usage-monitor');
  await processedAll(first);
  await fleet.stop(first);
  const changelog = `${fleet.applicationId('usage-monitor')}.usage-monitor-changelog`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    expect(await admin.listTopics()).toContain(changelog);
    await admin.deleteTopics({ topics: [changelog] });
    await waitFor(async () => ((await admin.listTopics()).includes(changelog) ? undefined : true), 'the changelog to be gone', 30_000, 200);

    // Offsets committed, state gone: refuse, naming the topic and the way back.
    const refused = await fleet.start('usage-monitor');
    const exitCode = await new Promise<number | null>((done) => refused.process.once('exit', (code) => done(code)));
    expect(exitCode, logTail(refused)).not.toBe(0);
    expect(logTail(refused, 40)).toMatch(new RegExp(`changelog topic ${changelog.replaceAll('.', '\\.')} is missing.*--reset-offsets --to-earliest`));
    expect(await admin.listTopics()).not.toContain(changelog);

    // The documented recovery: rewind the group, start; every usage event is processed again.
    await admin.resetOffsets({ groupId, topic: topics.usage, earliest: true });
    const rebuilt = await fleet.start('usage-monitor');
    await processedAll(rebuilt);
    expect(await admin.listTopics()).toContain(changelog);
  } finally {
    await admin.disconnect();
  }
  rmSync(context.workDir, { recursive: true, force: true });
}, 240_000);
