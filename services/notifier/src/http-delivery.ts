import { type BackoffSettings, backoffDelayMs, classifyStatus, retryAfterMs } from './delivery-policy.ts';
import type { NotificationRequest } from './notification-request.ts';
import { signatureHeaders } from './webhook-signing.ts';

export interface DeliverySettings {
  readonly maxAttempts: number;
  readonly requestTimeoutMs: number;
  readonly backoff: BackoffSettings;
}

export type DeliveryResult =
  | { readonly delivered: true; readonly attempts: number }
  | { readonly delivered: false; readonly attempts: number; readonly reason: string };

export interface DeliveryHooks {
  /** Aborted on shutdown: the delivery stops and the alert is delivered again after the restart. */
  readonly signal: AbortSignal;
  /**
   * Called every `keepAliveEveryMs` while a request is in flight and while waiting between
   * attempts, so the consumer group does not think we died: a receiver that hangs for longer than
   * the session timeout must not cost the route its partitions.
   */
  readonly keepAlive: () => Promise<void>;
  /** Default 2 000 ms, well inside any session timeout. */
  readonly keepAliveEveryMs?: number;
  readonly onAttempt?: (outcome: 'delivered' | 'retry' | 'rejected', seconds: number) => void;
}

const defaultKeepAliveEveryMs = 2_000;

async function pause(ms: number, hooks: DeliveryHooks): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    hooks.signal.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, Math.min(hooks.keepAliveEveryMs ?? defaultKeepAliveEveryMs, until - Date.now())));
    await hooks.keepAlive();
  }
}

/** Runs `request` with keep-alives beside it; a keep-alive that fails is left to the next one, or to the pause after the attempt. */
async function withKeepAlive<T>(request: () => Promise<T>, hooks: DeliveryHooks): Promise<T> {
  const timer = setInterval(() => void hooks.keepAlive().catch(() => undefined), hooks.keepAliveEveryMs ?? defaultKeepAliveEveryMs);
  try {
    return await request();
  } finally {
    clearInterval(timer);
  }
}

/** POSTs the request until it is delivered, rejected for good, or out of attempts. */
export async function deliver(request: NotificationRequest, settings: DeliverySettings, hooks: DeliveryHooks): Promise<DeliveryResult> {
  let lastReason = 'no attempt made';
  for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
    hooks.signal.throwIfAborted();
    const started = performance.now();
    let retryAfter: number | undefined;
    try {
      const response = await withKeepAlive(async () => {
        const answer = await fetch(request.url, {
          method: 'POST',
          // Signed per attempt: the timestamp is the send time, which receivers check against their clock.
          headers: request.signing
            ? { ...request.headers, ...signatureHeaders(request.signing.id, Math.floor(Date.now() / 1000), request.body, request.signing.keys) }
            : request.headers,
          body: request.body,
          signal: AbortSignal.any([hooks.signal, AbortSignal.timeout(settings.requestTimeoutMs)]),
        });
        // The body means nothing to delivery (only the status does); read so the connection is reused.
        await answer.arrayBuffer().catch(() => undefined);
        return answer;
      }, hooks);
      const outcome = classifyStatus(response.status);
      hooks.onAttempt?.(outcome.kind, (performance.now() - started) / 1000);
      if (outcome.kind === 'delivered') return { delivered: true, attempts: attempt };
      if (outcome.kind === 'rejected') return { delivered: false, attempts: attempt, reason: `rejected: ${outcome.reason}` };
      lastReason = outcome.reason;
      retryAfter = retryAfterMs(response.headers.get('retry-after'), settings.backoff.maxDelayMs, Date.now());
    } catch (error) {
      hooks.signal.throwIfAborted();
      hooks.onAttempt?.('retry', (performance.now() - started) / 1000);
      lastReason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    if (attempt < settings.maxAttempts) await pause(retryAfter ?? backoffDelayMs(attempt, settings.backoff, Math.random()), hooks);
  }
  return { delivered: false, attempts: settings.maxAttempts, reason: `gave up after ${settings.maxAttempts} attempts: ${lastReason}` };
}
