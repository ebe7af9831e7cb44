import { calendarDate, complaintChannels, complaintSeverities } from '@churnwatch/contracts';
import { z } from 'zod';
import { flag, fraction, numberAbove, numberBetween, wholeNumber } from './fields.ts';

/**
 * The threshold sections. Every field has a unit or a range in its name or its schema; every
 * section can be overridden per segment and per plan. Checks that relate two fields live in
 * `threshold-checks.ts`, because they must hold after the overrides are merged.
 */
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a month-day (MM-DD)');

export const usageThresholds = z
  .object({
    /** The recent window tested against the baseline, in whole days ending yesterday (UTC). */
    recentWindowDays: wholeNumber(1, 60),
    /** A small account's window grows by whole weeks up to this many days until it expects `minExpectedCount`. */
    maxRecentWindowDays: wholeNumber(1, 180),
    /** The baseline: the whole weeks right before the recent window. */
    baselineWeeks: wholeNumber(2, 26),
    /** Fewer baseline weeks of history than this (a new customer) and no test is made. */
    minBaselineWeeks: wholeNumber(2, 26),
    /** Significance level of the lower-tail test. */
    alpha: numberAbove(0, 0.5),
    /** The observed count must also be at least this fraction below the expected count. */
    minRelativeDrop: fraction(),
    /** Drop from which a decline is critical rather than a warning. */
    criticalRelativeDrop: fraction(),
    /**
     * A decline opens once the test has held on this many days running (its alert dated from the
     * first): a dip that one more day of usage explains away is noise, not a decline.
     */
    confirmDays: wholeNumber(1, 30),
    /** Hysteresis: an open decline clears only once the drop is below this. */
    recoveredBelowRelativeDrop: fraction(),
    /** Minimum volume: fewer expected units than this in the recent window and no test is made. */
    minExpectedCount: numberBetween(0, 1e12),
    /** Days on which less usage is normal (public holidays, company shutdowns). */
    holidays: z.array(calendarDate, { error: 'must be a list of dates (YYYY-MM-DD)' }).max(400),
    /** The same, every year: month and day (MM-DD), e.g. the closure between Christmas and New Year. */
    annualHolidays: z.array(monthDay, { error: 'must be a list of month-days (MM-DD)' }).max(366),
    /** A holiday's expected usage is this fraction of its weekday's usual (0 excludes the day). */
    holidayExpectedFactor: fraction(),
    /** A change of the drop by this much (absolute) is new evidence worth an update. */
    materialDropChange: numberAbove(0, 1),
  })
  .strict();

export const silenceThresholds = z
  .object({
    /**
     * Significance level of the silence test: "usage stopped" opens once P(no usage at all over
     * the silent stretch), from the customer's own weekday rates, falls below this.
     */
    alpha: numberAbove(0, 0.5),
    /** …and below this it is critical. */
    criticalAlpha: numberAbove(0, 0.5),
    /** At least this many whole days of silence before a warning, however busy the customer usually is. */
    warningAfterDays: wholeNumber(1, 365),
    /** …and at least this many before it is critical. */
    criticalAfterDays: wholeNumber(1, 365),
    /** Usage units the weeks before the silence must hold for the test to be made: too little usage says nothing about a silence. */
    minBaselineCount: numberBetween(0, 1e12),
    /**
     * A silence must also outlast the customer's own longest pause (in the usage history kept)
     * by `longestPauseMarginDays` whole days: a customer whose usage comes in bursts with week-long
     * gaps between them is not silent after a week.
     */
    beyondLongestPause: flag(),
    longestPauseMarginDays: wholeNumber(0, 60),
  })
  .strict();

export const renewalThresholds = z
  .object({
    /** Days before the renewal date at which an upcoming-renewal notice fires. */
    horizonsDays: z
      .array(wholeNumber(1, 730), { error: 'must be a list of whole days' })
      .min(1, 'must list at least one horizon')
      .max(12, 'must list at most 12 horizons'),
    /** Days after the renewal date without news before the contract counts as renewed (auto-renew on) or ended (off). */
    graceDays: wholeNumber(0, 180),
  })
  .strict();

export const renewalRiskThresholds = z
  .object({
    /** A renewal this close (days) with poor health is at risk. */
    withinDays: wholeNumber(1, 730),
    /** …and this close it is critical. */
    criticalWithinDays: wholeNumber(0, 730),
    /** A health score below this counts as poor health. */
    poorHealthBelow: numberBetween(0, 100),
    /**
     * Poor health that is a reason of the open renewal risk stays one until the score is this many
     * points above `poorHealthBelow`: a score hovering about the line would otherwise add and drop
     * the reason with every signal. A margin, so that an override of `poorHealthBelow` alone keeps it.
     */
    poorHealthRecoveryMargin: numberBetween(0, 100),
    /** Whether auto-renew switched off (after it was on) is by itself a reason for risk. */
    autoRenewOffIsRisk: flag(),
    /** A manual renewal (auto-renew never on) is at risk when the customer's latest NPS answer is below this; 0 never. */
    detractorBelow: numberBetween(0, 10),
    /** Whether a manual renewal is by itself a reason for risk: catches every manual customer who lets the contract end, and flags every manual renewer. */
    manualRenewalIsRisk: flag(),
  })
  .strict();

