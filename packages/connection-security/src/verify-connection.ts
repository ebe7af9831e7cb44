import { Kafka, logLevel } from 'kafkajs';
import { classifyConnectionFailure, KafkaConnectionRefusedError } from './connection-failure.ts';
import { kafkaClientSecurity } from './kafka-client-options.ts';
import type { KafkaSecurity } from './kafka-security.ts';

/**
 * One connection attempt (TCP, TLS handshake, SASL login, a metadata request) before the service's
 * clients settle into their retry loops: wrong credentials and TLS mismatches then stop start-up at
 * once with KafkaConnectionRefusedError instead of being retried as "broker not reachable" until
 * a deadline. An unreachable broker is left to the caller's retries. A client of its own, without
 * retries (a client's retry settings also govern its connects), bounded by `timeoutMs`.
 */
export async function verifyKafkaConnection(brokers: readonly string[], security: KafkaSecurity, timeoutMs = 20_000): Promise<void> {
  const kafka = new Kafka({
    clientId: 'churnwatch-connection-check',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    ...kafkaClientSecurity(security),
  });
  const admin = kafka.admin({ retry: { retries: 0 } });
  let timer: NodeJS.Timeout | undefined;
  const attempt = (async () => {
    await admin.connect();
    await admin.describeCluster();
  })();
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  attempt.catch(() => {});
  try {
    await Promise.race([attempt, timeout]);
  } catch (error) {
    const failure = classifyConnectionFailure(error, security, brokers);
    if (failure.kind !== 'unreachable') throw new KafkaConnectionRefusedError(failure.kind, failure.message, error);
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => {});
  }
}
