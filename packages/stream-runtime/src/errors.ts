import { ChurnwatchError } from '@churnwatch/errors';

/** A processor threw or broke its contract: a bug, not bad data. The runtime stops rather than skip the record. */
export class ProcessorError extends ChurnwatchError {
  constructor(message: string, context: Record<string, unknown>, cause?: unknown) {
    super('PROCESSOR_FAILED', message, { context, cause, retriable: false });
  }
}

/** Topics are missing, not co-partitioned, or otherwise unusable; start-up stops with this. */
export class TopologyError extends ChurnwatchError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super('TOPOLOGY_INVALID', message, { context, retriable: false });
  }
}

/** The broker could not be reached within the start-up budget. */
export class BrokerUnavailableError extends ChurnwatchError {
  constructor(message: string, cause: unknown) {
    super('BROKER_UNAVAILABLE', message, { cause, retriable: true });
  }
}

/** A restore of a changelog partition could not finish (the runtime is stopping or lost the partition). */
export class RestoreAbortedError extends ChurnwatchError {
  constructor(message: string, context: Record<string, unknown>) {
    super('RESTORE_ABORTED', message, { context, retriable: true });
  }
}

/**
 * A changelog record cannot be decoded: the state of that partition cannot be rebuilt from its
 * changelog. Trying again reads the same bytes, so the partition stops (not ready, with this
 * reason) until the store is rebuilt from its input (see the README, "Corrupt state").
 */
export class CorruptStateError extends ChurnwatchError {
  constructor(message: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super('STATE_CORRUPT', message, { context, cause, retriable: false });
  }
}

/** The kafkajs consumer crashed and will not (or did too often without progress) restart. */
export class ConsumerFailedError extends ChurnwatchError {
  constructor(message: string, cause: unknown) {
    super('CONSUMER_FAILED', message, { cause, retriable: false });
  }
}

/** A batch reached a consumer that a successor replaced (group-consumer.ts): refused, so that it is never worked on twice. */
export class RetiredConsumerError extends ChurnwatchError {
  constructor() {
    super('CONSUMER_RETIRED', 'this consumer was replaced and takes no more batches', { retriable: false });
  }
}

/** A request to Kafka got no answer in time (see withinMs): it is given up, and may be tried again. */
export class RequestTimeoutError extends ChurnwatchError {
  constructor(message: string) {
    super('REQUEST_TIMEOUT', message, { retriable: true });
  }
}

/**
 * At least once, a send was given up because no heartbeat had been answered for nearly a session
 * timeout: the group may have moved the partition (membership-lease.ts). The work is redone from
 * the last commit.
 */
export class MembershipLapsedError extends ChurnwatchError {
  constructor() {
    super('MEMBERSHIP_LAPSED', 'no heartbeat answered for nearly a session timeout: the send was given up', { retriable: true });
  }
}
