import { createTestTopics, readWholeTopic, testKafka, uniqueName } from '@churnwatch/testkit';
import { describe, expect, it } from 'vitest';
import { createSimulation, type EventKind, eventKinds, MissingTopicsError, produceEvents, type SimulatedEvent } from '../src/index.ts';

async function topicsForKinds(): Promise<Record<EventKind, string>> {
  const [purchase, usage, complaint, feedback] = (await createTestTopics(['purchases', 'usage', 'complaints', 'feedback'], { partitions: 3 })) as [
    string,
    string,
    string,
    string,
  ];
  const [profiles] = (await createTestTopics(['customer-profiles'], { partitions: 3, compacted: true })) as [string];
  return { customer_profile: profiles, purchase, usage, complaint, feedback };
}

describe('producing generated events to Kafka', () => {
  it('puts every event on its kind’s topic, keyed by customer, intact and in per-customer order', async () => {
    const topics = await topicsForKinds();
    const simulation = createSimulation({ seed: 21, customers: 16, days: 90, usageScale: 0.05 });
    const events = [...simulation.events()];
    const result = await produceEvents({ kafka: testKafka(), events: simulation.stream(), topics, eventsPerSecond: 5_000 });
    expect(result.sent).toBe(events.length);

    const read = await Promise.all(eventKinds.map((kind) => readWholeTopic(topics[kind])));
    for (const [k, kind] of eventKinds.entries()) {
      const expected = events.filter((event): event is SimulatedEvent => event.kind === kind);
      expect(expected.length, kind).toBeGreaterThan(0);
      const messages = read[k]!;
      expect(messages).toHaveLength(expected.length);
      // Per customer, the partition holds that customer's events in generation order.
      const byKey = new Map<string, string[]>();
      for (const message of [...messages].sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)))) {
        byKey.set(message.key!, [...(byKey.get(message.key!) ?? []), message.value!]);
      }
      const expectedByKey = new Map<string, string[]>();
      for (const event of expected)
        expectedByKey.set(event.value.customerId, [...(expectedByKey.get(event.value.customerId) ?? []), JSON.stringify(event.value)]);
      expect(byKey).toEqual(expectedByKey);
      expect(messages.every((message) => !JSON.parse(message.value!).kind)).toBe(true);
    }
  });

  it('refuses to start when a topic is missing, naming it, and creates nothing', async () => {
    const topics = await topicsForKinds();
    const missing = uniqueName('usage-missing');
    const simulation = createSimulation({ seed: 1, customers: 3, days: 90, usageScale: 0.05 });
    const attempt = produceEvents({ kafka: testKafka(), events: simulation.events(), topics: { ...topics, usage: missing } });
    await expect(attempt).rejects.toBeInstanceOf(MissingTopicsError);
    await expect(attempt).rejects.toMatchObject({ code: 'SIMULATOR_TOPICS_MISSING', topics: [missing] });
    const admin = testKafka().admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).not.toContain(missing);
    } finally {
      await admin.disconnect();
    }
    expect(await readWholeTopic(topics.purchase)).toEqual([]);
  });
});
