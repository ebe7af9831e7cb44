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

export function buildWeekdayBaseline(
  countOf: (day: number) => number,
  weekdayOf: (day: number) => number,
  fromDay: number,
  toDay: number,
  isHoliday: (day: number) => boolean,
): WeekdayBaseline {
  // Two passes over the days, without intermediate lists: this runs for several windows per
  // customer and day.
  const sums = [0, 0, 0, 0, 0, 0, 0];
  const daysPerWeekday = [0, 0, 0, 0, 0, 0, 0];
  let total = 0;
  let days = 0;
  for (let day = fromDay; day <= toDay; day++) {
    if (isHoliday(day)) continue;
    const weekday = weekdayOf(day);
    const count = countOf(day);
    sums[weekday] = (sums[weekday] as number) + count;
    daysPerWeekday[weekday] = (daysPerWeekday[weekday] as number) + 1;
    total += count;
    days++;
  }
  const overallMean = days === 0 ? 0 : total / days;
  const ratesPerWeekday = sums.map((sum, weekday) => (daysPerWeekday[weekday] === 0 ? overallMean : sum / (daysPerWeekday[weekday] as number)));

  const squaredDeviations = [0, 0, 0, 0, 0, 0, 0];
  for (let day = fromDay; day <= toDay; day++) {
    if (isHoliday(day)) continue;
    const weekday = weekdayOf(day);
    squaredDeviations[weekday] = (squaredDeviations[weekday] as number) + (countOf(day) - (ratesPerWeekday[weekday] as number)) ** 2;
  }
  let excessVariance = 0;
  let squaredMeans = 0;
  daysPerWeekday.forEach((n, weekday) => {
    if (n < 2) return;
    const mean = ratesPerWeekday[weekday] as number;
    const sampleVariance = (squaredDeviations[weekday] as number) / (n - 1);
    excessVariance += n * (sampleVariance - mean);
    squaredMeans += n * mean ** 2;
  });
  const dispersion = squaredMeans > 0 ? Math.max(0, excessVariance / squaredMeans) : 0;
  return { fromDay, toDay, ratesPerWeekday, dispersion, days, daysPerWeekday };
}
