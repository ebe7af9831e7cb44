import type { Kafka } from 'kafkajs';
import { classifyConnectionFailure, KafkaConnectionRefusedError } from './connection-failure.ts';
import type { KafkaSecurity } from './kafka-security.ts';

/**
 * One connection attempt (TCP, TLS handshake, SASL login, a metadata request) before a client
 * settles into its retry loops: wrong credentials and TLS mismatches then stop start-up at once
 * with KafkaConnectionRefusedError instead of being retried as "broker not reachable" until a
 * deadline. An unreachable broker is left to the caller's retries. Bounded by `timeoutMs`.
 */
export async function verifyKafkaConnection(kafka: Kafka, security: KafkaSecurity, brokers: readonly string[], timeoutMs = 20_000): Promise<void> {
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
    const outcome = await Promise.race([attempt.then(() => 'connected' as const), timeout]);
    if (outcome === 'timeout') return;
  } catch (error) {
    const failure = classifyConnectionFailure(error, security, brokers);
    if (failure.kind !== 'unreachable') throw new KafkaConnectionRefusedError(failure.kind, failure.message, error);
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => {});
  }
}
