/**
 * The retention KPIs, each a pure function of counts and sums. Null when the denominator is 0
 * (a rate of nothing is unknown, not 0).
 *
 * Period: calendar periods of `kpi.periodMonths` months (UTC). S = customers active at the
 * period's start, E = active at its end (or now), N = customers active now who were not at the
 * start (new or won back). Lost = customers of S who are no longer active.
 */

/** Customer retention rate, CRR = (E − N) / S: the share of the starting customers still here. */
export function retentionRate(atStart: number, atEnd: number, acquired: number): number | null {
  return atStart === 0 ? null : (atEnd - acquired) / atStart;
}

/** Churn rate = lost / S. With N counted as above it is 1 − CRR. */
export function churnRate(atStart: number, lost: number): number | null {
  return atStart === 0 ? null : lost / atStart;
}

/** Repeat-purchase rate, RPR = customers with ≥ 2 purchases / customers with ≥ 1 (lifetime, current members of the segment). */
export function repeatPurchaseRate(purchasers: number, repeatPurchasers: number): number | null {
  return purchasers === 0 ? null : repeatPurchasers / purchasers;
}

/**
 * Net dollar retention, NDR = (start MRR + expansion − contraction − churned MRR) / start MRR,
 * over the customers active at the period's start (new customers' revenue does not count).
 */
export function netDollarRetention(startMrr: number, expansion: number, contraction: number, churned: number): number | null {
  return startMrr === 0 ? null : (startMrr + expansion - contraction - churned) / startMrr;
}

/** Net promoter score = 100 × (promoters − detractors) / answers; promoters answer 9–10, detractors 0–6 (latest answer per customer). */
export function netPromoterScore(promoters: number, passives: number, detractors: number): number | null {
  const answers = promoters + passives + detractors;
  return answers === 0 ? null : (100 * (promoters - detractors)) / answers;
}

/**
 * Customer lifetime value of a segment: the mean of its customers' CLV estimates. Each estimate is
 * average order value × purchases per year × expected lifetime (years), or what a plugged-in
 * purchase model predicts (see the purchase monitor).
 */
export function averageLifetimeValue(sumCents: number, customers: number): number | null {
  return customers === 0 ? null : sumCents / customers;
}

/** The NPS bucket of one answer. */
export function npsBucketOf(score: number): 'promoter' | 'passive' | 'detractor' {
  if (score >= 9) return 'promoter';
  return score >= 7 ? 'passive' : 'detractor';
}
