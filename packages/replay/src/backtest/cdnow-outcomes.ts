import { decodeCdnowLine } from '../input/cdnow-line.ts';
import { readLineChunks } from '../input/line-source.ts';
import type { CustomerOutcome } from './outcomes.ts';

const MS_PER_DAY = 86_400_000;

export interface ProxyOutcomes {
  readonly outcomes: CustomerOutcome[];
  /** The day after the calibration end (00:00 UTC): every proxy churn date. */
  readonly churnMs: number;
  readonly holdoutEndMs: number;
  /** The latest purchase in the file; a holdout reaching past it counts silence that was never observed. */
  readonly lastPurchaseMs: number | null;
  /** Customers with purchases on two or more days by the calibration end (those a rhythm can be seen in), and how many of them churned. */
  readonly repeatBuyers: { readonly customers: number; readonly churned: number };
}

/**
 * CDNOW has purchases but no churn dates. The proxy: a customer who bought on or before the
 * calibration end and made no purchase in the holdout (the day after it through `holdoutDays`
 * later) counts as churned on the first day of the holdout; one who bought again did not churn.
 * Customers whose first purchase lies after the calibration end are not part of the population.
 * It is a stand-in for churn, not churn: a quiet year may still end in a purchase.
 */
export async function cdnowProxyOutcomes(path: string, calibrationEndMs: number, holdoutDays: number): Promise<ProxyOutcomes> {
  const churnMs = Math.floor(calibrationEndMs / MS_PER_DAY) * MS_PER_DAY + MS_PER_DAY;
  const holdoutEndMs = churnMs + holdoutDays * MS_PER_DAY;
  const calibrated = new Map<string, Set<number>>();
  const boughtInHoldout = new Set<string>();
  let lastPurchaseMs: number | null = null;
  for await (const chunk of readLineChunks(path)) {
    chunk.lines.forEach((line, i) => {
      const decoded = decodeCdnowLine(line, chunk.firstLineNumber + i);
      if (decoded.ok !== true) return;
      const { key, eventTimeMs } = decoded.record;
      lastPurchaseMs = Math.max(lastPurchaseMs ?? eventTimeMs, eventTimeMs);
      if (eventTimeMs < churnMs) calibrated.set(key, (calibrated.get(key) ?? new Set()).add(eventTimeMs));
      else if (eventTimeMs < holdoutEndMs) boughtInHoldout.add(key);
    });
  }
  const outcomes = [...calibrated.keys()].sort().map((customerId) => {
    const churned = !boughtInHoldout.has(customerId);
    return { customerId, churnMs: churned ? churnMs : null, churnReason: churned ? 'no_purchase_in_holdout' : null };
  });
  const repeat = [...calibrated].filter(([, days]) => days.size >= 2).map(([customerId]) => customerId);
  const repeatBuyers = { customers: repeat.length, churned: repeat.filter((customerId) => !boughtInHoldout.has(customerId)).length };
  return { outcomes, churnMs, holdoutEndMs, lastPurchaseMs, repeatBuyers };
}
