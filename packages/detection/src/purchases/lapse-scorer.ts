import type { AlertEvidence, AlertSeverity } from '@churnwatch/contracts';
import type { Thresholds } from '../config/sections.ts';
import type { PurchaseHistory } from './purchase-history.ts';

/**
 * The seam for purchase models: given a customer's purchase history and "now", say whether the
 * customer has lapsed, how healthy their purchase recency is, and how often they are expected
 * to buy. The default is the customer's own rhythm (`createRhythmLapseScorer`); a probabilistic
 * model (for example BG/NBD's P(alive), see `modelHistoryOf`) can be plugged in instead.
 * Implementations must be pure and deterministic.
 */
export interface PurchaseLapseScorer {
  /** Names the model in evidence, e.g. `purchase-rhythm` or `bg-nbd`. */
  readonly name: string;
  assess(history: PurchaseHistory, nowMs: number, purchases: Thresholds['purchases'], ruleVersion: string): LapseAssessment;
}

export interface LapseAssessment {
  /** The purchase_recency factor, 0 bad … 1 good; null while the scorer has no opinion. */
  readonly recency: { readonly value: number; readonly detail: string } | null;
  /** Present while the customer counts as lapsed. */
  readonly lapse: { readonly severity: AlertSeverity; readonly headline: string; readonly fingerprint: string } | null;
  readonly evidence: AlertEvidence;
  /** Expected purchases per year while the customer stays (for the CLV); null when unknown. */
  readonly expectedPurchasesPerYear: number | null;
  /**
   * The customer's lifetime value in the reporting currency's minor units when the scorer's own
   * models can tell it (fitted spend and purchase models); absent to let the monitor estimate it.
   */
  readonly lifetimeValueCents?: number;
  /** The next moment the assessment can change without a purchase; null when none. */
  readonly nextCheckMs: number | null;
}
