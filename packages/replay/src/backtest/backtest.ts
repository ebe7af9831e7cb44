import { type AlertKind, alertKinds } from '@churnwatch/contracts';
import type { CustomerOutcome } from './outcomes.ts';
import { type Quartiles, quartilesOf } from './quantiles.ts';

const MS_PER_DAY = 86_400_000;
/** An average Gregorian month, for the fatigue rates. */
export const DAYS_PER_MONTH = 365.2425 / 12;

/** An alert opened (life-cycle step `opened`); escalations and updates are steps of the same alert. */
export interface AlertOpening {
  readonly customerId: string;
  readonly kind: AlertKind;
  /** Event time of the opening, ms. */
  readonly atMs: number;
  /** For a purchase lapse: time since the last purchase in the customer's own mean gaps, when its evidence tells. */
  readonly meanGapsSinceLastPurchase?: number;
}

export interface BacktestOptions {
  /** Lead-time window: an alert counts for a churn when opened between `maxLeadDays` and `minLeadDays` (inclusive) before the churn date. */
  readonly minLeadDays: number;
  readonly maxLeadDays: number;
  /** The replayed history (first event time to the end of the replay), for the fatigue rates. */
  readonly historyStartMs: number;
  readonly historyEndMs: number;
  /** Notices rather than predictions: reported apart, left out of precision, recall and the overall row. */
  readonly informationalKinds: readonly AlertKind[];
}

export const defaultInformationalKinds: readonly AlertKind[] = ['renewal_upcoming'];

export interface ReasonRecall {
  readonly churned: number;
  readonly caught: number;
  readonly recall: number | null;
}

/** The figures of one alert kind, or of all predictive kinds together (`kind: 'overall'`). */
export interface KindFigures {
  readonly kind: AlertKind | 'overall';
  /** Alerts opened (a customer's alert that is resolved and opens again counts twice). */
  readonly openings: number;
  readonly alertedCustomers: number;
  /** Churned customers with an alert opened inside the lead-time window before their churn date. */
  readonly truePositives: number;
  /** Alerted customers who did not churn, or whose alerts all lie outside the window. */
  readonly falsePositives: number;
  /**
   * The false positives by what the customer was: churned, but alerted outside the window; stayed,
   * alerted once its problem had started (a real problem that did not end in churn within the
   * history); or a false alarm, alerted with no problem on record. Null when the outcomes do not
   * say when problems started.
   */
  readonly falsePositiveCauses: FalsePositiveCauses | null;
  /** truePositives / alertedCustomers; null when nobody was alerted. */
  readonly precision: number | null;
  /** truePositives / churned customers; null when nobody churned. */
  readonly recall: number | null;
  /** Days from the first in-window alert to the churn date, over the true positives. */
  readonly leadDays: Quartiles | null;
  /** Every true positive's lead time in days, ascending (for the chart). */
  readonly leadDaysSorted: readonly number[];
  /**
   * Detection delay of the true positives whose first in-window opening tells it (purchase
   * lapses): time from the last purchase to that opening in the customer's own mean gaps.
   */
  readonly delayMeanGaps: Quartiles | null;
  /** Churned customers not caught: never alerted, alerted only earlier than the window, only after the churn date (or inside `minLeadDays`). */
  readonly missed: { readonly notAlerted: number; readonly onlyBeforeWindow: number; readonly onlyTooLate: number };
  /** Alerts opened per alerted customer per month of history, and per customer of the population per month. */
  readonly alertsPerAlertedCustomerMonth: number | null;
  readonly alertsPerCustomerMonth: number | null;
  /** Recall per churn reason, when the outcomes name reasons. */
  readonly recallByReason: Readonly<Record<string, ReasonRecall>>;
}

export interface FalsePositiveCauses {
  readonly churnedOutsideWindow: number;
  readonly stayedWithProblem: number;
  readonly falseAlarms: number;
}