export const complaintThresholds = z
  .object({
    /** The sliding window for counts and repeated categories, in days. */
    windowDays: wholeNumber(1, 365),
    /** This many complaints (weighted) left unresolved for `unresolvedDays` escalate. */
    countThreshold: wholeNumber(1, 1000),
    /** This many (weighted) unresolved make the escalation critical. */
    criticalCount: wholeNumber(1, 1000),
    /**
     * An open complaint of this severity or above escalates at once when the customer's track
     * record is poor (below); `never`: only complaints left unresolved escalate.
     */
    escalateAtSeverity: z.enum([...complaintSeverities, 'never'], { error: `must be one of ${[...complaintSeverities, 'never'].join(', ')}` }),
    /** A complaint still open after this many days counts as unresolved. */
    unresolvedDays: wholeNumber(1, 365),
    /**
     * The track record: the customer's complaints (at `countFromSeverity` or above) opened within
     * this many days and at least `unresolvedDays` ago, judged by whether they were resolved within
     * `unresolvedDays`. No longer than `unresolvedDays` and there is no track record.
     */
    trackRecordDays: wholeNumber(1, 730),
    /**
     * A severe complaint (`escalateAtSeverity`) escalates at once only on a poor track record: at
     * least this many judged complaints, fewer than `minResolvedShare` of them resolved in time.
     * Without such a record it must stand `unresolvedDays` like the others. 0: at once, whatever the record.
     */
    minTrackRecord: wholeNumber(0, 1000),
    minResolvedShare: fraction(),
    /** This many complaints in the same category within the window escalate. */
    repeatCategoryCount: wholeNumber(2, 100),
    /** Counts and repeated categories take only complaints of this severity or above: minor tickets are routine support. */
    countFromSeverity: z.enum(complaintSeverities, { error: `must be one of ${complaintSeverities.join(', ')}` }),
    /**
     * How much a complaint counts, by the channel it came through (channels not named count 1): a
     * public complaint (social media) is seen by others and weighs more, so it escalates sooner.
     * An override replaces the whole map.
     */
    channelWeights: z.partialRecord(z.enum(complaintChannels, { error: `must be one of ${complaintChannels.join(', ')}` }), numberBetween(0, 100)),
  })
  .strict();

export const purchaseThresholds = z
  .object({
    /** Purchases needed before the customer's own rhythm is trusted. */
    minPurchasesForRhythm: wholeNumber(3, 1000),
    /** The most recent inter-purchase intervals the rhythm (their median) is taken over. */
    rhythmIntervals: wholeNumber(2, 100),
    /** Lapse: P(a pause this long | still buying), from the customer's own gaps, below this. */
    lapseAlpha: numberAbove(0, 0.5),
    /** …critical below this. */
    criticalLapseAlpha: numberAbove(0, 0.5),
    /** …and the pause at least this multiple of the usual gap (a floor for very regular buyers). */
    lapseFactor: numberAbove(1, 100),
    /** …critical at least this multiple. */
    criticalLapseFactor: numberAbove(1, 100),
    /** The segment's usual gap between purchase days, that a customer's own gaps are shrunk towards (days). */
    priorMeanIntervalDays: numberAbove(0, 3650),
    /** …with the weight of this many intervals (0: the customer's own gaps alone). */
    priorIntervals: numberBetween(0, 100),
    /** The segment's usual spread of a buyer's gaps around its own mean (coefficient of variation; 1 is memoryless buying). */
    priorIntervalVariation: numberAbove(0, 5),
    /** Expected customer lifetime for the CLV (average order value × yearly frequency × years; with fitted models, their horizon). */
    expectedLifetimeYears: numberAbove(0, 50),
    /** With fitted models: the yearly rate future purchases are discounted at in the CLV. */
    annualDiscountRate: numberBetween(0, 1),
  })
  .strict();

const weight = () => numberBetween(0, 1000);

/** Relative weights of the health factors; the weights of the factors present are renormalised. */
export const healthWeights = z.object({ usage_trend: weight(), complaints: weight(), purchase_recency: weight(), renewal: weight(), nps: weight() }).strict();

/** Score bands: below `watchBelow` is watch, below `atRiskBelow` at risk, below `criticalBelow` critical. */
export const healthBands = z.object({ watchBelow: numberBetween(0, 100), atRiskBelow: numberBetween(0, 100), criticalBelow: numberBetween(0, 100) }).strict();

export const lifecycleThresholds = z
  .object({
    /** After an all-clear, the same kind does not reopen for this many days. */
    cooldownDays: numberBetween(0, 365),
  })
  .strict();

export const thresholdSections = {
  usage: usageThresholds,
  silence: silenceThresholds,
  renewal: renewalThresholds,
  renewalRisk: renewalRiskThresholds,
  complaints: complaintThresholds,
  purchases: purchaseThresholds,
  healthWeights,
  healthBands,
  lifecycle: lifecycleThresholds,
};

export const thresholdsSchema = z.object(thresholdSections).strict();
export type Thresholds = z.infer<typeof thresholdsSchema>;
export type ThresholdSection = keyof Thresholds;

/** Overrides: any subset of any section. Lists (horizons, holidays, annual holidays) replace, they do not merge. */
export const thresholdOverridesSchema = z
  .object({
    usage: usageThresholds.partial().optional(),
    silence: silenceThresholds.partial().optional(),
    renewal: renewalThresholds.partial().optional(),
    renewalRisk: renewalRiskThresholds.partial().optional(),
    complaints: complaintThresholds.partial().optional(),
    purchases: purchaseThresholds.partial().optional(),
    healthWeights: healthWeights.partial().optional(),
    healthBands: healthBands.partial().optional(),
    lifecycle: lifecycleThresholds.partial().optional(),
  })
  .strict();
export type ThresholdOverrides = z.infer<typeof thresholdOverridesSchema>;
