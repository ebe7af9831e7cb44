import { PurchaseModelError } from '../errors.ts';

/**
 * Area under the ROC curve of `scores` for predicting `positive`: the probability that a randomly
 * chosen positive scores higher than a randomly chosen negative, ties counting one half (the
 * Mann–Whitney U statistic over n⁺·n⁻, with mid-ranks for tied scores). 1 is a perfect ranking,
 * 0.5 no better than chance. Pure; O(n log n). Needs at least one positive and one negative.
 */
export function areaUnderRocCurve(scores: readonly number[], positive: readonly boolean[]): number {
  if (scores.length !== positive.length) throw new PurchaseModelError('PURCHASE_MODEL_DOMAIN', `${scores.length} scores but ${positive.length} labels`);
  if (scores.some((score) => Number.isNaN(score))) throw new PurchaseModelError('PURCHASE_MODEL_DOMAIN', 'a score is NaN');
  const order = scores.map((_, index) => index).sort((left, right) => scores[left]! - scores[right]!);
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end += 1;
    // Ranks start + 1 … end + 1 are tied: each gets their mean.
    const midRank = (start + end) / 2 + 1;
    for (let index = start; index <= end; index += 1) {
      if (positive[order[index]!]) {
        positives += 1;
        positiveRankSum += midRank;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0)
    throw new PurchaseModelError('PURCHASE_MODEL_DOMAIN', `AUC needs both classes (positives ${positives}, negatives ${negatives})`);
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
