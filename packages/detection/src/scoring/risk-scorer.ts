import type { CustomerProfileV1, FeedbackEventV1 } from '@churnwatch/contracts';
import type { FiredTimer, InputRecord, OutputRecord, Processor, ProcessorResult, TimerRequest } from '@churnwatch/stream-runtime';
import type { DetectionConfig } from '../config/detection-config.ts';
import { profileRowTimeMs } from '../profile/segmentation.ts';
import type { SignalConcern, SignalV1 } from '../signals/signal-contract.ts';
import { applyAlertAction } from './alert-actions.ts';
import { NEW_TRACK } from './alert-lifecycle.ts';
import type { ControlEventV1 } from './control-contract.ts';
import { HELD_DUE_TIMER, HELD_OVERDUE_TIMER, type HeldInput, heldInputTimers, holdInput, type InputHold, takeDueInputs } from './held-inputs.ts';
import { applyDueNpsAnswers, fileNpsAnswer, NPS_ANSWER_TIMER } from './nps-answers.ts';
import { evaluateCustomer } from './scorer-evaluation.ts';
import { INITIAL_SCORER_STATE, type RiskScorerState, storedProfileOf } from './scorer-state.ts';
import { decodeScorerState, type RiskScorerStateV1 } from './scorer-state-v1.ts';
import { type StoredSignal, storedSignalOf } from './stored-signal.ts';

export type RiskScorerInput = SignalV1 | CustomerProfileV1 | FeedbackEventV1 | ControlEventV1 | null;

/** The state as a restored changelog may hand it over: of this version or of version 1. */
export type StoredScorerState = RiskScorerState | RiskScorerStateV1;

/**
 * The risk scorer, keyed by customer id. Inputs: `signals` (the monitors' assessments; of the
 * latest per concern, what scoring and alerts read is kept: stored-signal.ts), `customerProfiles` (table: segment, plan, owner, contract value; a
 * tombstone returns the customer to the default segment), `feedback` (NPS answers) and `control`
 * (snooze, acknowledge, assign, resolve). Outputs: `alerts` (ChurnRiskAlertV1 life-cycle steps), `customerHealth`
 * (CustomerHealthV1, a table) and `kpi` (KPI changes keyed by segment, for the KPI aggregator).
 *
 * "Now" is the customer's own clock: the latest event time of its signals (stream time for
 * profiles and control events), never running backwards; an NPS answer takes effect when that
 * clock reaches its time (nps-answers.ts).
 *
 * With `hold`, the signals are a held input (Processor.heldInputs): stream time follows the
 * service's clock (the usage topic, once every monitor has committed past it), and a signal or a
 * profile row ahead of it waits in the customer's state until it gets there, so that they are
 * taken in event-time order, as a replay takes them, whichever monitor wrote first
 * (held-inputs.ts). Without it each is taken as it comes. Pure.
 */
export function createRiskScorer(config: DetectionConfig, options: { readonly hold?: InputHold } = {}): Processor<StoredScorerState, RiskScorerInput> {
  const { hold } = options;
  return {
    name: 'risk-scorer',
    inputs: ['signals', 'customerProfiles', 'feedback', 'control'],
    // Only the signals move stream time, or with a hold only the clock. NPS answers are read ahead as a table, each
    // waiting for its moment (nps-answers.ts); a control event is a person's action, taken at the customer's clock.
    tableInputs: ['customerProfiles', 'feedback', 'control'],
    ...(hold === undefined ? {} : { heldInputs: ['signals'] }),
    outputs: ['alerts', 'customerHealth', 'kpi'],
    process(state, record: InputRecord<RiskScorerInput>) {
      const current = state === undefined ? INITIAL_SCORER_STATE : decodeScorerState(state);
      const ahead = hold !== undefined && record.eventTimeMs > record.streamTimeMs ? heldInputOf(record) : undefined;
      if (ahead !== undefined && hold !== undefined) {
        const held = holdInput(current, ahead);
        return withHeldTimers(takeInOrder(config, held.state, record.key, held.overflow), hold);
      }
      if (record.input === 'feedback') {
        const answer = record.value as FeedbackEventV1;
        const filed = fileNpsAnswer(current, { score: answer.score, atMs: record.eventTimeMs });
        if (filed.timer !== null) return { state: filed.state, setTimers: [filed.timer] };
        return evaluateCustomer(config, filed.state, record.key, current.clockMs, record.eventTimeMs);
      }
      const timeMs = record.input === 'signals' ? record.eventTimeMs : record.input === 'customerProfiles' ? profileRowTimeMs(record) : record.streamTimeMs;
      const nowMs = Math.max(current.clockMs, timeMs);
      return evaluateAt(config, { ...apply(current, record), clockMs: nowMs }, record.key, nowMs, timeMs);
    },
    onTimer(state, timer: FiredTimer) {
      if (state === undefined) return { state };
      const current = decodeScorerState(state);
      if (hold !== undefined && (timer.name === HELD_DUE_TIMER || timer.name === HELD_OVERDUE_TIMER)) {
        const taken = takeDueInputs(current, timer.name === HELD_DUE_TIMER ? timer.atMs : timer.atMs - hold.maxWaitMs);
        return withHeldTimers(takeInOrder(config, taken.state, timer.key, taken.due), hold);
      }
      const nowMs = Math.max(current.clockMs, timer.atMs);
      return evaluateAt(config, { ...current, clockMs: nowMs }, timer.key, nowMs, timer.atMs);
    },
  };
}

