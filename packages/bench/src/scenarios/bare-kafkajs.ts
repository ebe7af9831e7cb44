import type { Kafka } from 'kafkajs';

/** Seconds for a bare kafkajs consumer (eachBatch, no work) to read `count` records, from its first batch. */
export async function bareKafkajsSeconds(kafka: Kafka, topic: string, count: number): Promise<number> {
  const consumer = kafka.consumer({ groupId: `bench-bare-${process.pid}-${Date.now()}`, maxWaitTimeInMs: 100 });
  let seen = 0;
  let started = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        if (started === 0) started = performance.now();
        seen += batch.messages.length;
        if (seen >= count) done();
      },
    });
    await finished;
    return (performance.now() - started) / 1000;
  } finally {
    await consumer.disconnect();
  }
}
