import type { Logger } from '@churnwatch/telemetry';

export interface ProcessShutdownOptions {
  readonly logger: Logger;
  /** After this long the process exits 1 whatever is still running. */
  readonly timeoutMs: number;
  /** The service's own stopping (runtime, clients), then its HTTP server; their failures are logged. */
  readonly stop: () => Promise<void>;
  readonly closeHttp: () => Promise<void>;
}

export interface ProcessShutdown {
  /** Stops once (later calls get the same promise), flushes the log and exits with `code`. */
  shutdown(code: number, reason: string): Promise<never>;
  /** Logs `reason` as fatal and shuts down with exit 1. */
  fail(reason: string, error?: unknown): Promise<never>;
}

/**
 * The end of a service process, shared by every service: SIGTERM and SIGINT stop it with exit 0,
 * an uncaught exception or unhandled rejection with exit 1, and a deadline bounds the whole stop.
 */
export function bindProcessShutdown(options: ProcessShutdownOptions): ProcessShutdown {
  const { logger, timeoutMs } = options;
  let exiting: Promise<never> | undefined;
  const shutdown = (code: number, reason: string): Promise<never> => {
    if (exiting) return exiting;
    exiting = (async () => {
      logger.info({ reason, code }, 'shutting down');
      const deadline = setTimeout(() => {
        logger.error({ shutdownTimeoutMs: timeoutMs }, 'shutdown took too long; exiting');
        logger.flush();
        process.exit(1);
      }, timeoutMs);
      await options.stop();
      await options.closeHttp().catch(() => {});
      // The deadline also bounds the flush: a log destination that stopped draining (a closed
      // pipe, a full disk) must not keep the process alive.
      await new Promise<void>((resolve) => logger.flush(() => resolve()));
      clearTimeout(deadline);
      process.exit(code);
    })();
    return exiting;
  };
  const fail = (reason: string, error?: unknown): Promise<never> => {
    logger.fatal({ err: error }, reason);
    return shutdown(1, reason);
  };
  process.once('SIGTERM', () => void shutdown(0, 'SIGTERM'));
  process.once('SIGINT', () => void shutdown(0, 'SIGINT'));
  process.on('uncaughtException', (error) => void fail('uncaught exception', error));
  process.on('unhandledRejection', (error) => void fail('unhandled rejection', error));
  return { shutdown, fail };
}
