import type { TimerRequest } from '@churnwatch/stream-runtime';
import type { NpsAnswer, RiskScorerState } from './scorer-state.ts';

/** The timer that applies the earliest pending NPS answer once the customer's clock reaches it. */
export const NPS_ANSWER_TIMER = 'scorer-nps-answer';

/**
 * How many answers ahead of the customer's clock are kept; beyond it the earliest is taken as
 * the current answer at once (a later one is already waiting, so only its moment is lost).
 */
export const MAX_PENDING_NPS = 16;

/**
 * Files an NPS answer. The feedback topic is a table beside the monitors' signals: in a backfill
 * it is read far ahead of them, and an answer taken at once would score (and, for a manual
 * renewer, put at risk) a customer on an opinion given months after the signals being judged. So
 * an answer later than the customer's clock waits until the clock gets there (the timer), as it
 * does in a replay, where every input comes in event-time order; an earlier one, the usual case
 * live, applies now. Pure.
 */
export function fileNpsAnswer(state: RiskScorerState, answer: NpsAnswer): { state: RiskScorerState; timer: TimerRequest | null } {
  if (answer.atMs <= state.clockMs) return { state: { ...state, nps: latestOf(state.nps, answer) }, timer: null };
  const waiting = [...(state.pendingNps ?? []), answer].sort((a, b) => a.atMs - b.atMs);
  const overflow = waiting.length > MAX_PENDING_NPS ? waiting.splice(0, waiting.length - MAX_PENDING_NPS) : [];
  const nps = overflow.reduce(latestOf, state.nps);
  return { state: { ...state, nps, pendingNps: waiting }, timer: timerFor(waiting) };
}

/** Applies the answers given up to `nowMs` (the latest of them becomes the current one). Pure. */
export function applyDueNpsAnswers(state: RiskScorerState, nowMs: number): { state: RiskScorerState; timer: TimerRequest | null } {
  const pending = state.pendingNps ?? [];
  const due = pending.filter((answer) => answer.atMs <= nowMs);
  if (due.length === 0) return { state, timer: timerFor(pending) };
  const waiting = pending.slice(due.length);
  const { pendingNps: _applied, ...rest } = state;
  return { state: { ...rest, nps: due.reduce(latestOf, state.nps), ...(waiting.length ? { pendingNps: waiting } : {}) }, timer: timerFor(waiting) };
}

function latestOf(current: NpsAnswer | null, answer: NpsAnswer): NpsAnswer {
  return current !== null && current.atMs > answer.atMs ? current : answer;
}

/** A wall-clock timer: live it fires when the answer's moment comes; in a backfill, once the history read passes it. */
function timerFor(waiting: readonly NpsAnswer[]): TimerRequest | null {
  const next = waiting[0];
  return next === undefined ? null : { name: NPS_ANSWER_TIMER, atMs: next.atMs, clock: 'wall' };
}
