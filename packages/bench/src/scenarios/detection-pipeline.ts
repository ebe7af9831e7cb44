import { createDetectionProcessors, detectionClockInputs, parseDetectionConfig } from '@churnwatch/detection';
import type { DetectionTopic } from '@churnwatch/detection-service-kit';
import { createSimulation, produceEvents } from '@churnwatch/simulator';
import { waitUntil } from '../kafka/wait.ts';
import { groupLag } from '../services/consumer-lag.ts';
import { startServices, stopServices } from '../services/service-processes.ts';
import { createDetectionTopics, prefixedTopicNames, topicEnv } from '../services/service-topics.ts';
import type { BenchContext } from './context.ts';

const dayMs = 86_400_000;

/**
 * The services' commit interval here. The time is taken when every group's committed offsets
 * reach the end of its topics, so it is rounded up to the next commit: at the default 30 s of
 * at-least-once, a pipeline that caught up in 35 s measured 60.
 */
const commitIntervalMs = 1_000;

/**
 * The six detection services in start order, and the logical topics each one reads: its clock
 * inputs too, unless `CHURNWATCH_CLOCK_INPUTS=off` (which the services inherit) turns them off.
 */
export function detectionServiceInputs(env: NodeJS.ProcessEnv = process.env): { name: string; inputs: DetectionTopic[] }[] {
  const processors = createDetectionProcessors(parseDetectionConfig({}, 'the default detection configuration'));
  const clockInputsOf = (name: string) => (env.CHURNWATCH_CLOCK_INPUTS === 'off' ? [] : (detectionClockInputs[name] ?? []));
  return Object.values(processors).map((processor) => ({
    name: processor.name,
    inputs: [...processor.inputs, ...clockInputsOf(processor.name)] as DetectionTopic[],
  }));
}

/**
 * The full detection pipeline on the broker: the six services as processes (at-least-once,
 * committing every `commitIntervalMs`), the generator's history ending now produced as fast as the
 * broker takes it, timed from the first record sent until every service has committed everything
 * on every topic it reads (the monitors' signals included), checked upstream first.
 */
export async function runPipeline(context: BenchContext): Promise<void> {
  const { config, kafka, log, say, workDir } = context;
  const prefix = `bench-pipeline-${process.pid}-${Date.now()}`;
  const names = prefixedTopicNames(prefix);
  await createDetectionTopics(kafka, names, config.partitions);
  const services = detectionServiceInputs();
  const running = await startServices(
    context.bootstrap,
    services.map((service) => service.name),
    { ...topicEnv(names), CHURNWATCH_COMMIT_INTERVAL_MS: String(commitIntervalMs) },
    prefix,
    workDir,
  );
  try {
    const now = Date.now();
    const simulation = createSimulation({
      seed: 11,
      customers: config.pipelineCustomers,
      days: config.pipelineDays,
      startDate: new Date(now - config.pipelineDays * dayMs).toISOString().slice(0, 10),
      notAfter: new Date(now).toISOString(),
    });
    say(`  ${config.pipelineCustomers} customers × ${config.pipelineDays} d into ${running.length} services`);
    const started = performance.now();
    const { sent } = await produceEvents({
      kafka,
      events: simulation.events(),
      topics: {
        usage: names.usage,
        purchase: names.purchases,
        complaint: names.complaints,
        feedback: names.feedback,
        customer_profile: names.customerProfiles,
      },
    });
    const producedSeconds = (performance.now() - started) / 1000;
    let settledOnce = false;
    await waitUntil(
      async () => {
        for (const service of services) {
          if (
            (await groupLag(
              kafka,
              `${prefix}.${service.name}`,
              service.inputs.map((input) => names[input]),
            )) > 0
          ) {
            settledOnce = false;
            return false;
          }
        }
        // Twice in a row: a signal written after an upstream check is seen the next time round.
        if (settledOnce) return true;
        settledOnce = true;
        return false;
      },
      3_600_000,
      'the detection services to catch up',
      500,
    );
    const seconds = (performance.now() - started) / 1000;
    log.add({
      id: 'pipeline.events-per-second',
      group: 'pipeline',
      label: 'detection pipeline, 6 services, at-least-once, generated events',
      value: sent / seconds,
      unit: 'events/s',
      note: `${sent.toLocaleString('en-US')} events in ${seconds.toFixed(1)} s; producing alone took ${producedSeconds.toFixed(1)} s; services commit every ${commitIntervalMs / 1000} s`,
    });
  } finally {
    await stopServices(running);
  }
}
