import { ChurnwatchError } from '@churnwatch/errors';

/**
 * A model could not be evaluated or fitted: arguments outside the model's domain, a series that
 * does not converge, an optimiser that found no finite likelihood. Not retriable: the same input
 * fails the same way.
 */
export class PurchaseModelError extends ChurnwatchError {
  constructor(
    code: 'PURCHASE_MODEL_DOMAIN' | 'PURCHASE_MODEL_NOT_CONVERGED' | 'PURCHASE_MODEL_FIT_FAILED',
    message: string,
    context: Record<string, unknown> = {},
  ) {
    super(code, message, { context });
  }
}

/** A line of a purchase file that cannot be read; `line` is 1-based. */
export class PurchaseInputError extends ChurnwatchError {
  readonly line: number;

  constructor(source: string, line: number, message: string) {
    super('PURCHASE_INPUT_INVALID', `${source}:${line}: ${message}`, { context: { source, line } });
    this.line = line;
  }
}
