import type { KpiRow } from './kpi-contract.ts';
import { npsBucketOf } from './kpi-formulas.ts';

/** Live sums over the customers currently in a segment. Plain JSON. */
export interface SegmentTotals {
  readonly customers: number;
  readonly active: number;
  readonly mrrCents: number;
  readonly purchasers: number;
  readonly repeatPurchasers: number;
  readonly clvCustomers: number;
  readonly clvCents: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
}

/** The period's counts; `cohort*` follow the customers who were active at its start. Plain JSON. */
export interface PeriodCounts {
  readonly index: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly startActive: number;
  readonly startMrrCents: number;
  readonly cohortActive: number;
  readonly cohortMrrCents: number;
  readonly expansionCents: number;
  readonly contractionCents: number;
  readonly churnedMrrCents: number;
}

export const EMPTY_TOTALS: SegmentTotals = {
  customers: 0,
  active: 0,
  mrrCents: 0,
  purchasers: 0,
  repeatPurchasers: 0,
  clvCustomers: 0,
  clvCents: 0,
  promoters: 0,
  passives: 0,
  detractors: 0,
};

function contribution(row: KpiRow | null): SegmentTotals {
  if (row === null) return EMPTY_TOTALS;
  const bucket = row.npsScore === null ? null : npsBucketOf(row.npsScore);
  const hasClv = row.clvCents !== null && row.purchaseCount > 0;
  return {
    customers: 1,
    active: row.active ? 1 : 0,
    mrrCents: row.active ? row.mrrCents : 0,
    purchasers: row.purchaseCount >= 1 ? 1 : 0,
    repeatPurchasers: row.purchaseCount >= 2 ? 1 : 0,
    clvCustomers: hasClv ? 1 : 0,
    clvCents: hasClv ? (row.clvCents as number) : 0,
    promoters: bucket === 'promoter' ? 1 : 0,
    passives: bucket === 'passive' ? 1 : 0,
    detractors: bucket === 'detractor' ? 1 : 0,
  };
}

/** Retracts `before` and adds `after`. Pure. */
export function applyToTotals(totals: SegmentTotals, before: KpiRow | null, after: KpiRow | null): SegmentTotals {
  const minus = contribution(before);
  const plus = contribution(after);
  const next = { ...totals };
  for (const field of Object.keys(totals) as (keyof SegmentTotals)[]) (next as Record<string, number>)[field] = totals[field] - minus[field] + plus[field];
  return next;
}

function inStartCohort(row: KpiRow | null, periodStartMs: number): row is KpiRow {
  return row?.active === true && row.activeSince !== null && Date.parse(row.activeSince) < periodStartMs;
}

/**
 * Follows the start cohort through one change. A row arriving with no `before` that was already
 * active before the period began (a customer moving in from another segment, or reported late)
 * joins the start counts; a row leaving with no `after` leaves them. Revenue changes of cohort
 * members count as expansion or contraction, a cohort member turning inactive as churned. Pure.
 */
export function applyToPeriod(period: PeriodCounts, before: KpiRow | null, after: KpiRow | null): PeriodCounts {
  const was = inStartCohort(before, period.startMs);
  const is = inStartCohort(after, period.startMs);
  if (before === null && is) {
    return {
      ...period,
      startActive: period.startActive + 1,
      startMrrCents: period.startMrrCents + after.mrrCents,
      cohortActive: period.cohortActive + 1,
      cohortMrrCents: period.cohortMrrCents + after.mrrCents,
    };
  }
  if (after === null && was) {
    return {
      ...period,
      startActive: period.startActive - 1,
      startMrrCents: period.startMrrCents - before.mrrCents,
      cohortActive: period.cohortActive - 1,
      cohortMrrCents: period.cohortMrrCents - before.mrrCents,
    };
  }
  if (was && is) {
    const delta = after.mrrCents - before.mrrCents;
    return {
      ...period,
      cohortMrrCents: period.cohortMrrCents + delta,
      expansionCents: period.expansionCents + Math.max(0, delta),
      contractionCents: period.contractionCents + Math.max(0, -delta),
    };
  }
  if (was && !is) {
    return {
      ...period,
      cohortActive: period.cohortActive - 1,
      cohortMrrCents: period.cohortMrrCents - before.mrrCents,
      churnedMrrCents: period.churnedMrrCents + before.mrrCents,
    };
  }
  return period;
}

/** A new period whose start cohort is everyone active now. */
export function startPeriod(totals: SegmentTotals, index: number, startMs: number, endMs: number): PeriodCounts {
  return {
    index,
    startMs,
    endMs,
    startActive: totals.active,
    startMrrCents: totals.mrrCents,
    cohortActive: totals.active,
    cohortMrrCents: totals.mrrCents,
    expansionCents: 0,
    contractionCents: 0,
    churnedMrrCents: 0,
  };
}
