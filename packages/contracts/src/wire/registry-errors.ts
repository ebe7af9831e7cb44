import { ChurnwatchError } from '@churnwatch/errors';

/** The schema registry could not be asked (down, timing out, answering 5xx): retry, never dead-letter. */
export class RegistryUnavailableError extends ChurnwatchError {
  constructor(operation: string, cause: unknown) {
    super('REGISTRY_UNAVAILABLE', `schema registry unavailable during ${operation}: ${describe(cause)}`, {
      retriable: true,
      cause,
      context: { operation },
    });
  }
}

/** The registry refused a request in a way retrying will not fix (bad schema, incompatible change). */
export class RegistryRejectedError extends ChurnwatchError {
  constructor(operation: string, cause: unknown) {
    super('REGISTRY_REJECTED', `schema registry rejected ${operation}: ${describe(cause)}`, { cause, context: { operation } });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** HTTP status of an error thrown by the registry client, when it carries one. */
export function registryStatus(error: unknown): number | undefined {
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : undefined;
}

/**
 * True when the registry answered and said "no such schema". The client reports connection
 * failures with a made-up status 400 and no registry error code, so only a real 404 counts.
 */
export function isSchemaNotFound(error: unknown): boolean {
  return registryStatus(error) === 404;
}

/** 4xx answers other than a transport failure are the registry's considered "no". */
export function isRegistryRefusal(error: unknown): boolean {
  const status = registryStatus(error);
  if (status === undefined || status < 400 || status >= 500) return false;
  const message = error instanceof Error ? error.message : '';
  return !/ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|socket hang up|timeout/i.test(message);
}
