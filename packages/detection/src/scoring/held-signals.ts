import type { TimerRequest } from '@churnwatch/stream-runtime';
import { type SignalConcern, type SignalV1, signalConcerns } from '../signals/signal-contract.ts';
import type { RiskScorerState } from './scorer-state.ts';
import { type StoredSignal, storedSignalOf } from './stored-signal.ts';

/** A monitor's signal that waits for the scorer's stream time to reach it. Plain JSON. */
export interface HeldSignal {
  readonly concern: SignalConcern;
  readonly signal: StoredSignal;
}

/** Stream-time timer: the earliest held signal is taken once the clock (every monitor's progress) reaches it. */
export const SIGNALS_DUE_TIMER = 'scorer-signals-due';
/** Wall-clock timer: the earliest held signal is taken this long after its time even if a monitor holds the clock back. */
export const SIGNALS_OVERDUE_TIMER = 'scorer-signals-overdue';

/** Beyond this many held signals of one customer the earliest is taken at once: a bound on state, not an expected case. */
export const MAX_HELD_SIGNALS = 256;

/**
 * Signals of one instant are taken in the order of the monitors in the topology (usage, contract,
 * complaints, purchases), the order a replay delivers them in.
 */
const RANK: Readonly<Record<SignalConcern, number>> = Object.fromEntries(signalConcerns.map((concern, index) => [concern, index])) as Record<
  SignalConcern,
  number
>;

const before = (a: HeldSignal, b: HeldSignal): boolean =>
  a.signal.atMs < b.signal.atMs || (a.signal.atMs === b.signal.atMs && RANK[a.concern] < RANK[b.concern]);

/** How the risk scorer holds signals (the service's `CHURNWATCH_CLOCK_INPUTS=on`). */
export interface SignalHold {
  /** A signal is taken at most this long (wall clock) after its time while a monitor holds the clock back. */
  readonly maxHoldMs: number;
}

/**
 * Files a signal ahead of the clock among the held ones, in (time, monitor) order; one of the
 * same time and monitor goes after those already held. Returns the signals that overflow the
 * bound (to be taken at once, earliest first). Pure.
 */
export function holdSignal(state: RiskScorerState, signal: SignalV1): { state: RiskScorerState; overflow: readonly HeldSignal[] } {
  const held: HeldSignal = { concern: signal.concern, signal: storedSignalOf(signal) };
  const waiting = [...(state.heldSignals ?? [])];
  let index = waiting.length;
  while (index > 0 && before(held, waiting[index - 1]!)) index--;
  waiting.splice(index, 0, held);
  const overflow = waiting.length > MAX_HELD_SIGNALS ? waiting.splice(0, waiting.length - MAX_HELD_SIGNALS) : [];
  return { state: { ...state, heldSignals: waiting }, overflow };
}

/** Takes the held signals of time up to `untilMs` off the state, earliest first. Pure. */
export function takeDueSignals(state: RiskScorerState, untilMs: number): { state: RiskScorerState; due: readonly HeldSignal[] } {
  const held = state.heldSignals ?? [];
  let count = 0;
  while (count < held.length && held[count]!.signal.atMs <= untilMs) count++;
  if (count === 0) return { state, due: [] };
  const { heldSignals: _taken, ...rest } = state;
  const waiting = held.slice(count);
  return { state: waiting.length > 0 ? { ...rest, heldSignals: waiting } : rest, due: held.slice(0, count) };
}

/** The two timers of the earliest held signal, or their cancellation when none is held. */
export function heldSignalTimers(state: RiskScorerState, hold: SignalHold): { setTimers?: TimerRequest[]; cancelTimers?: string[] } {
  const next = state.heldSignals?.[0];
  if (next === undefined) return { cancelTimers: [SIGNALS_DUE_TIMER, SIGNALS_OVERDUE_TIMER] };
  return {
    setTimers: [
      { name: SIGNALS_DUE_TIMER, atMs: next.signal.atMs, clock: 'stream' },
      { name: SIGNALS_OVERDUE_TIMER, atMs: next.signal.atMs + hold.maxHoldMs, clock: 'wall' },
    ],
  };
}
