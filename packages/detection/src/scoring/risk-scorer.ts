import type { CustomerProfileV1, FeedbackEventV1 } from '@churnwatch/contracts';
import type { FiredTimer, InputRecord, Processor } from '@churnwatch/stream-runtime';
import type { DetectionConfig } from '../config/detection-config.ts';
import { profileRowTimeMs } from '../profile/segmentation.ts';
import type { SignalV1 } from '../signals/signal-contract.ts';
import { applyAlertAction } from './alert-actions.ts';
import { NEW_TRACK } from './alert-lifecycle.ts';
import type { ControlEventV1 } from './control-contract.ts';
import { evaluateCustomer } from './scorer-evaluation.ts';
import { INITIAL_SCORER_STATE, type RiskScorerState, storedProfileOf } from './scorer-state.ts';
import { decodeScorerState, type RiskScorerStateV1 } from './scorer-state-v1.ts';
import { storedSignalOf } from './stored-signal.ts';

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
 * "Now" is the customer's own clock: the latest event time of its signals and feedback (stream
 * time for profiles and control events), never running backwards. Pure.
 */
export function createRiskScorer(config: DetectionConfig): Processor<StoredScorerState, RiskScorerInput> {
  return {
    name: 'risk-scorer',
    inputs: ['signals', 'customerProfiles', 'feedback', 'control'],
    tableInputs: ['customerProfiles'],
    outputs: ['alerts', 'customerHealth', 'kpi'],
    process(state, record: InputRecord<RiskScorerInput>) {
      const current = state === undefined ? INITIAL_SCORER_STATE : decodeScorerState(state);
      const timeMs =
        record.input === 'signals' || record.input === 'feedback'
          ? record.eventTimeMs
          : record.input === 'customerProfiles'
            ? profileRowTimeMs(record)
            : record.streamTimeMs;
      const nowMs = Math.max(current.clockMs, timeMs);
      const updated = { ...apply(current, record), clockMs: nowMs };
      return evaluateCustomer(config, updated, record.key, nowMs);
    },
    onTimer(state, timer: FiredTimer) {
      if (state === undefined) return { state };
      const current = decodeScorerState(state);
      const nowMs = Math.max(current.clockMs, timer.atMs);
      return evaluateCustomer(config, { ...current, clockMs: nowMs }, timer.key, nowMs);
    },
  };
}

function apply(state: RiskScorerState, record: InputRecord<RiskScorerInput>): RiskScorerState {
  switch (record.input) {
    case 'signals': {
      const signal = record.value as SignalV1;
      const known = state.signals[signal.concern];
      // A monitor's signals arrive in order; an older one repeated by a retry changes nothing.
      if (known !== undefined && known.atMs > Date.parse(signal.eventTime)) return state;
      return { ...state, signals: { ...state.signals, [signal.concern]: storedSignalOf(signal) } };
    }
    case 'customerProfiles':
      return { ...state, profile: storedProfileOf(record.value as CustomerProfileV1 | null) };
    case 'feedback': {
      const answer = record.value as FeedbackEventV1;
      if (state.nps !== null && state.nps.atMs > record.eventTimeMs) return state;
      return { ...state, nps: { score: answer.score, atMs: record.eventTimeMs } };
    }
    case 'control': {
      const control = record.value as ControlEventV1;
      return { ...state, tracks: { ...state.tracks, [control.kind]: applyAlertAction(state.tracks[control.kind] ?? NEW_TRACK, control) } };
    }
    default:
      return state;
  }
}