/** A notice kind: how many and how often, nothing about churn. */
export interface InformationalFigures {
  readonly kind: AlertKind;
  readonly openings: number;
  readonly alertedCustomers: number;
  readonly alertsPerAlertedCustomerMonth: number | null;
  readonly alertsPerCustomerMonth: number | null;
}

export interface BacktestReport {
  readonly window: { readonly minLeadDays: number; readonly maxLeadDays: number };
  readonly history: { readonly from: string; readonly to: string; readonly months: number };
  readonly customers: number;
  readonly churnedCustomers: number;
  /** churnedCustomers / customers: the precision of alerting everybody, the baseline a kind's precision must beat. */
  readonly churnRate: number | null;
  /** Openings of customers missing from the outcomes; left out of every figure. */
  readonly openingsOutsideOutcomes: number;
  readonly kinds: readonly KindFigures[];
  readonly overall: KindFigures;
  readonly informational: readonly InformationalFigures[];
}

const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);

/**
 * Joins alert openings with churn outcomes. For each predictive kind (and for all of them
 * together), over the customers of the outcomes:
 *   - lead time of an opening = churn date (00:00 UTC) − opening time, in days;
 *   - a true positive is a churned customer with an opening whose lead time lies in
 *     [minLeadDays, maxLeadDays]; its lead time is that of the earliest such opening;
 *   - recall = true positives / churned customers; precision = true positives / alerted customers
 *     (an alerted customer who did not churn, or churned outside the window, is a false positive);
 *   - fatigue = openings / alerted customers / months of history, and openings / customers / months.
 * Informational kinds (renewal notices go to every renewing customer, healthy or not) are only
 * counted. Pure.
 */
export function computeBacktest(openings: readonly AlertOpening[], outcomes: readonly CustomerOutcome[], options: BacktestOptions): BacktestReport {
  const byCustomer = new Map(outcomes.map((outcome) => [outcome.customerId, outcome]));
  const known = openings.filter((opening) => byCustomer.has(opening.customerId));
  const months = Math.max(options.historyEndMs - options.historyStartMs, 0) / MS_PER_DAY / DAYS_PER_MONTH;
  const informational = new Set(options.informationalKinds);
  const predictive = alertKinds.filter((kind) => !informational.has(kind));
  const churnedCustomers = outcomes.filter((outcome) => outcome.churnMs !== null).length;
  const figuresOf = (kind: AlertKind | 'overall', selected: readonly AlertOpening[]) => kindFigures(kind, selected, outcomes, byCustomer, months, options);
  return {
    window: { minLeadDays: options.minLeadDays, maxLeadDays: options.maxLeadDays },
    history: { from: new Date(options.historyStartMs).toISOString(), to: new Date(options.historyEndMs).toISOString(), months },
    customers: outcomes.length,
    churnedCustomers,
    churnRate: ratio(churnedCustomers, outcomes.length),
    openingsOutsideOutcomes: openings.length - known.length,
    kinds: predictive.map((kind) =>
      figuresOf(
        kind,
        known.filter((opening) => opening.kind === kind),
      ),
    ),
    overall: figuresOf(
      'overall',
      known.filter((opening) => !informational.has(opening.kind)),
    ),
    informational: alertKinds
      .filter((kind) => informational.has(kind))
      .map((kind) => {
        const selected = known.filter((opening) => opening.kind === kind);
        const alerted = new Set(selected.map((opening) => opening.customerId)).size;
        return {
          kind,
          openings: selected.length,
          alertedCustomers: alerted,
          alertsPerAlertedCustomerMonth: ratio(selected.length, alerted * months),
          alertsPerCustomerMonth: ratio(selected.length, outcomes.length * months),
        };
      }),
  };
}

