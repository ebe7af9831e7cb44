import { type DaySums, sumPerWeekday } from './day-sums.ts';

/**
 * The baseline of the decline test: the customer's own usual usage per weekday, and how much it
 * varies beyond a Poisson process.
 *
 * Why per weekday: most products are quiet at weekends, so a window's expected count must be the
 * sum of the usual counts of the weekdays it contains; a flat daily mean would call every
 * weekend-heavy window a decline. Holidays are left out of the baseline, because one quiet
 * Christmas week would otherwise lower the expectation of every other week.
 *
 * Why a dispersion: real daily usage varies more than a Poisson process (team rhythms, releases,
 * batch jobs), and a Poisson test on such data calls ordinary dips significant. Daily counts are
 * taken as negative binomial with variance m + α·m² (the "NB2" form). α is estimated by moments:
 * for each weekday w with n_w ≥ 2 baseline days, the unbiased sample variance s_w² estimates
 * m_w + α·m_w², so α̂ = Σ n_w (s_w² − m_w) / Σ n_w m_w², floored at 0 (0 means no
 * over-dispersion, and the test falls back to Poisson, its limit).
 */
export interface WeekdayBaseline {
  /** First and last day (inclusive) of the baseline, UTC day indexes. */
  readonly fromDay: number;
  readonly toDay: number;
  /** Usual usage per weekday, 0 = Sunday; the overall mean where a weekday has no usable day. */
  readonly ratesPerWeekday: readonly number[];
  /** α ≥ 0 of variance = m + α·m². */
  readonly dispersion: number;
  /** Baseline days used (holidays excluded). */
  readonly days: number;
  /** Baseline days used per weekday, 0 = Sunday: how well each rate is known. Absent in baselines frozen before it was kept. */
  readonly daysPerWeekday?: readonly number[];
}

/**
 * The baseline over `fromDay` … `toDay`, read from the running sums: per weekday w the days n_w,
 * the total S_w and the sum of squares Q_w of its non-holiday days give the rate m_w = S_w / n_w
 * and the squared deviations Σ (c − m_w)² = Q_w − S_w·m_w, without a walk over the days.
 */
export function weekdayBaselineOf(sums: DaySums, fromDay: number, toDay: number): WeekdayBaseline {
  const totals = sumPerWeekday(sums, sums.baselineCount, fromDay, toDay, [0, 0, 0, 0, 0, 0, 0]);
  const squares = sumPerWeekday(sums, sums.baselineSquare, fromDay, toDay, [0, 0, 0, 0, 0, 0, 0]);
  const daysPerWeekday = sumPerWeekday(sums, sums.baselineDays, fromDay, toDay, [0, 0, 0, 0, 0, 0, 0]);
  let total = 0;
  let days = 0;
  for (let weekday = 0; weekday < 7; weekday++) {
    total += totals[weekday] as number;
    days += daysPerWeekday[weekday] as number;
  }
  const overallMean = days === 0 ? 0 : total / days;
  const ratesPerWeekday = totals.map((sum, weekday) => (daysPerWeekday[weekday] === 0 ? overallMean : sum / (daysPerWeekday[weekday] as number)));
  let excessVariance = 0;
  let squaredMeans = 0;
  for (let weekday = 0; weekday < 7; weekday++) {
    const n = daysPerWeekday[weekday] as number;
    if (n < 2) continue;
    const mean = ratesPerWeekday[weekday] as number;
    // Rounding can leave a hair below 0 where every day had the same count.
    const squaredDeviations = Math.max(0, (squares[weekday] as number) - (totals[weekday] as number) * mean);
    excessVariance += n * (squaredDeviations / (n - 1) - mean);
    squaredMeans += n * mean ** 2;
  }
  const dispersion = squaredMeans > 0 ? Math.max(0, excessVariance / squaredMeans) : 0;
  return { fromDay, toDay, ratesPerWeekday, dispersion, days, daysPerWeekday };
}
