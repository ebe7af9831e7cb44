import type { CustomerProfileV1 } from '@churnwatch/contracts';
import type { FiredTimer, InputRecord, Processor, ProcessorResult, TimerRequest } from '@churnwatch/stream-runtime';
import type { DetectionConfig } from '../config/detection-config.ts';
import { type CustomerSegmentation, resolveThresholds } from '../config/resolve.ts';
import type { Thresholds } from '../config/sections.ts';
import { profileRowTimeMs, segmentationOf } from '../profile/segmentation.ts';
import type { SignalConcern } from '../signals/signal-contract.ts';
import { emitSignalIfChanged, type SignalDraft, type SignalMemo } from '../signals/signal-emitter.ts';

/** A customer-profile row read before the monitor's stream time reached its time. */
export interface PendingProfile {
  readonly atMs: number;
  readonly segmentation: CustomerSegmentation | null;
}

/** What every monitor keeps besides its own concern: the customer's segmentation and its signal memo. */
export interface MonitorState {
  readonly segmentation: CustomerSegmentation | null;
  /** Profile rows from ahead of stream time, oldest first, each taking effect when stream time reaches it (PROFILE_DUE_TIMER). */
  readonly pendingProfiles?: readonly PendingProfile[];
  readonly signal: SignalMemo;
}

/** The stream-time timer at the oldest pending profile row's time. */
export const PROFILE_DUE_TIMER = 'profile-due';
/** Pending rows kept per customer; more are a CRM rewriting one customer faster than its events come, and the oldest give way. */
const MAX_PENDING_PROFILES = 8;

/** One assessment: the monitor's new state, what it says, and the timers that keep it watching. */
export interface MonitorAssessment<S> {
  readonly state: S;
  readonly draft: SignalDraft;
  readonly setTimers?: readonly TimerRequest[];
  readonly cancelTimers?: readonly string[];
}

/** The part that differs between monitors; `createMonitor` adds the rest. All functions pure. */
export interface MonitorDefinition<S extends MonitorState, E> {
  readonly name: string;
  readonly concern: SignalConcern;
  /** The logical input the monitor watches (besides `customerProfiles`). */
  readonly input: string;
  readonly initialState: S;
  /** Whether there is anything to assess yet; a profile alone gives a monitor nothing to say. */
  hasSubject(state: S): boolean;
  /** Folds one event into the state; null when the event is none of this monitor's business. */
  record(state: S, event: E, eventTimeMs: number): S | null;
  assess(state: S, thresholds: Thresholds, nowMs: number): MonitorAssessment<S>;
  /**
   * For an event whose assessment would repeat the last one (the event changed nothing it reads),
   * the timers the event moves; null to assess it. Optional: a monitor without it assesses every event.
   */
  quietEvent?(previous: S, recorded: S, thresholds: Thresholds, nowMs: number): readonly TimerRequest[] | null;
}

/**
 * A monitor processor, keyed by customer id: inputs `input` and `customerProfiles` (a table
 * joined for the thresholds of the customer's segment and plan), output `signals`. It assesses on
 * every event at stream time (but one its definition finds quiet) and on every timer at the
 * timer's time, and sends a signal when the assessment changed. Pure.
 */
