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
    // A seasonal customer's summer break is a step of about −45 % that the test calls significant;
    // a real decline keeps falling (to a plateau at −50 % to −75 %, or towards a stop). At 0.3 and
    // 7 days, 15 of 57 customers alerted were seasonal (backtest seed 42; 13 of 42 on seed 7); at
    // 0.55 held for 10 days, 3 of 33 (3 of 24), with 25 churners caught against 24 (17 against 20).
    // Counted on a short window, a −45 % break still reads as −56 % to −67 % now and then: at 0.55
    // seeds 7, 3 and 42 alerted 3, 5 and 3 seasonal customers in August; at 0.6 (critical 0.65) 2,
    // 1 and 2, with the same churners caught (recall 0.912, 0.906, 0.937 either way) and declines
    // alerted 44, 49, 46 → 38, 43, 43 days before their churn (median).
    minRelativeDrop: 0.6,
    criticalRelativeDrop: 0.65,
    confirmDays: 10,
    recoveredBelowRelativeDrop: 0.15,
    minExpectedCount: 30,
    holidays: [],
    // Between Christmas and New Year most businesses are closed or nearly so: quiet usage then is no churn signal.
    // Many close from 23 December to 2 January: with those two days counted as usual, customers last
    // seen on 22 December were alerted as stopped on the 29th (backtest seed 42: 2 seasonal customers).
    annualHolidays: ['12-23', '12-24', '12-25', '12-26', '12-27', '12-28', '12-29', '12-30', '12-31', '01-01', '01-02'],
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
    // A holiday week with its two weekends is 9 days without usage: at 7 days, seeds 7, 3 and 42
    // alerted 6, 7 and 2 healthy, seasonal or renewing customers who were only away; at 10, 2, 4
    // and 2. Customers who stop for good are alerted 3 days later (median 20 days before churn).
    warningAfterDays: 10,
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
  // poorHealthRecoveryMargin 5: scores crossing 50 as the monitors' signals came in moved by 1–6
  // points (41, 51, 45, 46, 51 for one customer of the replay fixtures).
  renewalRisk: {
    withinDays: 90,
    criticalWithinDays: 30,
    poorHealthBelow: 50,
    poorHealthRecoveryMargin: 5,
    autoRenewOffIsRisk: true,
    detractorBelow: 7,
    manualRenewalIsRisk: false,
  },
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
    // One to three complaints are too few to judge: customers who stay resolve about three in four
    // in time, so one of three resolved happens to them one time in six (1 − 0.75³ − 3 × 0.75² ×
    // 0.25); one of four, one time in twenty. Customers who leave resolve about three in ten.
    // Backtest, seeds 42 and 7 (complaints opened within the window standing): a record of at
    // least 1, half resolved, flagged 24 and 38 customers, 15 and 24 of them churning within 120
    // days; at least 4, half resolved, 17 and 30, 14 and 23; at least 4, 0.4 resolved, 15 and 27,
    // 13 and 22 (in each, overall recall unchanged: 0.951 and 0.959).
    minTrackRecord: 4,
    minResolvedShare: 0.4,
    repeatCategoryCount: 2,
    countFromSeverity: 'medium',
    // Public complaints are the most damaging: one on social media counts as two.
    channelWeights: { social_media: 2 },
  },
  // Tested at every pause of every buyer: a lapse at two usual gaps, or later for an irregular
  // buyer whose 95th percentile of gaps lies beyond; critical at two and a half, or beyond the
  // 99.75th percentile. Backtest (seeds 42, 7; 3 held out): precision 0.71, 0.66, 0.63 → 0.74,
  // 0.75, 0.74, median detection 2.33, 2.15, 2.21 → 2.12, 2.09, 2.08 of the customer's mean gaps.
  // Earlier costs precision: at a median of 2.0 mean gaps even the buyers' true gap distributions
  // leave about one alerted buyer in four still buying (a pause of 2 gaps has a chance of 1.9 % for
  // a buyer whose gaps vary by 0.4 of their mean, and a repeat buyer has ~18 pauses a year).
  purchases: {
    minPurchasesForRhythm: 3,
    // The spread of the last 10 intervals made buyers look more regular than they are: repeat
    // buyers flagged at 1.7–1.9 gaps had a shape of 8.4–15 from 10 intervals and gaps that varied
    // by 0.28–0.43 of their mean over the year (shape 5.4–13). Seed 3: 10 false positives → 8.
    rhythmIntervals: 30,
    // At the 97.5th percentile, irregular and little-known buyers were called lapsed at 2.5–3 gaps,
    // when a lapsed buyer is already gone (seeds 42, 7: lapsed buyers alerted after their churn
    // 5 → 2, median delay 2.29, 2.12 → 2.12, 2.09).
    lapseAlpha: 0.05,
    criticalLapseAlpha: 0.0025,
    // A floor of 1.5 gaps let the longer pauses of regular repeat buyers through (17 of the 21
    // false positives of seeds 42 and 7 were repeat buyers who kept buying; 14 of 16 at 2).
    lapseFactor: 2,
    criticalLapseFactor: 2.5,
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
