import type { OutputRecord } from '@churnwatch/stream-runtime';
import { deterministicId } from '../ids.ts';
import { isoOf } from '../time/days.ts';
import type { SignalConcern, SignalV1 } from './signal-contract.ts';

/**
 * What a monitor states; the emitter adds the envelope. The evidence may come as a function: it
 * is not part of what decides a change, so it is built only for a signal that is sent.
 */
export type SignalDraft = Omit<SignalV1, 'schemaVersion' | 'eventId' | 'customerId' | 'eventTime' | 'concern' | 'evidence'> & {
  readonly evidence: SignalV1['evidence'] | (() => SignalV1['evidence']);
};

/** What the emitter remembers per customer: how many signals it sent and what the last one said. */
export interface SignalMemo {
  readonly sent: number;
  /** A hash of the last signal's content (see `contentOf`). */
  readonly lastContent: string | null;
}

export const EMPTY_SIGNAL_MEMO: SignalMemo = { sent: 0, lastContent: null };

/**
 * The content that decides whether an assessment changed: everything but the envelope, the raw
 * evidence numbers (which move a little every day; what matters in them is in each finding's
 * fingerprint and in the details) and `lastUsageAt`, which moves with every usage event: the
 * signal carries it as of when it is sent, but a new value alone is no news for the risk scorer.
 */
function contentOf(draft: SignalDraft): string {
  const { lastUsageAt: _movesWithEveryEvent, ...facts } = draft.facts;
  return JSON.stringify([
    draft.factor === null ? null : [Math.round(draft.factor.value * 100), draft.factor.detail],
    draft.detail,
    draft.findings.map((finding) => [finding.kind, finding.severity, finding.since, finding.fingerprint]),
    facts,
  ]);
}

/**
 * The content text each memo's hash was made from. The memo is state (its hash is what a restored
 * state compares against); this only spares hashing the same text again while a memo stays in
 * use, which it does for the many events that change nothing. Forgotten with the memo.
 */
const hashedTexts = new WeakMap<SignalMemo, string>();

/**
 * Emits the draft on `signals` when it differs from the last signal sent, with a deterministic
 * id (customer, concern, sequence number). Pure.
 */
export function emitSignalIfChanged(
  memo: SignalMemo,
  concern: SignalConcern,
  customerId: string,
  nowMs: number,
  draft: SignalDraft,
): { memo: SignalMemo; outputs: OutputRecord[] } {
  const text = contentOf(draft);
  if (memo.lastContent !== null && hashedTexts.get(memo) === text) return { memo, outputs: [] };
  const content = deterministicId('content', text);
  if (content === memo.lastContent) {
    hashedTexts.set(memo, text);
    return { memo, outputs: [] };
  }
  const sent = memo.sent + 1;
  const eventId = deterministicId('sig', customerId, concern, sent);
  const evidence = typeof draft.evidence === 'function' ? draft.evidence() : draft.evidence;
  const signal: SignalV1 = { schemaVersion: 1, eventId, customerId, eventTime: isoOf(nowMs), concern, ...draft, evidence };
  const sentMemo: SignalMemo = { sent, lastContent: content };
  hashedTexts.set(sentMemo, text);
  return { memo: sentMemo, outputs: [{ output: 'signals', key: customerId, value: signal, id: eventId, eventTimeMs: nowMs }] };
}
