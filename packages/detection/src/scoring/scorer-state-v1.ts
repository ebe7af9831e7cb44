import { ChurnwatchError } from '@churnwatch/errors';
import type { SignalConcern, SignalV1 } from '../signals/signal-contract.ts';
import { type RiskScorerState, storedTracks } from './scorer-state.ts';
import { storedSignalOf, withoutIdleAllClears } from './stored-signal.ts';

/**
 * The risk scorer's state as version 1 wrote it (no `version` field): every concern's latest
 * signal in full, and a track for every kind that was ever looked at.
 */
export interface RiskScorerStateV1 extends Omit<RiskScorerState, 'version' | 'signals'> {
  readonly version?: undefined;
  readonly signals: Partial<Record<SignalConcern, SignalV1>>;
}

/**
 * The state as this version keeps it, whichever version wrote it (a restored changelog may hold
 * either). State of a later version, written before a roll-back, is refused: it cannot be read
 * without losing what it says. Pure.
 */
export function decodeScorerState(state: RiskScorerState | RiskScorerStateV1): RiskScorerState {
  if (state.version === 2) return state;
  const { version } = state as { readonly version?: unknown };
  if (version !== undefined) {
    throw new ChurnwatchError('SCORER_STATE_VERSION_UNKNOWN', `risk scorer state of unknown version ${JSON.stringify(version)}`, { context: { version } });
  }
  const tracks = storedTracks(state.tracks);
  const signals = Object.fromEntries(Object.entries(state.signals).map(([concern, signal]) => [concern, storedSignalOf(signal)]));
  return { ...state, version: 2, signals: withoutIdleAllClears(signals, tracks), tracks };
}
