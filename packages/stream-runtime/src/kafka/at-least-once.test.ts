import { createLogger } from '@churnwatch/telemetry';
import type { Kafka, TopicMessages } from 'kafkajs';
import { expect, test } from 'vitest';
import { createAtLeastOnceDelivery } from './at-least-once.ts';
import { type Chunk, type CommitOffsets, DeliveryError } from './delivery.ts';

const chunk = {
  outputs: [{ topic: 'signals', messages: [{ value: 'a' }] }],
  changelog: [{ topic: 'changelog', messages: [{ key: 'k', value: 'b' }] }],
  offsets: { groupId: 'app', topics: [{ topic: 'events', partitions: [{ partition: 0, offset: '5' }] }] },
};

/** A delivery whose producer records the topics of each batch it sends; `afterSend` runs after each. */
function recordingDelivery(membershipHeld: () => boolean, afterSend: (sent: string[][]) => void = () => {}, maxRequestBytes = 1 << 20) {
  const sent: string[][] = [];
  const committed: CommitOffsets[] = [];
  const producer = {
    connect: async () => {},
    disconnect: async () => {},
    sendBatch: async ({ topicMessages }: { topicMessages: TopicMessages[] }) => {
      sent.push(topicMessages.map((t) => t.topic));
      afterSend(sent);
      return [];
    },
  };
  const kafka = { producer: () => producer } as unknown as Kafka;
  const delivery = createAtLeastOnceDelivery({ kafka, logger: createLogger({ service: 'test', level: 'silent' }), maxRequestBytes, membershipHeld });
  const deliver = (delivered: Chunk = chunk) =>
    delivery.deliver(0, delivered, async (offsets) => {
      committed.push(offsets);
    });
  return { sent, committed, deliver };
}

test('outputs, then the changelog, then the offsets, while the membership lease holds; nothing once it has lapsed', async () => {
  const { sent, committed, deliver } = recordingDelivery(() => true);
  await deliver();
  expect(sent).toEqual([['signals'], ['changelog']]);
  expect(committed).toEqual([chunk.offsets]);

  const lapsed = recordingDelivery(() => false);
  await expect(lapsed.deliver()).rejects.toBeInstanceOf(DeliveryError);
  expect(lapsed.sent).toEqual([]);
  expect(lapsed.committed).toEqual([]);
});

test('when the lease lapses while the outputs are sent, the changelog is not written and the chunk is redone', async () => {
  let held = true;
  const { sent, committed, deliver } = recordingDelivery(
    () => held,
    () => {
      held = false;
    },
  );
  const failure = await deliver().catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(DeliveryError);
  expect((failure as DeliveryError).outcome).toBe('aborted');
  expect(sent).toEqual([['signals']]);
  expect(committed).toHaveLength(0);
});

test('a lease that lapses between two changelog requests stops the rest: the instance may have been frozen there', async () => {
  let held = true;
  const { sent, committed, deliver } = recordingDelivery(
    () => held,
    (sent) => {
      if (sent.length === 2) held = false;
    },
    // Small enough that each changelog record goes in a request of its own.
    64,
  );
  const changelog = [{ topic: 'changelog', messages: ['k1', 'k2', 'k3'].map((key) => ({ key, value: 'x'.repeat(40) })) }];
  const failure = await deliver({ ...chunk, changelog }).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(DeliveryError);
  expect(sent).toEqual([['signals'], ['changelog']]);
  expect(committed).toHaveLength(0);
});
