import type { ChildProcess } from 'node:child_process';
import { ensureKafkaJars, javaClasspath } from './jars.ts';
import { spawnJava } from './jvm/java-process.ts';

/** Apache Kafka's own command-line tools, run from the same jars as the broker. */
export const kafkaTools = {
  'console-producer': 'org.apache.kafka.tools.ConsoleProducer',
  'console-consumer': 'org.apache.kafka.tools.consumer.ConsoleConsumer',
  'producer-perf': 'org.apache.kafka.tools.ProducerPerformance',
  'consumer-perf': 'org.apache.kafka.tools.ConsumerPerformance',
  topics: 'org.apache.kafka.tools.TopicCommand',
  'consumer-groups': 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  transactions: 'org.apache.kafka.tools.TransactionsCommand',
} as const;

export type KafkaToolName = keyof typeof kafkaTools;

export function isKafkaToolName(name: string): name is KafkaToolName {
  return Object.hasOwn(kafkaTools, name);
}

/** Runs one of Kafka's tools to completion and returns its exit code and combined output. */
export async function runKafkaTool(tool: KafkaToolName, args: readonly string[], input?: string): Promise<{ code: number; output: string }> {
  const child = await spawnKafkaTool(tool, args);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin?.end(input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Starts one of Kafka's tools; stdio is piped unless `inherit` is asked for. */
export async function spawnKafkaTool(tool: KafkaToolName, args: readonly string[], stdio: 'inherit' | 'pipe' = 'pipe'): Promise<ChildProcess> {
  const libDir = await ensureKafkaJars();
  return spawnJava({
    classpath: javaClasspath(libDir),
    mainClass: kafkaTools[tool],
    args,
    jvmOptions: ['-Xmx512m', '-Dlog4j2.level=WARN'],
    stdio,
  });
}