function kindFigures(
  kind: AlertKind | 'overall',
  openings: readonly AlertOpening[],
  outcomes: readonly CustomerOutcome[],
  byCustomer: ReadonlyMap<string, CustomerOutcome>,
  months: number,
  options: BacktestOptions,
): KindFigures {
  const leadsOf = new Map<string, number[]>();
  const delaysOf = new Map<string, (number | undefined)[]>();
  for (const opening of openings) {
    const churnMs = byCustomer.get(opening.customerId)!.churnMs;
    const leads = leadsOf.get(opening.customerId) ?? [];
    const delays = delaysOf.get(opening.customerId) ?? [];
    leads.push(churnMs === null ? Number.NaN : (churnMs - opening.atMs) / MS_PER_DAY);
    delays.push(opening.meanGapsSinceLastPurchase);
    leadsOf.set(opening.customerId, leads);
    delaysOf.set(opening.customerId, delays);
  }
  const leadDays: number[] = [];
  const delayMeanGaps: number[] = [];
  const missed = { notAlerted: 0, onlyBeforeWindow: 0, onlyTooLate: 0 };
  const byReason: Record<string, { churned: number; caught: number }> = {};
  for (const outcome of outcomes) {
    if (outcome.churnMs === null) continue;
    const leads = leadsOf.get(outcome.customerId) ?? [];
    const inWindow = leads.filter((lead) => lead >= options.minLeadDays && lead <= options.maxLeadDays);
    if (outcome.churnReason !== null) byReason[outcome.churnReason] ??= { churned: 0, caught: 0 };
    const reason = outcome.churnReason === null ? undefined : byReason[outcome.churnReason];
    if (reason) reason.churned++;
    if (inWindow.length > 0) {
      const lead = Math.max(...inWindow);
      leadDays.push(lead);
      const delay = delaysOf.get(outcome.customerId)?.[leads.indexOf(lead)];
      if (delay !== undefined) delayMeanGaps.push(delay);
      if (reason) reason.caught++;
    } else if (leads.length === 0) missed.notAlerted++;
    else if (leads.some((lead) => lead > options.maxLeadDays)) missed.onlyBeforeWindow++;
    else missed.onlyTooLate++;
  }
  const churned = outcomes.filter((outcome) => outcome.churnMs !== null).length;
  const alerted = leadsOf.size;
  const truePositives = leadDays.length;
  return {
    kind,
    openings: openings.length,
    alertedCustomers: alerted,
    truePositives,
    falsePositives: alerted - truePositives,
    falsePositiveCauses: falsePositiveCauses(openings, outcomes, byCustomer, alerted - truePositives),
    precision: ratio(truePositives, alerted),
    recall: ratio(truePositives, churned),
    leadDays: quartilesOf(leadDays),
    leadDaysSorted: [...leadDays].sort((a, b) => a - b),
    delayMeanGaps: quartilesOf(delayMeanGaps),
    missed,
    alertsPerAlertedCustomerMonth: ratio(openings.length, alerted * months),
    alertsPerCustomerMonth: ratio(openings.length, outcomes.length * months),
    recallByReason: Object.fromEntries(
      Object.entries(byReason)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([reason, counts]) => [reason, { ...counts, recall: ratio(counts.caught, counts.churned) }]),
    ),
  };
}

/** Splits the false positives by cause (see `KindFigures.falsePositiveCauses`); null without problem dates. */
function falsePositiveCauses(
  openings: readonly AlertOpening[],
  outcomes: readonly CustomerOutcome[],
  byCustomer: ReadonlyMap<string, CustomerOutcome>,
  falsePositives: number,
): FalsePositiveCauses | null {
  if (outcomes.some((outcome) => outcome.problemMs === undefined)) return null;
  const stayers = new Map<string, boolean>();
  for (const opening of openings) {
    const { churnMs, problemMs } = byCustomer.get(opening.customerId)!;
    if (churnMs !== null) continue;
    const afterProblem = problemMs !== null && problemMs !== undefined && opening.atMs >= problemMs;
    stayers.set(opening.customerId, (stayers.get(opening.customerId) ?? false) || afterProblem);
  }
  const stayedWithProblem = [...stayers.values()].filter(Boolean).length;
  return { churnedOutsideWindow: falsePositives - stayers.size, stayedWithProblem, falseAlarms: stayers.size - stayedWithProblem };
}
