/** What the notifier's webhook receiver does, phase by phase, in the slow-downstream scenario. */
export const downstreamPhases = ['healthy', 'hang', 'rate-limit', 'garbage'] as const;
export type DownstreamPhase = (typeof downstreamPhases)[number];

export type ReceiverAnswer =
  | { readonly kind: 'hang' }
  | { readonly kind: 'answer'; readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string };

export interface ReceiverState {
  /** When the rate limiter last let a request through, ms. */
  readonly lastAllowedMs: number;
  /** Requests answered in the garbage phase so far. */
  readonly garbageAnswers: number;
}

export const initialReceiverState: ReceiverState = { lastAllowedMs: Number.NEGATIVE_INFINITY, garbageAnswers: 0 };

/** The rate limit: one request a second; the rest get 429 with Retry-After: 1. */
const rateLimitWindowMs = 1_000;

const json = { 'content-type': 'application/json' };

/**
 * Pure: the answer to one request in `phase` at `nowMs`. Healthy: 200. Hang: the request is read
 * and never answered. Rate-limit: one request a second passes, the others get 429 with a
 * Retry-After. Garbage: a 500 with a broken body, then a 200 whose body is nonsense, in turn (a
 * sender that read meaning into a 2xx body would trip on it).
 */
export function answerFor(phase: DownstreamPhase, state: ReceiverState, nowMs: number): { answer: ReceiverAnswer; state: ReceiverState } {
  switch (phase) {
    case 'healthy':
      return { answer: { kind: 'answer', status: 200, headers: json, body: '{"ok":true}' }, state };
    case 'hang':
      return { answer: { kind: 'hang' }, state };
    case 'rate-limit':
      if (nowMs - state.lastAllowedMs >= rateLimitWindowMs)
        return { answer: { kind: 'answer', status: 200, headers: json, body: '{"ok":true}' }, state: { ...state, lastAllowedMs: nowMs } };
      return { answer: { kind: 'answer', status: 429, headers: { ...json, 'retry-after': '1' }, body: '{"error":"slow down"}' }, state };
    case 'garbage': {
      const next = { ...state, garbageAnswers: state.garbageAnswers + 1 };
      return state.garbageAnswers % 2 === 0
        ? { answer: { kind: 'answer', status: 500, headers: json, body: '{"error": <<<stack trace' }, state: next }
        : { answer: { kind: 'answer', status: 200, headers: json, body: '\u0000\u00ff{"ok": maybe}]]' }, state: next };
    }
  }
}
