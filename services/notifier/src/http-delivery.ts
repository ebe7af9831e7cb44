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
  /** Called while waiting between attempts, so the consumer group does not think we died. */
  readonly keepAlive: () => Promise<void>;
  readonly onAttempt?: (outcome: 'delivered' | 'retry' | 'rejected', seconds: number) => void;
}

async function pause(ms: number, hooks: DeliveryHooks): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    hooks.signal.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, until - Date.now())));
    await hooks.keepAlive();
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
      const response = await fetch(request.url, {
        method: 'POST',
        // Signed per attempt: the timestamp is the send time, which receivers check against their clock.
        headers: request.signing
          ? { ...request.headers, ...signatureHeaders(request.signing.id, Math.floor(Date.now() / 1000), request.body, request.signing.keys) }
          : request.headers,
        body: request.body,
        signal: AbortSignal.any([hooks.signal, AbortSignal.timeout(settings.requestTimeoutMs)]),
      });
      await response.arrayBuffer().catch(() => undefined);
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
