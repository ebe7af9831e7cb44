import { BrokerUnavailableError, TopologyError } from '../errors.ts';
import { retry } from './retry.ts';
import type { RuntimeContext } from './runtime-context.ts';
import { prepareTopics } from './topics.ts';

/**
 * Connects the admin client and checks (or creates) the topics, retrying an unreachable broker
 * until `startupTimeoutMs`; a topology that is wrong stops at once. Returns the inputs' partition count.
 */
export async function connectWithRetry<S>(ctx: RuntimeContext<S>): Promise<number> {
  const { tuning, logger, options } = ctx;
  const brokers = options.brokers?.join(',') ?? 'the configured brokers';
  const deadline = Date.now() + tuning.startupTimeoutMs;

  /** One bounded attempt: kafkajs' own connection retries can otherwise keep a single attempt busy for minutes. */
  const attempt = async (timeoutMs: number): Promise<number> => {
    const admin = options.kafka.admin({ retry: { retries: 1, initialRetryTime: 200 } });
    ctx.admin = admin;
    const work = (async () => {
      await admin.connect();
      return prepareTopics(admin, {
        inputs: ctx.inputTopics,
        outputs: [...new Set([...[...ctx.routes.values()].map((route) => route.topic), options.deadLetterTopic])],
        changelog: ctx.changelogTopic,
        groupId: ctx.applicationId,
        replicationFactor: tuning.replicationFactor,
      });
    })();
    work.catch(() => {});
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BrokerUnavailableError(`no answer within ${timeoutMs} ms`, undefined)), timeoutMs);
    });
    try {
      return await Promise.race([work, timeout]);
    } catch (error) {
      await admin.disconnect().catch(() => {});
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };

  try {
    return await retry(() => attempt(Math.max(1_000, Math.min(15_000, (deadline - Date.now()) / 3))), {
      initialMs: tuning.retryInitialMs * 5,
      maxMs: tuning.retryMaxMs,
      retriable: (error) => !(error instanceof TopologyError),
      deadlineMs: deadline,
      onRetry: (error, n, waitMs) =>
        logger.warn(
          { err: error, attempt: n, retryInMs: waitMs, brokers },
          `Kafka is not reachable at ${brokers}: ${(error as Error).message}; retrying in ${waitMs} ms`,
        ),
    });
  } catch (error) {
    if (error instanceof TopologyError) throw error;
    throw new BrokerUnavailableError(`Kafka was not reachable within ${tuning.startupTimeoutMs} ms: ${(error as Error).message}`, error);
  }
}
