import type { Logger } from '@churnwatch/telemetry';
import type { Kafka, Producer } from 'kafkajs';
import { MembershipLapsedError } from '../errors.ts';
import { type Delivery, DeliveryError, needsNewProducer } from './delivery.ts';
import { splitIntoRequests } from './request-split.ts';

/**
 * At-least-once: outputs are sent and acknowledged first, then the changelog, then the offsets are
 * committed. A crash between the steps repeats work but loses nothing: outputs re-sent carry the
 * same ids, and records whose state change already reached the changelog are recognised by their
 * event ids after the restore (their outputs were acknowledged before the changelog was written).
 * Nothing is sent while the instance's membership lease has lapsed (membership-lease.ts).
 */
export function createAtLeastOnceDelivery(options: {
  kafka: Kafka;
  logger: Logger;
  maxRequestBytes: number;
  /** Whether the instance may still count itself a group member (membership-lease.ts); checked before every request. */
  membershipHeld?: () => boolean;
}): Delivery {
  const { kafka, logger, maxRequestBytes, membershipHeld = () => true } = options;
  let producer: Producer | undefined;
  const connected = async (): Promise<Producer> => {
    if (!producer) {
      const created = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await created.connect();
      producer = created;
    }
    return producer;
  };
  const replace = async (error: unknown) => {
    if (!needsNewProducer(error)) return;
    logger.warn({ err: error }, 'the producer is in an unusable state; replacing it');
    const old = producer;
    producer = undefined;
    await old?.disconnect().catch(() => {});
  };
  return {
    mode: 'at-least-once',
    openPartition: async () => {
      await connected();
    },
    closePartition: async () => {},
    async deliver(_partition, chunk, commitConsumerOffsets) {
      try {
        const sender = await connected();
        // A former owner's records do harm: its changelog sets the new owner's state back, and an
        // output of work it did on a stale view takes the id of the new owner's output first. It
        // may have been frozen, or have waited for the broker, past a session timeout at any await:
        // the lease is checked before every request. One request after another: each topic's
        // records stay in order across requests.
        for (const records of [chunk.outputs, chunk.changelog]) {
          for (const topicMessages of splitIntoRequests(records, maxRequestBytes)) {
            if (!membershipHeld()) throw new MembershipLapsedError();
            await sender.sendBatch({ topicMessages, acks: -1 });
          }
        }
      } catch (error) {
        await replace(error);
        throw new DeliveryError('aborted', error);
      }
      if (chunk.offsets) await commitConsumerOffsets(chunk.offsets);
    },
    async close() {
      await producer?.disconnect();
      producer = undefined;
    },
  };
}
