import { KafkaConnectionRefusedError } from '@churnwatch/connection-security';
import { BrokerUnavailableError, retry } from '@churnwatch/stream-runtime';
import type { Logger } from '@churnwatch/telemetry';

export interface StartupConnectOptions {
  readonly brokers: readonly string[];
  /** Give up when the next attempt would start after this long. */
  readonly startupTimeoutMs: number;
  readonly logger: Pick<Logger, 'warn'>;
  /** One connection check before each attempt: refused credentials or TLS reject at once (the shell's verifyKafka). */
  readonly verify: () => Promise<void>;
  readonly firstWaitMs?: number;
  readonly maxWaitMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One attempt, bounded: a client's own connection retries could otherwise use up the whole start-up time silently. */
async function within<T>(connect: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
  const abandon = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`no answer within ${timeoutMs} ms`);
      abandon.abort(error);
      reject(error);
    }, timeoutMs);
  });
  const attempt = connect(abandon.signal);
  attempt.catch(() => {});
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Connects through `connect`, retrying while Kafka is not reachable (a broker still starting, a
 * network not yet up) until the start-up timeout, with one warning per failed attempt that names
 * the brokers and the next wait. Each attempt gets a third of the time left (1–15 s); `connect`
 * must let go of what it opened when its signal aborts. A refused login or TLS mismatch is not a
 * passing fault: thrown at once. Past the timeout: BrokerUnavailableError with the last failure.
 */
export async function connectWithinStartup<T>(connect: (signal: AbortSignal) => Promise<T>, options: StartupConnectOptions): Promise<T> {
  const { brokers, startupTimeoutMs, logger, verify, firstWaitMs = 1_000, maxWaitMs = 15_000, sleep = sleepFor, now = Date.now } = options;
  const deadlineMs = now() + startupTimeoutMs;
  const where = brokers.join(',');
  try {
    return await retry(
      async () => {
        await verify();
        return within(connect, Math.max(1_000, Math.min(15_000, Math.round((deadlineMs - now()) / 3))));
      },
      {
        initialMs: firstWaitMs,
        maxMs: maxWaitMs,
        waitMs: (attempt) => Math.min(maxWaitMs, firstWaitMs * 2 ** (attempt - 1)),
        retriable: (error) => !(error instanceof KafkaConnectionRefusedError),
        deadlineMs,
        now,
        sleep,
        onRetry: (error, attempt, waitMs) =>
          logger.warn(
            { err: error, attempt, retryInMs: waitMs, brokers: where },
            `Kafka is not reachable at ${where}: ${(error as Error).message}; retrying in ${waitMs} ms`,
          ),
      },
    );
  } catch (error) {
    if (error instanceof KafkaConnectionRefusedError) throw error;
    throw new BrokerUnavailableError(`Kafka was not reachable at ${where} within ${startupTimeoutMs} ms: ${(error as Error).message}`, error);
  }
}
