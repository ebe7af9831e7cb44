import { type LapseAssessment, modelHistoryOf, type PurchaseHistory, type PurchaseLapseScorer } from '@churnwatch/detection';
import { ConfigError } from '@churnwatch/errors';
import { DAYS_PER_UNIT, expectedPurchases, type PurchaseModelParameters, probabilityAlive } from '@churnwatch/purchase-models';
import { ageWhenAliveFallsBelow } from './alive-crossing.ts';

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;
const DAYS_PER_YEAR = 365.25;

export interface ModelLapseThresholds {
  /** A customer with repeat purchases whose P(alive) falls below this has lapsed (warning). */
  readonly lapseBelowProbability: number;
  /** Critical below this; at most `lapseBelowProbability`. */
  readonly criticalBelowProbability: number;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function checkThresholds(thresholds: ModelLapseThresholds): void {
  const issues: string[] = [];
  const { lapseBelowProbability: lapse, criticalBelowProbability: critical } = thresholds;
  if (!(lapse > 0 && lapse < 1)) issues.push(`lapseBelowProbability: must be between 0 and 1 (exclusive), got ${lapse}`);
  if (!(critical > 0 && critical <= lapse))
    issues.push(`criticalBelowProbability: must be above 0 and at most lapseBelowProbability (${lapse}), got ${critical}`);
  if (issues.length > 0) throw new ConfigError('the purchase model lapse thresholds', issues);
}

/**
 * A `PurchaseLapseScorer` backed by a fitted BG/NBD model (the file `./churnwatch fit` writes).
 * With the customer's (x, t_x, T) in days (see `modelHistoryOf`), converted to the model's unit:
 * - recency factor = P(alive), the model's probability that the customer is still buying;
 * - lapse once P(alive) < `lapseBelowProbability` (critical below `criticalBelowProbability`). A
 *   customer without a repeat purchase has P(alive) = 1 in BG/NBD and never lapses here;
 * - expected purchases per year while the customer stays = E[purchases in the next year] / P(alive)
 *   (FHL's conditional expectation is P(alive) times that of a customer known to be alive);
 * - next check: the moment P(alive) crosses the next threshold, solved in closed form (rounded up
 *   to the next whole minute so that the check lands past the crossing).
 * Pure and deterministic; the detection configuration's rhythm thresholds do not apply.
 */
export function createModelLapseScorer(model: PurchaseModelParameters, thresholds: ModelLapseThresholds): PurchaseLapseScorer {
  checkThresholds(thresholds);
  const unitDays = DAYS_PER_UNIT[model.unit];
  const { lapseBelowProbability, criticalBelowProbability } = thresholds;
  return {
    name: 'bg-nbd',
    assess(history: PurchaseHistory, nowMs: number, _purchases, ruleVersion: string): LapseAssessment {
      const days = modelHistoryOf(history, nowMs);
      const inUnits = { frequency: days.frequency, recency: days.recency / unitDays, age: days.age / unitDays };
      const alive = probabilityAlive(model.bgnbd, inUnits);
      const nextYear = expectedPurchases(model.bgnbd, inUnits, DAYS_PER_YEAR / unitDays);
      const perYear = alive > 0 ? nextYear / alive : null;
      const gapDays = (nowMs - history.lastPurchaseMs) / MS_PER_DAY;
      const lapsed = days.frequency >= 1 && alive < lapseBelowProbability;
      const critical = lapsed && alive < criticalBelowProbability;
      const lastDate = new Date(history.lastPurchaseMs).toISOString().slice(0, 10);
      const firstDayMs = Math.floor(history.firstPurchaseMs / MS_PER_DAY) * MS_PER_DAY;
      const crossings =
        days.frequency >= 1
          ? [lapseBelowProbability, criticalBelowProbability]
              .map((p) => firstDayMs + ageWhenAliveFallsBelow(model.bgnbd, days.frequency, inUnits.recency, p) * unitDays * MS_PER_DAY)
              .map((atMs) => (Math.floor(atMs / MS_PER_MINUTE) + 1) * MS_PER_MINUTE)
              .filter((atMs) => atMs > nowMs)
          : [];
      const percentAlive = Math.round(alive * 100);
      return {
        recency: { value: round(alive, 4), detail: `${percentAlive} % likely still buying, last purchase ${Math.floor(gapDays)} days ago` },
        lapse: lapsed
          ? {
              severity: critical ? 'critical' : 'warning',
              headline: `No purchase for ${Math.floor(gapDays)} days (last on ${lastDate}); the purchase model puts the chance that this customer still buys at ${percentAlive} %`,
              fingerprint: critical ? 'critical' : 'warning',
            }
          : null,
        evidence: {
          detector: 'purchase-lapse',
          ruleVersion,
          window: { from: new Date(history.lastPurchaseMs).toISOString(), to: new Date(nowMs).toISOString() },
          observed: {
            model: 'bg-nbd',
            fittedOn: model.fittedOn,
            lastPurchaseAt: new Date(history.lastPurchaseMs).toISOString(),
            daysSinceLastPurchase: round(gapDays, 2),
            repeatPurchaseDays: days.frequency,
            recencyDays: days.recency,
            ageDays: round(days.age, 2),
            probabilityAlive: round(alive, 4),
            expectedPurchasesNextYear: round(nextYear, 3),
          },
          thresholds: { lapseBelowProbability, criticalBelowProbability },
          statistic: { name: 'bgnbd_probability_alive', value: alive },
        },
        expectedPurchasesPerYear: perYear,
        nextCheckMs: crossings.length === 0 ? null : Math.min(...crossings),
      };
    },
  };
}
