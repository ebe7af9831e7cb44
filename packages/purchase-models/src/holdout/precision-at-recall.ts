import { PurchaseModelError } from '../errors.ts';

/**
 * Precision of a ranking at the smallest cut that reaches `recall` of the positives: customers
 * are taken by descending score, a tie entering as a whole (its members cannot be told apart), and
 * the precision is the share of positives among those taken. Pure; O(n log n).
 */
export function precisionAtRecall(scores: readonly number[], positive: readonly boolean[], recall: number): number {
  if (scores.length !== positive.length) throw new PurchaseModelError('PURCHASE_MODEL_DOMAIN', `${scores.length} scores but ${positive.length} labels`);
  const positives = positive.filter(Boolean).length;
  if (positives === 0) throw new PurchaseModelError('PURCHASE_MODEL_DOMAIN', 'precision at recall needs a positive');
  const order = scores.map((_, index) => index).sort((left, right) => scores[right]! - scores[left]!);
  let taken = 0;
  let found = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end += 1;
    for (let index = start; index <= end; index += 1) if (positive[order[index]!]) found += 1;
    taken = end + 1;
    if (found >= recall * positives) break;
    start = end + 1;
  }
  return found / taken;
}
