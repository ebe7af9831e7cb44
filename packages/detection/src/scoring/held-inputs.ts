import type { TimerRequest } from '@churnwatch/stream-runtime';
import { type SignalConcern, signalConcerns } from '../signals/signal-contract.ts';
import type { RiskScorerState, StoredProfile } from './scorer-state.ts';
import type { StoredSignal } from './stored-signal.ts';

/**
 * An input that waits for the scorer's stream time to reach it: a monitor's signal, or a CRM
 * profile row (read ahead as a table, it would otherwise change the owner and the customer's
 * clock before the signals of the history before it). Plain JSON.
 */
export type HeldInput =
  | { readonly atMs: number; readonly concern: SignalConcern; readonly signal: StoredSignal }
  | { readonly atMs: number; readonly profile: StoredProfile | null };

/**
 * Stream-time timer: the earliest held input is taken once the clock (every monitor's progress)
 * reaches it. A monitor that is away for long does not hold it for ever: the runtime stops
 * waiting for a clock leader whose commits stand still (CHURNWATCH_CLOCK_LEADER_STALL_MS).
 *
 * Timers of one instant fire in the order of their names, and a replay fires the scorer's own
 * timers of an instant (a wake-up, an NPS answer) before it takes a signal of that instant: `~`
 * sorts after every letter, so this one fires after theirs.
 */
export const HELD_DUE_TIMER = 'scorer-~held-inputs';
/**
 * Wall-clock timer: the earliest held input is taken `maxWaitMs` after its time however far the
 * clock is, for a clock that does not move (no usage on the partition for a while). In a backfill
 * wall-clock timers wait for the reading to pause (the runtime's history hold), so there it takes
 * what the last usage record left behind. Named to fire after HELD_DUE_TIMER of the same instant.
 */
export const HELD_OVERDUE_TIMER = 'scorer-~held-inputs-overdue';

/** How the risk scorer holds its inputs (the service's `CHURNWATCH_CLOCK_INPUTS=on`). */
export interface InputHold {
  /** The longest an input waits past its time on the wall clock for a clock that does not get there. */
  readonly maxWaitMs: number;
}

/** Beyond this many held inputs of one customer the earliest is taken at once: a bound on state, not an expected case. */
export const MAX_HELD_INPUTS = 256;

/**
 * Inputs of one instant are taken in the order a replay delivers them: the monitors' signals in
 * the topology's order (usage, contract, complaints, purchases), then a profile row, which
 * reaches the risk scorer after the monitors it also goes to.
 */
const rankOf = (input: HeldInput): number => ('concern' in input ? signalConcerns.indexOf(input.concern) : signalConcerns.length);

const before = (a: HeldInput, b: HeldInput): boolean => a.atMs < b.atMs || (a.atMs === b.atMs && rankOf(a) < rankOf(b));

/**
 * Files an input ahead of the clock among the held ones, in (time, rank) order; one of the same
 * time and rank goes after those already held. Returns the inputs that overflow the bound (to be
 * taken at once, earliest first). Pure.
 */
export function holdInput(state: RiskScorerState, input: HeldInput): { state: RiskScorerState; overflow: readonly HeldInput[] } {
  const waiting = [...(state.held ?? [])];
  let index = waiting.length;
  while (index > 0 && before(input, waiting[index - 1]!)) index--;
  waiting.splice(index, 0, input);
  const overflow = waiting.length > MAX_HELD_INPUTS ? waiting.splice(0, waiting.length - MAX_HELD_INPUTS) : [];
  return { state: { ...state, held: waiting }, overflow };
}

/** Takes the held inputs of time up to `untilMs` off the state, earliest first. Pure. */
export function takeDueInputs(state: RiskScorerState, untilMs: number): { state: RiskScorerState; due: readonly HeldInput[] } {
  const held = state.held ?? [];
  let count = 0;
  while (count < held.length && held[count]!.atMs <= untilMs) count++;
  if (count === 0) return { state, due: [] };
  const { held: _taken, ...rest } = state;
  const waiting = held.slice(count);
  return { state: waiting.length > 0 ? { ...rest, held: waiting } : rest, due: held.slice(0, count) };
}

/** The two timers of the earliest held input, or their cancellation when none is held. */
export function heldInputTimers(state: RiskScorerState, hold: InputHold): { setTimers?: TimerRequest[]; cancelTimers?: string[] } {
  const next = state.held?.[0];
  if (next === undefined) return { cancelTimers: [HELD_DUE_TIMER, HELD_OVERDUE_TIMER] };
  return {
    setTimers: [
      { name: HELD_DUE_TIMER, atMs: next.atMs, clock: 'stream' },
      { name: HELD_OVERDUE_TIMER, atMs: next.atMs + hold.maxWaitMs, clock: 'wall' },
    ],
  };
}
