/** How one HTTP attempt ended. */
export type AttemptOutcome =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'retry'; readonly reason: string }
  | { readonly kind: 'rejected'; readonly reason: string };

/**
 * 2xx delivered; 408, 425, 429 and 5xx (and network errors) are worth retrying; any other status
 * means the receiver will never take this request as it is.
 */
export function classifyStatus(status: number): AttemptOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 408 || status === 425 || status === 429 || status >= 500) return { kind: 'retry', reason: `HTTP ${status}` };
  return { kind: 'rejected', reason: `HTTP ${status}` };
}

export interface BackoffSettings {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Exponential backoff with "equal jitter": half the capped delay is fixed, half is random, so
 * retries of many notifiers spread out but never come sooner than half the nominal delay.
 * `random` is a number in [0, 1) supplied by the caller, which keeps this function pure.
 */
export function backoffDelayMs(attempt: number, settings: BackoffSettings, random: number): number {
  const capped = Math.min(settings.maxDelayMs, settings.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(capped / 2 + (capped / 2) * random);
}

/**
 * A Retry-After header overrides the computed delay, within the configured maximum. It comes in
 * two forms (RFC 9110): delay-seconds ("120") or an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT"),
 * which is measured from `nowMs`; a date already past means "now". Anything else is ignored.
 */
export function retryAfterMs(header: string | null, maxDelayMs: number, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(maxDelayMs, Number(text) * 1000);
  // An IMF-fixdate, or the obsolete RFC 850 and asctime forms that Date.parse also reads.
  if (!/^[A-Za-z]{3,9}, ?\d|^[A-Za-z]{3} [A-Za-z]{3} /.test(text)) return undefined;
  const atMs = Date.parse(text);
  if (Number.isNaN(atMs)) return undefined;
  return Math.min(maxDelayMs, Math.max(0, atMs - nowMs));
}
