import type { Thresholds } from './sections.ts';

/**
 * Built-in thresholds. They suit a B2B SaaS product with daily usage and yearly contracts; the
 * configuration overrides any of them globally (`defaults`), per segment and per plan.
 */
export const DEFAULT_THRESHOLDS: Thresholds = {
  usage: {
    recentWindowDays: 14,
    maxRecentWindowDays: 42,
    baselineWeeks: 8,
    minBaselineWeeks: 4,
    // The test runs every day on overlapping windows: at 0.01, or on a single day's crossing, most
    // healthy accounts would see a chance dip called a decline once a year.
    alpha: 0.001,
    minRelativeDrop: 0.3,
    criticalRelativeDrop: 0.6,
    confirmDays: 7,
    recoveredBelowRelativeDrop: 0.15,
    minExpectedCount: 30,
    holidays: [],
    // Between Christmas and New Year most businesses are closed or nearly so: quiet usage then is no churn signal.
    annualHolidays: ['12-24', '12-25', '12-26', '12-27', '12-28', '12-29', '12-30', '12-31', '01-01'],
    holidayExpectedFactor: 0.2,
    materialDropChange: 0.2,
  },
  // Tested at every pause between two uses (hundreds a year): 1e-4 keeps chance silences rare.
  // A model of independent days calls some gaps of bursty customers significant; a gap no longer
  // than ones the customer has had before is no news (in the backtest it spared repeated false
  // alerts on customers whose long gaps recur).
  silence: {
    alpha: 1e-4,
    criticalAlpha: 1e-8,
    warningAfterDays: 7,
    criticalAfterDays: 14,
    minBaselineCount: 10,
    beyondLongestPause: true,
    longestPauseMarginDays: 1,
  },
  renewal: { horizonsDays: [90, 60, 30], graceDays: 7 },
  // From the first renewal horizon on, while CS can still act.
  // detractorBelow 7: the NPS detractors (0–6). Backtest seeds 42 and 7: 9 of the 19 manual
  // customers who let the contract end answered below 7 within 90 days of it, 2 of the 24 manual renewers.
  // manualRenewalIsRisk false: true flags all 24 manual renewers to catch 7 more of those 19 (all
  // on seed 7: renewal_at_risk precision 0.68 with it, 0.82 without; contract_ended recall 0.97, 0.77).
  renewalRisk: { withinDays: 90, criticalWithinDays: 30, poorHealthBelow: 50, autoRenewOffIsRisk: true, detractorBelow: 7, manualRenewalIsRisk: false },
  // Complaints left unresolved escalate, not complaints raised: three (weighted) open for two
  // weeks. Escalating every burst or high-severity ticket at once flagged mostly customers whose
  // complaints were resolved and who stayed (backtest: 50 of 61 alerted customers).
  complaints: {
    windowDays: 30,
    countThreshold: 3,
    criticalCount: 5,
    escalateAtSeverity: 'critical',
    unresolvedDays: 14,
    // Severe tickets are mostly ones left open and chased, from customers who stay as well as from
    // customers who leave; what tells them apart is how their complaints get handled. Escalating
    // every critical ticket at once flagged mostly customers who stayed (backtest: 40 of 51
    // alerted customers, 39 of them on a critical ticket); on a poor record, 15 of 26.
    trackRecordDays: 180,
    minTrackRecord: 1,
    minResolvedShare: 0.5,
    repeatCategoryCount: 2,
    countFromSeverity: 'medium',
    // Public complaints are the most damaging: one on social media counts as two.
    channelWeights: { social_media: 2 },
  },
  // Tested at every pause of every buyer: below the 97.5th percentile of the customer's own gap
  // distribution; critical below the 99.75th.
  purchases: {
    minPurchasesForRhythm: 3,
    rhythmIntervals: 10,
    lapseAlpha: 0.025,
    criticalLapseAlpha: 0.0025,
    lapseFactor: 1.5,
    criticalLapseFactor: 2,
    priorMeanIntervalDays: 30,
    priorIntervals: 0.5,
    // Repeat buyers with a habit: gaps vary by about half their mean until their own show otherwise.
    priorIntervalVariation: 0.5,
    expectedLifetimeYears: 3,
    annualDiscountRate: 0.1,
  },
  healthWeights: { usage_trend: 0.35, complaints: 0.2, purchase_recency: 0.15, renewal: 0.15, nps: 0.15 },
  healthBands: { watchBelow: 75, atRiskBelow: 50, criticalBelow: 25 },
  lifecycle: { cooldownDays: 7 },
};
