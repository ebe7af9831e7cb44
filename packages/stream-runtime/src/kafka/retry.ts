import { ChurnwatchError } from '@churnwatch/errors';
import { RequestTimeoutError } from '../errors.ts';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `work`, or a rejection naming `what` once `ms` have passed without its answer: a kafkajs request
 * caught in a broker restart can stay unanswered for good, and whoever waits for it with it.
 */
export async function withinMs<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RequestTimeoutError(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Exponential backoff with jitter: attempt 1 waits about `initialMs`, then doubling up to `maxMs`. */
export function backoffMs(attempt: number, initialMs: number, maxMs: number): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * The runtime's reading of "may succeed if tried again": a churnwatch error says so itself
 * (`retriable`); anything else (a kafkajs connection or coordinator error, a timeout) is taken for
 * a passing infrastructure fault. Bad data and bugs are churnwatch errors with `retriable: false`.
 */
export function isTransient(error: unknown): boolean {
  return error instanceof ChurnwatchError ? error.retriable : true;
}

export interface RetryOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  /** Retry only errors this accepts; others are thrown at once. */
  readonly retriable: (error: unknown) => boolean;
  /** Gives up after this many attempts (the last error is thrown). */
  readonly maxAttempts?: number;
  /** Gives up (the last error is thrown) when the next wait would end after this wall-clock time, ms since the epoch. */
  readonly deadlineMs?: number;
  /** Between the wait and the next attempt: may throw to stop retrying (a stop request, a revoked partition). */
  readonly beforeRetry?: () => void | Promise<void>;
  /** Called before each wait; for a log line. */
  readonly onRetry?: (error: unknown, attempt: number, waitMs: number) => void;
  /** Backoff of one attempt; exponential with jitter by default. */
  readonly waitMs?: (attempt: number) => number;
  /** The wall clock and the wait, replaceable in tests. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Runs `operation` until it succeeds, waiting between attempts; the one retry loop of the runtime and the services. */
export async function retry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!options.retriable(error)) throw error;
      if (options.maxAttempts !== undefined && attempt >= options.maxAttempts) throw error;
      const waitMs = options.waitMs ? options.waitMs(attempt) : backoffMs(attempt, options.initialMs, options.maxMs);
      if (options.deadlineMs !== undefined && (options.now ?? Date.now)() + waitMs > options.deadlineMs) throw error;
      options.onRetry?.(error, attempt, waitMs);
      await (options.sleep ?? sleep)(waitMs);
      await options.beforeRetry?.();
    }
  }
}