export function createMonitor<S extends MonitorState, E>(
  config: DetectionConfig,
  definition: MonitorDefinition<S, E>,
): Processor<S, E | CustomerProfileV1 | null> {
  const thresholdsOf = (state: S) => resolveThresholds(config, state.segmentation ?? {});

  function evaluate(state: S, customerId: string, nowMs: number): ProcessorResult<S> {
    const thresholds = thresholdsOf(state);
    const assessment = definition.assess(state, thresholds, nowMs);
    const emitted = emitSignalIfChanged(assessment.state.signal, definition.concern, customerId, nowMs, assessment.draft);
    return {
      state: { ...assessment.state, signal: emitted.memo },
      outputs: emitted.outputs,
      ...(assessment.setTimers === undefined ? {} : { setTimers: assessment.setTimers }),
      ...(assessment.cancelTimers === undefined ? {} : { cancelTimers: assessment.cancelTimers }),
    };
  }

  return {
    name: definition.name,
    inputs: [definition.input, 'customerProfiles'],
    tableInputs: ['customerProfiles'],
    outputs: ['signals'],
    process(state, record: InputRecord<E | CustomerProfileV1 | null>) {
      const current = state ?? definition.initialState;
      if (record.input === 'customerProfiles') {
        const segmentation = segmentationOf(record.value as CustomerProfileV1 | null);
        // The table is read as it comes, which can be well ahead of the events around it (a backlog,
        // a backfill). A row dated later than the stream time takes effect when stream time gets there,
        // as it would in event-time order: the thresholds change at the row's time, and the
        // assessment it causes is made at that time, not at whichever event happened to be last.
        if (Number.isFinite(record.streamTimeMs) && record.eventTimeMs > record.streamTimeMs) return holdProfile(current, record.eventTimeMs, segmentation);
        const updated = { ...current, segmentation };
        return definition.hasSubject(updated) ? evaluate(updated, record.key, profileRowTimeMs(record)) : { state: updated };
      }
      const recorded = definition.record(current, record.value as E, record.eventTimeMs);
      if (recorded === null) return { state };
      const quiet = state === undefined ? null : (definition.quietEvent?.(current, recorded, thresholdsOf(recorded), record.streamTimeMs) ?? null);
      if (quiet !== null) return { state: recorded, setTimers: quiet };
      return evaluate(recorded, record.key, record.streamTimeMs);
    },
    onTimer(state, timer: FiredTimer) {
      if (state === undefined) return { state };
      if (timer.name === PROFILE_DUE_TIMER) return applyDueProfiles(state, timer);
      if (!definition.hasSubject(state)) return { state };
      return evaluate(state, timer.key, timer.atMs);
    },
  };

  function applyDueProfiles(state: S, timer: FiredTimer): ProcessorResult<S> {
    const pending = state.pendingProfiles ?? [];
    const due = pending.filter((row) => row.atMs <= timer.atMs);
    const later = pending.filter((row) => row.atMs > timer.atMs);
    const last = due.at(-1);
    // A deleted profile (null) counts: the customer falls back to the default segment.
    const updated = withPending({ ...state, segmentation: last === undefined ? state.segmentation : last.segmentation }, later);
    const result = definition.hasSubject(updated) ? evaluate(updated, timer.key, timer.atMs) : { state: updated };
    const next = later[0];
    return next === undefined ? result : { ...result, setTimers: [...(result.setTimers ?? []), profileDue(next.atMs)] };
  }
}

function holdProfile<S extends MonitorState>(state: S, atMs: number, segmentation: CustomerSegmentation | null): ProcessorResult<S> {
  const pending = [...(state.pendingProfiles ?? []), { atMs, segmentation }].sort((a, b) => a.atMs - b.atMs).slice(-MAX_PENDING_PROFILES);
  return { state: withPending(state, pending), setTimers: [profileDue(pending[0]!.atMs)] };
}

function withPending<S extends MonitorState>(state: S, pending: readonly PendingProfile[]): S {
  const { pendingProfiles: _, ...rest } = state;
  return (pending.length === 0 ? rest : { ...rest, pendingProfiles: pending }) as S;
}

const profileDue = (atMs: number): TimerRequest => ({ name: PROFILE_DUE_TIMER, atMs, clock: 'stream' });

/** Sets the named wall-clock check timer at `atMs`, or cancels it when there is nothing ahead. */
export function checkTimer(name: string, atMs: number | null): Pick<MonitorAssessment<unknown>, 'setTimers' | 'cancelTimers'> {
  return atMs === null ? { cancelTimers: [name] } : { setTimers: [{ name, atMs, clock: 'wall' }] };
}
