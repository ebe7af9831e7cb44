import type { FiredTimer, OutputRecord, Processor, ProcessorResult } from '@churnwatch/stream-runtime';
import type { DetectionConfig } from '../config/detection-config.ts';
import { deterministicId } from '../ids.ts';
import { isoOf } from '../time/days.ts';
import { periodBoundsMs, periodIndexOf } from '../time/months.ts';
import type { KpiChangeV1, RetentionKpisV1 } from './kpi-contract.ts';
import { averageLifetimeValue, churnRate, netDollarRetention, netPromoterScore, repeatPurchaseRate, retentionRate } from './kpi-formulas.ts';
import { applyToPeriod, applyToTotals, EMPTY_TOTALS, type PeriodCounts, type SegmentTotals, startPeriod } from './segment-totals.ts';

/** Per-segment state of the KPI aggregator. Plain JSON. */
export interface KpiAggregatorState {
  readonly totals: SegmentTotals;
  readonly period: PeriodCounts;
  /** Snapshots sent, for their deterministic ids. */
  readonly sent: number;
}

export const KPI_PERIOD_TIMER = 'kpi-period-end';

/**
 * The KPI aggregator, keyed by segment label (bounded by configuration). Input `kpi` (changes of
 * customers' rows, from the risk scorer); output `retentionKpis` (a snapshot of the segment's
 * current period after every change, and a final one when the period closes, on a wall-clock
 * timer at its end or at the first change after it). Pure.
 */
export function createKpiAggregator(config: DetectionConfig): Processor<KpiAggregatorState, KpiChangeV1> {
  const { periodMonths, reportingCurrency } = config.kpi;

  function periodAt(timeMs: number, totals: SegmentTotals): PeriodCounts {
    const index = periodIndexOf(timeMs, periodMonths);
    const { startMs, endMs } = periodBoundsMs(index, periodMonths);
    return startPeriod(totals, index, startMs, endMs);
  }

  function snapshot(segment: string, state: KpiAggregatorState, asOfMs: number, final: boolean): { state: KpiAggregatorState; output: OutputRecord } {
    const { totals, period } = state;
    const acquired = totals.active - period.cohortActive;
    const lost = period.startActive - period.cohortActive;
    const sent = state.sent + 1;
    const id = deterministicId('kpis', segment, period.index, sent);
    const value: RetentionKpisV1 = {
      schemaVersion: 1,
      eventId: id,
      segment,
      period: { from: isoOf(period.startMs), to: isoOf(period.endMs) },
      asOf: isoOf(asOfMs),
      final,
      currency: reportingCurrency,
      customers: {
        atStart: period.startActive,
        atEnd: totals.active,
        acquired,
        lost,
        purchasers: totals.purchasers,
        repeatPurchasers: totals.repeatPurchasers,
      },
      mrrCents: {
        atStart: period.startMrrCents,
        current: totals.mrrCents,
        expansion: period.expansionCents,
        contraction: period.contractionCents,
        churned: period.churnedMrrCents,
      },
      npsAnswers: { promoters: totals.promoters, passives: totals.passives, detractors: totals.detractors },
      retentionRate: retentionRate(period.startActive, totals.active, acquired),
      churnRate: churnRate(period.startActive, lost),
      repeatPurchaseRate: repeatPurchaseRate(totals.purchasers, totals.repeatPurchasers),
      netDollarRetention: netDollarRetention(period.startMrrCents, period.expansionCents, period.contractionCents, period.churnedMrrCents),
      nps: netPromoterScore(totals.promoters, totals.passives, totals.detractors),
      customerLifetimeValueCents: averageLifetimeValue(totals.clvCents, totals.clvCustomers),
    };
    return { state: { ...state, sent }, output: { output: 'retentionKpis', key: segment, value, id, eventTimeMs: asOfMs } };
  }

  /** Closes the current period if `nowMs` is past it: a final snapshot, then a new period whose start cohort is everyone active. */
  function rollTo(segment: string, state: KpiAggregatorState, nowMs: number, outputs: OutputRecord[]): KpiAggregatorState {
    if (nowMs < state.period.endMs) return state;
    const closed = snapshot(segment, state, state.period.endMs, true);
    outputs.push(closed.output);
    return { ...closed.state, period: periodAt(nowMs, state.totals) };
  }

  const periodTimer = (state: KpiAggregatorState) => [{ name: KPI_PERIOD_TIMER, atMs: state.period.endMs, clock: 'wall' as const }];

  return {
    name: 'kpi-aggregator',
    inputs: ['kpi'],
    outputs: ['retentionKpis'],
    process(state, record): ProcessorResult<KpiAggregatorState> {
      const change = record.value;
      const outputs: OutputRecord[] = [];
      const nowMs = record.eventTimeMs;
      const current =
        state === undefined ? { totals: EMPTY_TOTALS, period: periodAt(nowMs, EMPTY_TOTALS), sent: 0 } : rollTo(record.key, state, nowMs, outputs);
      const applied: KpiAggregatorState = {
        ...current,
        totals: applyToTotals(current.totals, change.before, change.after),
        period: applyToPeriod(current.period, change.before, change.after),
      };
      const live = snapshot(record.key, applied, Math.max(nowMs, applied.period.startMs), false);
      outputs.push(live.output);
      return { state: live.state, outputs, setTimers: periodTimer(live.state) };
    },
    onTimer(state, timer: FiredTimer): ProcessorResult<KpiAggregatorState> {
      if (state === undefined) return { state };
      const outputs: OutputRecord[] = [];
      const rolled = rollTo(timer.key, state, timer.atMs, outputs);
      return { state: rolled, outputs, setTimers: periodTimer(rolled) };
    },
  };
}
