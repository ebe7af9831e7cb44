import type { AlertKind, CustomerProfileV1 } from '@churnwatch/contracts';
import type { KpiRow } from '../kpi/kpi-contract.ts';
import type { SignalConcern, SignalV1 } from '../signals/signal-contract.ts';
import type { AlertTrack } from './alert-lifecycle.ts';

/** The profile facts the scorer needs: segmentation, routing and value. */
export type StoredProfile = Pick<CustomerProfileV1, 'segment' | 'plan' | 'owner' | 'contractValue' | 'name'>;

/** Per-customer state of the risk scorer. Plain JSON. */
export interface RiskScorerState {
  /** The customer’s clock: the latest time seen, so that "now" never runs backwards (JSON-safe start value). */
  readonly clockMs: number;
  readonly profile: StoredProfile | null;
  /** The latest signal of each concern. */
  readonly signals: Partial<Record<SignalConcern, SignalV1>>;
  readonly nps: { readonly score: number; readonly atMs: number } | null;
  readonly tracks: Partial<Record<AlertKind, AlertTrack>>;
  /** When the current renewal-at-risk finding began; null while none. */
  readonly renewalRiskSinceMs: number | null;
  /**
   * How many renewal-at-risk alerts have opened for the current renewal date: with the date it
   * seeds their ids. Absent in state from before it was kept.
   */
  readonly renewalRiskOpenings?: { readonly renewalDate: string; readonly count: number } | null;
  readonly health: { readonly sent: number; readonly lastContent: string | null };
  readonly kpi: { readonly sent: number; readonly segment: string | null; readonly row: KpiRow | null };
}

export const INITIAL_SCORER_STATE: RiskScorerState = {
  clockMs: Number.MIN_SAFE_INTEGER,
  profile: null,
  signals: {},
  nps: null,
  tracks: {},
  renewalRiskSinceMs: null,
  renewalRiskOpenings: null,
  health: { sent: 0, lastContent: null },
  kpi: { sent: 0, segment: null, row: null },
};

export function storedProfileOf(profile: CustomerProfileV1 | null): StoredProfile | null {
  if (profile === null) return null;
  const { segment, plan, owner, contractValue, name } = profile;
  return {
    segment,
    ...(plan === undefined ? {} : { plan }),
    ...(owner === undefined ? {} : { owner }),
    ...(contractValue === undefined ? {} : { contractValue }),
    ...(name === undefined ? {} : { name }),
  };
}
