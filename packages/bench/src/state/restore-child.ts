// A child process of the state benchmark (run with --expose-gc): restores every detection
// processor's state (or only the one named) from changelogs already filled, then prints one JSON
// line with the restore time and the heap and RSS it added. A process of its own, so nothing
// else sits in its heap.
import { parseDetectionConfig } from '@churnwatch/detection';
import { detectionProcessorList } from '@churnwatch/replay';
import { createStreamRuntime } from '@churnwatch/stream-runtime';
import { createMetricsRegistry } from '@churnwatch/telemetry';
import { Kafka, logLevel } from 'kafkajs';
import { waitUntil } from '../kafka/wait.ts';
import { quietLogger } from '../scenarios/counting-runtime.ts';
import { bindingTopics } from './restore-topics.ts';
import { stateHistoryEndMs } from './template-state.ts';

const [bootstrap, prefix, only] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!bootstrap || !prefix || !gc) {
  process.stderr.write('usage: node --expose-gc restore-child.ts <bootstrap> <application-id prefix> [processor]\n');
  process.exit(2);
}

const settle = () => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage();
};

// The wall clock of a service that holds this state: the history's end, moving on from there. On
// the machine's clock every customer's wall-clock checks would be long overdue and all fire while
// the other partitions restore: a restart after a year and a half away, not a restore.
const clock = () => stateHistoryEndMs + performance.now();
const kafka = new Kafka({ clientId: 'bench-restore', brokers: [bootstrap], logLevel: logLevel.NOTHING });
const processors = detectionProcessorList(parseDetectionConfig({}, 'the default detection configuration')).filter(
  (processor) => only === undefined || processor.name === only,
);
const runtimes = processors.map((processor) => {
  const topics = bindingTopics(prefix, processor);
  return createStreamRuntime({
    kafka,
    applicationId: `${prefix}-${processor.name}`,
    processor,
    inputs: Object.fromEntries(topics.inputs.map(([input, topic]) => [input, { topic, decode: () => ({ ok: true, key: '', value: null, eventTimeMs: 0 }) }])),
    outputs: Object.fromEntries(topics.outputs.map(([output, topic]) => [output, { topic }])),
    deadLetterTopic: topics.deadLetters,
    delivery: 'at-least-once',
    clock,
    logger: quietLogger('bench-restore'),
    registry: createMetricsRegistry('bench-restore'),
  });
});
const before = settle();
const started = performance.now();
await Promise.all(runtimes.map((runtime) => runtime.start()));
await waitUntil(() => runtimes.every((runtime) => runtime.health.ready()), 1_800_000, 'every processor to restore its state');
const seconds = (performance.now() - started) / 1000;
const after = settle();
process.stdout.write(`${JSON.stringify({ seconds, heapBytes: after.heapUsed - before.heapUsed, rssBytes: after.rss - before.rss })}\n`);
await Promise.all(runtimes.map((runtime) => runtime.stop()));
process.exit(0);
