import type { PurchaseEventV1 } from '@churnwatch/contracts';
import type { DetectionConfig } from '../config/detection-config.ts';
import { centsOf, moneyOfCents } from '../money.ts';
import { checkTimer, createMonitor, type MonitorState } from '../monitor/create-monitor.ts';
import type { Finding } from '../signals/signal-contract.ts';
import { EMPTY_SIGNAL_MEMO } from '../signals/signal-emitter.ts';
import { isoOf, MS_PER_DAY } from '../time/days.ts';
import type { PurchaseLapseScorer } from './lapse-scorer.ts';
import { type PurchaseHistory, recordPurchase } from './purchase-history.ts';
import { createRhythmLapseScorer } from './rhythm-lapse-scorer.ts';

/** Per-customer state of the purchase monitor. Plain JSON. */
export interface PurchaseMonitorState extends MonitorState {
  readonly history: PurchaseHistory | null;
  /** When the current lapse began; null while none. */
  readonly lapseSinceMs: number | null;
}

export type PurchaseMonitorInput = PurchaseEventV1;

export const PURCHASE_CHECK_TIMER = 'purchase-check';

export interface PurchaseMonitorOptions {
  /** Decides lapse and recency; the customer's own rhythm by default. */
  readonly scorer?: PurchaseLapseScorer;
}

/**
 * The purchase monitor, keyed by customer id. Inputs `purchases` and `customerProfiles`; output
 * `signals` (concern `purchases`: the purchase_lapse finding, the purchase_recency factor, and
 * purchase count, revenue, customer value and dormancy facts for the KPIs). A wall-clock timer
 * re-assesses at the scorer's next checkpoint and at dormancy, so a customer who stops buying is
 * caught without any event.
 *
 * Customer value (CLV), with the method named in the facts: the scorer's own (fitted Gamma-Gamma
 * and BG/NBD, `purchase_models`); else average order value × expected purchases per year ×
 * expectedLifetimeYears (`order_rate`); while no frequency is known, the value bought so far
 * (`revenue_to_date`). Pure.
 */
export function createPurchaseMonitor(config: DetectionConfig, options: PurchaseMonitorOptions = {}) {
  const scorer = options.scorer ?? createRhythmLapseScorer();
  const currency = config.kpi.reportingCurrency;
  return createMonitor<PurchaseMonitorState, PurchaseMonitorInput>(config, {
    name: 'purchase-monitor',
    concern: 'purchases',
    input: 'purchases',
    initialState: { segmentation: null, history: null, lapseSinceMs: null, signal: EMPTY_SIGNAL_MEMO },
    hasSubject: (state) => state.history !== null,
    record(state, purchase, eventTimeMs) {
      const cents = purchase.amount.currency === currency ? centsOf(purchase.amount.amount) : null;
      return { ...state, history: recordPurchase(state.history, eventTimeMs, cents) };
    },
    assess(state, thresholds, nowMs) {
      const history = state.history as PurchaseHistory;
      const assessment = scorer.assess(history, nowMs, thresholds.purchases, config.ruleVersion);
      const lapseSinceMs = assessment.lapse === null ? null : (state.lapseSinceMs ?? nowMs);
      const findings: Finding[] =
        assessment.lapse === null
          ? []
          : [{ kind: 'purchase_lapse', since: isoOf(lapseSinceMs as number), ...assessment.lapse, evidence: [assessment.evidence] }];
      const averageOrderCents = history.ordersInReportingCurrency === 0 ? 0 : history.revenueCents / history.ordersInReportingCurrency;
      const { cents: customerValueCents, method: customerValueMethod } =
        assessment.lifetimeValueCents !== undefined
          ? { cents: Math.round(assessment.lifetimeValueCents), method: 'purchase_models' as const }
          : assessment.expectedPurchasesPerYear === null
            ? { cents: history.revenueCents, method: 'revenue_to_date' as const }
            : {
                cents: Math.round(averageOrderCents * assessment.expectedPurchasesPerYear * thresholds.purchases.expectedLifetimeYears),
                method: 'order_rate' as const,
              };
      const dormantAtMs = history.lastPurchaseMs + config.dormantAfterDays * MS_PER_DAY;
      const checks = [assessment.nextCheckMs, dormantAtMs].filter((atMs): atMs is number => atMs !== null && atMs > nowMs);
      return {
        state: { ...state, lapseSinceMs },
        draft: {
          factor: assessment.recency,
          detail: assessment.recency?.detail ?? `${history.purchaseCount} purchase${history.purchaseCount === 1 ? '' : 's'} so far; no rhythm yet`,
          evidence: [assessment.evidence],
          findings,
          facts: {
            purchaseCount: history.purchaseCount,
            revenue: moneyOfCents(history.revenueCents, currency),
            customerValue: moneyOfCents(customerValueCents, currency),
            customerValueMethod,
            dormant: nowMs >= dormantAtMs,
          },
        },
        ...checkTimer(PURCHASE_CHECK_TIMER, checks.length === 0 ? null : Math.min(...checks)),
      };
    },
  });
}
