import type { RetentionKpisV1 } from '@churnwatch/detection';
import { Gauge, type Registry } from 'prom-client';

/**
 * The latest retention KPIs of each segment as Prometheus gauges. Labels: `segment` (bounded by
 * the detection configuration's segment labels) and, on money, `currency` (the reporting
 * currency). Rates are ratios (0.93, not 93); money is in currency units (EUR, not cents). A KPI
 * without a value (its denominator is 0) has no series for that segment rather than a made-up 0.
 */
export interface KpiGauges {
  /** Shows a segment's snapshot (replacing what the segment showed before). */
  show(snapshot: RetentionKpisV1): void;
  /** Removes every series of the segment. */
  drop(segment: string): void;
}

const customerStates = {
  at_start: (s: RetentionKpisV1) => s.customers.atStart,
  active: (s: RetentionKpisV1) => s.customers.atEnd,
  acquired: (s: RetentionKpisV1) => s.customers.acquired,
  lost: (s: RetentionKpisV1) => s.customers.lost,
} as const;

export function createKpiGauges(registry: Registry): KpiGauges {
  const registers = [registry];
  const bySegment = (name: string, help: string) => new Gauge({ name, help, labelNames: ['segment'], registers });
  const money = (name: string, help: string) => new Gauge({ name, help, labelNames: ['segment', 'currency'], registers });
  const rates = [
    [
      bySegment('churnwatch_retention_rate', 'Customer retention rate (E − N) / S of the segment’s current period, 0..1.'),
      (s: RetentionKpisV1) => s.retentionRate,
    ],
    [bySegment('churnwatch_churn_rate', 'Churn rate lost / S of the segment’s current period, 0..1.'), (s: RetentionKpisV1) => s.churnRate],
    [
      bySegment('churnwatch_repeat_purchase_rate', 'Customers with 2 or more purchases / customers with 1 or more, 0..1.'),
      (s: RetentionKpisV1) => s.repeatPurchaseRate,
    ],
    [
      bySegment('churnwatch_net_dollar_retention_ratio', 'Net dollar retention of the period’s start cohort (1 = flat).'),
      (s: RetentionKpisV1) => s.netDollarRetention,
    ],
    [bySegment('churnwatch_net_promoter_score', 'Net promoter score, −100..100, from each customer’s latest answer.'), (s: RetentionKpisV1) => s.nps],
  ] as const;
  const clv = money('churnwatch_customer_lifetime_value', 'Mean customer lifetime value of customers with purchases, in currency units.');
  const mrr = money('churnwatch_monthly_recurring_revenue', 'Monthly recurring revenue of the segment’s active contracts, in currency units.');
  const customers = new Gauge({
    name: 'churnwatch_segment_customers',
    help: 'Customers of the segment: active at the period’s start, active now, acquired and lost in the period.',
    labelNames: ['segment', 'state'],
    registers,
  });
  const periodStart = bySegment('churnwatch_retention_kpis_period_start_seconds', 'Start of the period the segment’s KPIs describe, Unix time.');
  const asOf = bySegment('churnwatch_retention_kpis_as_of_seconds', 'Event time of the segment’s latest KPI snapshot, Unix time.');
  const currencies = new Map<string, string>();

  const drop = (segment: string) => {
    for (const [gauge] of rates) gauge.remove({ segment });
    const currency = currencies.get(segment);
    if (currency !== undefined) {
      clv.remove({ segment, currency });
      mrr.remove({ segment, currency });
    }
    for (const state of Object.keys(customerStates)) customers.remove({ segment, state });
    periodStart.remove({ segment });
    asOf.remove({ segment });
    currencies.delete(segment);
  };

  return {
    drop,
    show(snapshot) {
      const { segment, currency } = snapshot;
      drop(segment);
      currencies.set(segment, currency);
      for (const [gauge, read] of rates) {
        const value = read(snapshot);
        if (value !== null) gauge.set({ segment }, value);
      }
      if (snapshot.customerLifetimeValueCents !== null) clv.set({ segment, currency }, snapshot.customerLifetimeValueCents / 100);
      mrr.set({ segment, currency }, snapshot.mrrCents.current / 100);
      for (const [state, read] of Object.entries(customerStates)) customers.set({ segment, state }, read(snapshot));
      periodStart.set({ segment }, Date.parse(snapshot.period.from) / 1000);
      asOf.set({ segment }, Date.parse(snapshot.asOf) / 1000);
    },
  };
}
