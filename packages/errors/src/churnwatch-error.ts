export interface ChurnwatchErrorOptions {
  /** True when the same operation may succeed if tried again (broker down, registry timeout). */
  readonly retriable?: boolean;
  readonly cause?: unknown;
  /** Machine-readable facts about where it happened (topic, partition, field…). */
  readonly context?: Readonly<Record<string, unknown>>;
}

/**
 * Base of every error churnwatch throws on purpose. `code` is stable and meant for programs
 * (alerts, metrics, tests); `message` is for people.
 */
export class ChurnwatchError extends Error {
  readonly code: string;
  readonly retriable: boolean;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, options: ChurnwatchErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = options.retriable ?? false;
    this.context = options.context ?? {};
  }
}

/** Invalid configuration: start-up stops with a message naming every bad field. */
export class ConfigError extends ChurnwatchError {
  readonly issues: readonly string[];

  constructor(source: string, issues: readonly string[]) {
    super('CONFIG_INVALID', `invalid configuration in ${source}:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`, { context: { source } });
    this.issues = issues;
  }
}

export function isRetriable(error: unknown): boolean {
  if (error instanceof ChurnwatchError) return error.retriable;
  // kafkajs marks its own errors with `retriable`.
  return typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === true;
}