/** The NPS answers due by `nowMs` applied, then the customer evaluated; the answer timer follows what still waits. */
function evaluateAt(
  config: DetectionConfig,
  state: RiskScorerState,
  customerId: string,
  nowMs: number,
  promptedAtMs: number,
): ProcessorResult<RiskScorerState> {
  const hadPending = (state.pendingNps?.length ?? 0) > 0;
  const due = applyDueNpsAnswers(state, nowMs);
  const result = evaluateCustomer(config, due.state, customerId, nowMs, promptedAtMs);
  if (due.timer !== null) return { ...result, setTimers: [...(result.setTimers ?? []), due.timer] };
  return hadPending ? { ...result, cancelTimers: [...(result.cancelTimers ?? []), NPS_ANSWER_TIMER] } : result;
}

/** A signal or a profile row as it waits for the clock; other inputs are not held. */
function heldInputOf(record: InputRecord<RiskScorerInput>): HeldInput | undefined {
  if (record.input === 'signals') {
    const signal = record.value as SignalV1;
    return { atMs: record.eventTimeMs, concern: signal.concern, signal: storedSignalOf(signal) };
  }
  if (record.input === 'customerProfiles') return { atMs: record.eventTimeMs, profile: storedProfileOf(record.value as CustomerProfileV1 | null) };
  return undefined;
}

/**
 * Takes held inputs one after the other, each scored at its own time as if it had come alone;
 * the outputs in that order, and each timer as the last of them left it.
 */
function takeInOrder(config: DetectionConfig, state: RiskScorerState, customerId: string, inputs: readonly HeldInput[]): ProcessorResult<RiskScorerState> {
  let current = state;
  const outputs: OutputRecord[] = [];
  const timers = new Map<string, TimerRequest | null>();
  for (const input of inputs) {
    const nowMs = Math.max(current.clockMs, input.atMs);
    const taken = 'concern' in input ? withSignal(current, input.concern, input.signal) : { ...current, profile: input.profile };
    const result = evaluateAt(config, { ...taken, clockMs: nowMs }, customerId, nowMs, input.atMs);
    current = result.state as RiskScorerState;
    outputs.push(...(result.outputs ?? []));
    for (const name of result.cancelTimers ?? []) timers.set(name, null);
    for (const timer of result.setTimers ?? []) timers.set(timer.name, timer);
  }
  const set = [...timers.values()].filter((timer): timer is TimerRequest => timer !== null);
  const cancelled = [...timers].filter(([, timer]) => timer === null).map(([name]) => name);
  return { state: current, outputs, ...(set.length ? { setTimers: set } : {}), ...(cancelled.length ? { cancelTimers: cancelled } : {}) };
}

/** The held inputs' timers set or cancelled beside what the scoring asked for. */
function withHeldTimers(result: ProcessorResult<RiskScorerState>, hold: InputHold): ProcessorResult<RiskScorerState> {
  const held = heldInputTimers(result.state as RiskScorerState, hold);
  return {
    ...result,
    setTimers: [...(result.setTimers ?? []), ...(held.setTimers ?? [])],
    cancelTimers: [...(result.cancelTimers ?? []), ...(held.cancelTimers ?? [])],
  };
}

/** A monitor's latest signal kept; an older one (repeated by a retry, or late) changes nothing. */
function withSignal(state: RiskScorerState, concern: SignalConcern, signal: StoredSignal): RiskScorerState {
  const known = state.signals[concern];
  if (known !== undefined && known.atMs > signal.atMs) return state;
  return { ...state, signals: { ...state.signals, [concern]: signal } };
}

function apply(state: RiskScorerState, record: InputRecord<RiskScorerInput>): RiskScorerState {
  switch (record.input) {
    case 'signals': {
      const signal = record.value as SignalV1;
      return withSignal(state, signal.concern, storedSignalOf(signal));
    }
    case 'customerProfiles':
      return { ...state, profile: storedProfileOf(record.value as CustomerProfileV1 | null) };
    case 'control': {
      const control = record.value as ControlEventV1;
      return { ...state, tracks: { ...state.tracks, [control.kind]: applyAlertAction(state.tracks[control.kind] ?? NEW_TRACK, control) } };
    }
    default:
      return state;
  }
}
