import { describe, expect, it } from 'vitest';
import { createDriver } from '../../test/drive.ts';
import { addDays, at, DAY_MS, dailyUsage, usage } from '../../test/fixtures.ts';
import { DEFAULT_THRESHOLDS } from '../config/defaults.ts';
import { parseDetectionConfig } from '../config/parse.ts';
import { createMonitor } from '../monitor/create-monitor.ts';
import type { SignalV1 } from '../signals/signal-contract.ts';
import { poissonLowerTail } from '../stats/poisson.ts';
import { dayIndexOf, weekdayOf } from '../time/days.ts';
import { countOn } from './day-counts.ts';
import { measureDecline } from './decline-test.ts';
import { createUsageMonitor, type UsageMonitorState, usageMonitorDefinition } from './usage-monitor.ts';

// Reference numbers: an independent Python re-computation with scipy.stats (poisson.cdf,
// nbinom.cdf) of the same windows, weekday rates and dispersion estimate.
const START = '2026-01-05'; // a Monday
const isWeekend = (weekday: number) => weekday === 0 || weekday === 6;

function run(config: unknown, records: ReturnType<typeof dailyUsage>, untilMs: number) {
  const driver = createDriver([createUsageMonitor(parseDetectionConfig(config))]);
  for (const record of records) driver.send(record);
  driver.advanceTo(untilMs);
  const signals = driver.outputsTo('signals').map((output) => output.value as SignalV1);
  return { driver, signals };
}

function findingOf(signal: SignalV1 | undefined, kind: string) {
  return signal?.findings.find((finding) => finding.kind === kind);
}

function firstWith(signals: readonly SignalV1[], kind: string, severity?: string): SignalV1 | undefined {
  return signals.find((signal) => signal.findings.some((finding) => finding.kind === kind && (severity === undefined || finding.severity === severity)));
}

describe('usage monitor: decline', () => {
  // Eight weeks at 20 a weekday and 4 a weekend day, then 6 and 1.
  const decliningRecords = dailyUsage('acme', START, 84, (offset, weekday) => (offset < 56 ? (isWeekend(weekday) ? 4 : 20) : isWeekend(weekday) ? 1 : 6));
  // The mechanics below are shown at a 30 % drop held a week, critical at 60 %, where their numbers
  // were worked out; the default opening thresholds have their own tests ('opens by default ...').
  const opening = { minRelativeDrop: 0.3, criticalRelativeDrop: 0.6, confirmDays: 7 };
  const sessionsConfig = { usageMetric: 'sessions', defaults: { usage: opening } };
  // Each day's test on its own, as before declines had to hold a week.
  const onFirstDay = { usageMetric: 'sessions', defaults: { usage: { ...opening, confirmDays: 1 } } };

  it('finds the drop on the first day it is significant and large enough, with its evidence', () => {
    const { signals } = run(onFirstDay, decliningRecords, at('2026-03-30'));
    const opened = firstWith(signals, 'usage_declining');
    const finding = findingOf(opened, 'usage_declining');
    expect(opened?.eventTime).toBe('2026-03-07T00:00:00.000Z');
    expect(finding?.since).toBe('2026-03-07T00:00:00.000Z');
    expect(finding?.severity).toBe('warning');
    expect(finding?.headline).toBe('Usage fell 32 % over 14 days against its 6-week baseline');
    const evidence = finding?.evidence[0];
    expect(evidence?.window).toEqual({ from: '2026-02-21T00:00:00.000Z', to: '2026-03-07T00:00:00.000Z' });
    expect(evidence?.baseline).toEqual({ from: '2026-01-10T00:00:00.000Z', to: '2026-02-21T00:00:00.000Z' });
    // The expectation's own error, from six weeks of baseline: Σ c_w² m_w / n_w = 5 × 2² × 20/6 + 2 × 2² × 4/6 = 72.
    expect(evidence?.observed).toMatchObject({
      observedCount: 146,
      expectedCount: 216,
      relativeDrop: 0.3241,
      dispersion: 0,
      expectedCountError: 8.49,
      windowsTested: 3,
      test: 'negative_binomial',
    });
    // P(X ≤ 146) for a negative binomial of mean 216 and variance 216 + 72 (size 648); below 0.001 / 3.
    expect(evidence?.statistic?.name).toBe('negative_binomial_lower_tail_p');
    expect(evidence?.statistic?.value).toBeCloseTo(5.455819092584394e-6, 15);
    expect(opened?.factor).toEqual({ value: 146 / 216, detail: 'usage at 68 % of its usual level' });
  });

  // Significant from 2026-03-07; at 30 % and 7 days (sessionsConfig) the seventh day running is 2026-03-13, when
  // the drop has reached 61 %. By default the 14-day drop first reaches 60 % on 2026-03-13; the tenth day running is 2026-03-22.
  it.each([
    ['at minRelativeDrop 30 %, confirmDays 7', sessionsConfig, '2026-03-13', '2026-03-07', 'Usage fell 61 % over 14 days against its 7-week baseline'],
    ['by default, at 60 % and 10 days', { usageMetric: 'sessions' }, '2026-03-22', '2026-03-13', 'Usage fell 68 % over 14 days against its 8-week baseline'],
  ])('opens %s only once the decline has held for confirmDays days, dated from the first of them', (_name, config, openedOn, since, headline) => {
    const { signals } = run(config, decliningRecords, at('2026-03-30'));
    const opened = firstWith(signals, 'usage_declining');
    expect(opened?.eventTime).toBe(`${openedOn}T00:00:00.000Z`);
    expect(findingOf(opened, 'usage_declining')).toMatchObject({ since: `${since}T00:00:00.000Z`, severity: 'critical', headline });
  });

  it('turns critical once the drop passes criticalRelativeDrop, against the baseline frozen at opening', () => {
    const { signals } = run(onFirstDay, decliningRecords, at('2026-03-30'));
    const critical = firstWith(signals, 'usage_declining', 'critical');
    const finding = findingOf(critical, 'usage_declining');
    expect(critical?.eventTime).toBe('2026-03-13T00:00:00.000Z');
    expect(finding?.since).toBe('2026-03-07T00:00:00.000Z');
    expect(finding?.evidence[0]?.observed).toMatchObject({ observedCount: 84, expectedCount: 216, relativeDrop: 0.6111 });
    expect(finding?.evidence[0]?.statistic?.value).toBeCloseTo(4.2139112131686084e-20, 31);
    // Weeks later the low level has moved into the baseline window, but the frozen baseline still expects 216.
    const last = signals.at(-1);
    expect(findingOf(last, 'usage_declining')?.evidence[0]?.observed).toMatchObject({ observedCount: 64, expectedCount: 216, relativeDrop: 0.7037 });
  });

  const recovering = dailyUsage('acme', START, 98, (offset, weekday) => {
    const low = offset >= 56 && offset < 70;
    return isWeekend(weekday) ? (low ? 1 : 4) : low ? 6 : 20;
  });

  it('reports a deepening decline by peak steps of 0.2, and stays quiet while it partly recovers', () => {
    const { signals } = run(onFirstDay, recovering, at('2026-04-13'));
    const fingerprints = signals.map((signal) => findingOf(signal, 'usage_declining')?.fingerprint ?? 'none');
    expect(fingerprints.filter((fingerprint, i) => fingerprint !== fingerprints[i - 1])).toEqual([
      'none',
      'warning:peak-step-1',
      'warning:peak-step-2',
      'critical:peak-step-3',
      'none',
    ]);
  });

  it('resolves a recovered customer once the drop is below the recovery threshold, and longer windows do not reopen it', () => {
    const { signals } = run(sessionsConfig, recovering, at('2026-04-13'));
    const openIndex = signals.findIndex((signal) => findingOf(signal, 'usage_declining') !== undefined);
    const cleared = signals.slice(openIndex).find((signal) => findingOf(signal, 'usage_declining') === undefined);
    // The drop first falls below 0.15 on 2026-03-27, when the window holds two low weekend days and twelve normal days.
    expect(cleared?.eventTime).toBe('2026-03-27T00:00:00.000Z');
    expect(cleared?.evidence[0]?.observed).toMatchObject({ observedCount: 196, expectedCount: 216, relativeDrop: 0.0926 });
    // P(X ≤ 196) under the frozen seven-week baseline: size 216² / 61.71 = 756.
    expect(cleared?.evidence[0]?.statistic?.value).toBeCloseTo(0.1196742220207576, 13);
    expect(cleared?.detail).toBe('usage at 91 % of its 7-week baseline over the last 14 days');
    // Four weeks still hold the dip (a 35 % drop), but the last two are back to normal: no new decline.
    expect(
      signals
        .slice(openIndex)
        .filter((signal) => findingOf(signal, 'usage_declining') !== undefined)
        .at(-1)?.eventTime,
    ).toBe('2026-03-26T00:00:00.000Z');
  });

  it('does not alert on quiet weekends: the expectation is per weekday', () => {
    const weekendHeavy = dailyUsage('acme', START, 70, (_offset, weekday) => (isWeekend(weekday) ? 2 : 30));
    const { signals } = run({ usageMetric: 'sessions', defaults: { usage: { recentWindowDays: 3, minExpectedCount: 10 } } }, weekendHeavy, at('2026-03-16'));
    expect(signals.length).toBeGreaterThan(0);
    expect(firstWith(signals, 'usage_declining')).toBeUndefined();
  });

  it('does not alert on a configured holiday week, and would without the holidays', () => {
    // The week of 2026-03-02 is a company shutdown: 3 a day instead of 30.
    const holidays = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
    const withShutdown = dailyUsage('acme', START, 70, (offset, weekday) => (isWeekend(weekday) ? 2 : offset >= 56 && offset < 61 ? 3 : 30));
    const configured = run({ usageMetric: 'sessions', defaults: { usage: { ...opening, holidays } } }, withShutdown, at('2026-03-16'));
    expect(firstWith(configured.signals, 'usage_declining')).toBeUndefined();
    const monday = configured.signals.find((signal) => signal.eventTime === '2026-03-16T00:00:00.000Z');
    // Expected: 5 normal weekdays × 30 + 5 holidays × 30 × 0.2 + 4 weekend days × 2 = 188; observed 150 + 15 + 8 = 173.
    expect(monday?.evidence[0]?.observed).toMatchObject({ observedCount: 173, expectedCount: 188, relativeDrop: 0.0798 });

    const unconfigured = run(sessionsConfig, withShutdown, at('2026-03-16'));
    const opened = firstWith(unconfigured.signals, 'usage_declining');
    expect([opened?.eventTime, findingOf(opened, 'usage_declining')?.since]).toEqual(['2026-03-12T00:00:00.000Z', '2026-03-06T00:00:00.000Z']);
  });

  it('gives the year-end closure, an annual holiday by default, the same allowance', () => {
    // A quiet week from Christmas Eve: 3 a weekday instead of 30.
    const yearEnd = dailyUsage('acme', '2025-10-27', 70, (offset, weekday) => (isWeekend(weekday) ? 2 : offset >= 58 && offset < 66 ? 3 : 30));
    expect(firstWith(run(sessionsConfig, yearEnd, at('2026-01-06')).signals, 'usage_declining')).toBeUndefined();
    const noClosure = run({ usageMetric: 'sessions', defaults: { usage: { ...opening, annualHolidays: [] } } }, yearEnd, at('2026-01-06'));
    expect(firstWith(noClosure.signals, 'usage_declining')).toBeDefined();
  });

  // Eight weeks at 20 a weekday and 4 a weekend day, then five weeks at 55 % of that (11 and 2.2,
  // as whole sessions 11 and 2), then back: the step of a summer break.
  const summerBreak = dailyUsage('seasonal', START, 105, (offset, weekday) => {
    const away = offset >= 56 && offset < 91;
    return isWeekend(weekday) ? (away ? 2 : 4) : away ? 11 : 20;
  });

  it('opens by default on no step of −45 %: a break of five weeks is no decline, though 30 % held a week would call it one', () => {
    const { signals } = run({ usageMetric: 'sessions' }, summerBreak, at('2026-04-20'));
    expect(firstWith(signals, 'usage_declining')).toBeUndefined();
    const drops = signals.flatMap((signal) =>
      signal.evidence.filter((evidence) => evidence.detector === 'usage-decline').map((evidence) => evidence.observed.relativeDrop as number),
    );
    const deepest = Math.max(...drops);
    // 59 sessions a week against 108: 1 − 59/108.
    expect(deepest).toBe(0.4537);
    const formerly = firstWith(run(sessionsConfig, summerBreak, at('2026-04-20')).signals, 'usage_declining');
    expect(formerly?.eventTime).toBe('2026-03-17T00:00:00.000Z');
  });

  it('judges a small account over a longer window: 28 expected in two weeks is too little, 42 in three is enough', () => {
    const small = dailyUsage('tiny', START, 70, (offset) => (offset < 56 ? 2 : 1));
    const { signals } = run(sessionsConfig, small, at('2026-03-16'));
    expect(firstWith(signals, 'usage_declining')).toBeUndefined();
    const last = signals.find((signal) => signal.eventTime === '2026-03-16T00:00:00.000Z');
    expect(last?.evidence[0]?.window).toEqual({ from: '2026-02-23T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z' });
    expect(last?.evidence[0]?.observed).toMatchObject({ observedCount: 28, expectedCount: 42, relativeDrop: 0.3333, windowsTested: 4 });
    // P(X ≤ 28) for mean 42 and variance 42 + 7 × 3² × 2/7 (size 98) = 0.0327: no decline at 0.001 / 4.
    expect(last?.evidence[0]?.statistic?.value).toBeCloseTo(0.03266846493117395, 13);
  });

  it('uses the negative binomial on an over-dispersed baseline, where Poisson would alert', () => {
    // Weekdays alternate between busy (36) and quiet (4) weeks; then a week of 22 and a quiet week.
    const perWeek = (week: number) => (week === 8 ? 22 : week === 9 ? 4 : week % 2 === 0 ? 36 : 4);
    const bursty = dailyUsage('bursty', START, 70, (offset, weekday) => (isWeekend(weekday) ? 0 : perWeek(Math.floor(offset / 7))));
    const { signals } = run(sessionsConfig, bursty, at('2026-03-16'));
    expect(firstWith(signals, 'usage_declining')).toBeUndefined();
    const saturday = signals.find((signal) => signal.eventTime === '2026-03-07T00:00:00.000Z');
    const evidence = saturday?.evidence[0];
    // α = 0.718; variance = 200 + 0.718 × 10 × 20² + 5 × 2² × (20 + 0.718 × 20²)/6 = 200 + 2872 + 1024 = 4096.
    expect(evidence?.observed).toMatchObject({ observedCount: 130, expectedCount: 200, relativeDrop: 0.35, dispersion: 0.718, expectedCountError: 32 });
    expect(evidence?.statistic).toEqual({ name: 'negative_binomial_lower_tail_p', value: expect.closeTo(0.12858246396087059, 12) });
    // The same window under a Poisson test: P(X ≤ 130 | 200) = 8.1e-8, far below alpha.
    expect(poissonLowerTail(130, 200)).toBeCloseTo(8.121902368915364e-8, 19);
  });
});

describe('decline test', () => {
  it('expects per weekday: a three-day window ending on Sunday expects 34, not a flat 3 × 22', () => {
    const start = dayIndexOf(at(START));
    const counts = Array.from({ length: 70 }, (_, offset) => (isWeekend(weekdayOf(start + offset)) ? 2 : 30));
    const usage = { ...DEFAULT_THRESHOLDS.usage, recentWindowDays: 3 };
    const outcome = measureDecline({
      days: { startDay: start, counts },
      firstSeenDay: start,
      evaluationDay: dayIndexOf(at('2026-03-16')),
      lastActiveDay: start + 69,
      usage,
    });
    expect(outcome.status).toBe('measured');
    if (outcome.status !== 'measured') return;
    expect(outcome.measurement).toMatchObject({
      windowFromDay: start + 67,
      windowToDay: start + 69,
      expected: 34,
      observed: 34,
      relativeDrop: 0,
      baselineWeeks: 8,
    });
    expect(outcome.measurement.baseline.ratesPerWeekday).toEqual([2, 30, 30, 30, 30, 30, 2]);
  });

  it('needs minBaselineWeeks of history before it tests', () => {
    const start = dayIndexOf(at(START));
    const outcome = measureDecline({
      days: { startDay: start, counts: new Array(40).fill(10) },
      firstSeenDay: start,
      evaluationDay: start + 40,
      lastActiveDay: start + 39,
      usage: DEFAULT_THRESHOLDS.usage,
    });
    expect(outcome).toEqual({ status: 'insufficient_history', baselineWeeks: 3 });
  });
});

describe('usage monitor: events', () => {
  it('puts a late event in its own day and re-tests with it', () => {
    const records = dailyUsage('acme', START, 70, (_offset, weekday) => (isWeekend(weekday) ? 4 : 20));
    const driver = createDriver([createUsageMonitor(parseDetectionConfig({ usageMetric: 'sessions' }))]);
    for (const record of records) driver.send(record);
    const before = driver.outputsTo('signals').length;
    // Ten more sessions of 2026-03-10, arriving on 2026-03-15.
    driver.send({ ...usage('acme', at('2026-03-10', 15), 10), eventTimeMs: at('2026-03-10', 15) });
    const state = driver.stateOf<UsageMonitorState>('usage-monitor', 'acme');
    expect(countOn(state!.days, dayIndexOf(at('2026-03-10')))).toBe(30);
    const latest = driver.outputsTo('signals').slice(before).at(-1)?.value as SignalV1;
    expect(latest.evidence[0]?.observed).toMatchObject({ observedCount: 226, expectedCount: 216 });
  });

  it('sends a signal when the assessment changes, not for every event: more usage the same day is no news', () => {
    const records = dailyUsage('acme', START, 70, (_offset, weekday) => (isWeekend(weekday) ? 4 : 20));
    const driver = createDriver([createUsageMonitor(parseDetectionConfig({ usageMetric: 'sessions' }))]);
    for (const record of records) driver.send(record);
    const before = driver.outputsTo('signals').length;
    driver.send(usage('acme', at('2026-03-15', 12), 3));
    driver.send(usage('acme', at('2026-03-15', 15), 3));
    expect(driver.outputsTo('signals').length).toBe(before);
    // The next day's test (its timer fires at midnight) is news; its signal carries the latest usage time.
    driver.send(usage('acme', at('2026-03-16', 9), 20));
    const latest = driver
      .outputsTo('signals')
      .map((output) => output.value as SignalV1)
      .slice(before);
    expect(latest.map((signal) => [signal.eventTime, signal.facts.lastUsageAt])).toEqual([['2026-03-16T00:00:00.000Z', '2026-03-15T15:00:00.000Z']]);
  });

  it('counts every usage event as one unit when no metric is configured', () => {
    const driver = createDriver([createUsageMonitor(parseDetectionConfig({}))]);
    driver.send(usage('acme', at('2026-01-05', 9), 500, 'api_calls'));
    driver.send(usage('acme', at('2026-01-05', 11), 3, 'sessions'));
    const days = driver.stateOf<UsageMonitorState>('usage-monitor', 'acme')?.days;
    const day = dayIndexOf(at('2026-01-05'));
    expect([countOn(days!, day - 1), countOn(days!, day), countOn(days!, day + 1)]).toEqual([0, 2, 0]);
  });
});

describe('usage monitor: silence', () => {
  it('gives a customer who stops abruptly one alert, usage stopped, and no decline', () => {
    const stopped = dailyUsage('gone', START, 56, (_offset, weekday) => (isWeekend(weekday) ? 4 : 20));
    const { signals } = run({ usageMetric: 'sessions' }, stopped, at('2026-03-20'));
    expect(firstWith(signals, 'usage_declining')).toBeUndefined();
    // Last usage Sunday 2026-03-01 10:00; the decline window ends there, so it still sees the usual level.
    expect(findingOf(firstWith(signals, 'usage_stopped'), 'usage_stopped')?.since).toBe('2026-03-11T10:00:00.000Z');
    expect(signals.at(-1)?.evidence[0]?.window).toEqual({ from: '2026-02-16T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' });
  });

  it('catches a daily account at the minimum: a warning after warningAfterDays, critical after criticalAfterDays, cleared by usage', () => {
    const stopped = dailyUsage('gone', START, 56, (_offset, weekday) => (isWeekend(weekday) ? 4 : 20));
    const { driver, signals } = run({ usageMetric: 'sessions' }, stopped, at('2026-03-20'));
    const warning = firstWith(signals, 'usage_stopped', 'warning');
    // Last usage Sunday 2026-03-01 10:00. Its usual rates are those the decline test holds it to:
    // the 6 weeks before the two weeks up to that day, 20 a weekday and 4 a weekend day.
    // Ten days of silence expect 14/24 × 4 + 5 × 20 + 2 × 4 + 2 × 20 + 10/24 × 20 = 158.67 sessions:
    // P(none) = e^−158.67, far below alpha from the first hours on, so warningAfterDays decides.
    expect(warning?.eventTime).toBe('2026-03-11T10:00:00.000Z');
    expect(findingOf(warning, 'usage_stopped')).toMatchObject({
      since: '2026-03-11T10:00:00.000Z',
      headline: 'No usage for 10 days (last on 2026-03-01); 158.7 sessions would be usual by now',
    });
    const evidence = findingOf(warning, 'usage_stopped')?.evidence[0];
    expect(evidence?.baseline).toEqual({ from: '2026-01-05T00:00:00.000Z', to: '2026-02-16T00:00:00.000Z' });
    expect(evidence?.observed).toMatchObject({ silentDays: 10, baselineWeeks: 6, baselineCount: 648, expectedCount: 158.67, test: 'poisson_zero' });
    // Its rates known from 648 sessions: P(none) = (1 + 158.67/648)^−648 (e^−158.67 were they exact).
    expect((evidence?.statistic?.value ?? 0) / (1 + (158 + 2 / 3) / 648) ** -648).toBeCloseTo(1, 9);
    expect(warning?.factor).toEqual({ value: 0, detail: 'no usage for 10 days' });
    const critical = firstWith(signals, 'usage_stopped', 'critical');
    expect(critical?.eventTime).toBe('2026-03-15T10:00:00.000Z');
    expect(findingOf(critical, 'usage_stopped')?.since).toBe('2026-03-11T10:00:00.000Z');

    driver.send(usage('gone', at('2026-03-20', 9), 1));
    const back = driver.outputsTo('signals').at(-1)?.value as SignalV1;
    expect(findingOf(back, 'usage_stopped')).toBeUndefined();
    expect(back.facts).toEqual({ lastUsageAt: '2026-03-20T09:00:00.000Z', dormant: false });
  });

  it("waits until a silence outlasts the customer's own longest pause by longestPauseMarginDays", () => {
    // Daily usage for twelve weeks but for a pause of nine days without usage (2026-01-08 … 01-16);
    // last usage Sunday 2026-03-29 10:00.
    const withPause = dailyUsage('bursty', START, 84, (offset, weekday) => (offset >= 3 && offset <= 11 ? 0 : isWeekend(weekday) ? 4 : 20));
    const ownPauses = run({ usageMetric: 'sessions' }, withPause, at('2026-04-30'));
    const warning = findingOf(firstWith(ownPauses.signals, 'usage_stopped', 'warning'), 'usage_stopped');
    // Nine empty days after 03-29 end with 04-07; one whole day more and the warning opens.
    expect(warning?.since).toBe('2026-04-09T00:00:00.000Z');
    expect(warning?.evidence[0]?.observed).toMatchObject({ longestPauseDays: 9, silentDays: 10 });
    const countModelOnly = run({ usageMetric: 'sessions', defaults: { silence: { beyondLongestPause: false } } }, withPause, at('2026-04-30'));
    // Without it, warningAfterDays decides: ten days after the last usage.
    expect(findingOf(firstWith(countModelOnly.signals, 'usage_stopped', 'warning'), 'usage_stopped')?.since).toBe('2026-04-08T10:00:00.000Z');
  });

  // Twice a week (Monday and Thursday, one session at 10:00) for ten weeks; last usage Thursday
  // 2026-03-12. Too few sessions for the decline test's longer windows, so its rates come from the
  // 7 weeks before the two weeks up to that day: 14 sessions, 1 a Monday, 1 a Thursday, none on other days.
  const twiceWeekly = dailyUsage('sparse', START, 70, (_offset, weekday) => (weekday === 1 || weekday === 4 ? 1 : 0));

  it('gives a sparse account its own, longer horizon: no alert after 7 or 14 days, a warning once P(no usage) < alpha', () => {
    const { signals } = run({}, twiceWeekly, at('2026-06-01'));
    const stoppedAt = (date: string) => signals.filter((signal) => signal.eventTime < date).some((signal) => findingOf(signal, 'usage_stopped'));
    expect(stoppedAt('2026-03-26T10:00:00.000Z')).toBe(false);
    // Rates known from 14 sessions only: P(none) = (1 + W/14)^−14 reaches 0.0001 at
    // W = 14 × (0.0001^(−1/14) − 1) = 13.0298 (9.2103 were they exact). 14/24 of that Thursday, then
    // 12 more Mondays and Thursdays: 12.5833 by Monday 2026-04-27, reached 0.4464 of the way through it.
    const warning = firstWith(signals, 'usage_stopped', 'warning');
    expect(warning?.eventTime).toBe('2026-04-27T10:42:51.973Z');
    expect(findingOf(warning, 'usage_stopped')).toMatchObject({
      since: '2026-04-27T10:42:51.973Z',
      headline: 'No usage for 46 days (last on 2026-03-12); 13 usage events would be usual by now',
    });
    expect(findingOf(warning, 'usage_stopped')?.evidence[0]?.statistic?.value).toBeCloseTo(0.0001, 9);
    // Critical would need W = 14 × (1e−8^(−1/14) − 1) = 38.19, past dormancy 90 days after the last usage.
    expect(firstWith(signals, 'usage_stopped', 'critical')).toBeUndefined();
  });

  it('judges a small account on every whole week the ring holds: rates known from more uses, an earlier warning', () => {
    // The same Mondays and Thursdays for 17 weeks; last usage Thursday 2026-04-30. 16 sessions in the
    // 8 weeks before the last two are fewer than minExpectedCount (30), so the basis reaches back over
    // all 14 whole weeks before them: 28 sessions, W = 28 × (0.0001^(−1/28) − 1) = 10.9059 (12.4525
    // from 16). 14/24 of that Thursday, then 10 Mondays and Thursdays: 10.5833 by Thursday 2026-06-04,
    // reached 0.3225 of the way through Monday 2026-06-08 (on 8 weeks: 0.8691 through Thursday 2026-06-11).
    const seventeenWeeks = dailyUsage('sparse', START, 119, (_offset, weekday) => (weekday === 1 || weekday === 4 ? 1 : 0));
    const warning = firstWith(run({}, seventeenWeeks, at('2026-09-01')).signals, 'usage_stopped', 'warning');
    expect(warning?.eventTime).toBe('2026-06-08T07:44:27.500Z');
    expect(findingOf(warning, 'usage_stopped')?.evidence[0]?.observed).toMatchObject({ baselineWeeks: 14, baselineCount: 28, test: 'poisson_zero' });
    // Enough uses in the eight weeks (minExpectedCount 16) keeps them: the later warning.
    const eightWeeks = firstWith(run({ defaults: { usage: { minExpectedCount: 16 } } }, seventeenWeeks, at('2026-09-01')).signals, 'usage_stopped', 'warning');
    expect(eightWeeks?.eventTime.slice(0, 10)).toBe('2026-06-11');
  });

  it('expects less on a holiday: a holiday Monday in the silence moves the warning to the next Thursday', () => {
    const { signals } = run({ defaults: { usage: { holidays: ['2026-04-13'] } } }, twiceWeekly, at('2026-06-01'));
    // The holiday expects 0.2 of a Monday: 12.7833 after Monday 2026-04-27, 13.0298 reached 0.2464 into Thursday 2026-04-30.
    expect(firstWith(signals, 'usage_stopped', 'warning')?.eventTime).toBe('2026-04-30T05:54:51.973Z');
  });

  it('expects the year-end closure from 23 December to 2 January by default: a customer last seen on 22 December is no stop during it', () => {
    // 4 sessions every weekday at 10:00 from 2025-10-27 to Monday 2025-12-22, none at weekends.
    const untilYearEnd = dailyUsage('closing', '2025-10-27', 57, (_offset, weekday) => (isWeekend(weekday) ? 0 : 4));
    const warningOf = (config: unknown) => firstWith(run(config, untilYearEnd, at('2026-01-31')).signals, 'usage_stopped', 'warning')?.eventTime;
    const formerList = ['12-24', '12-25', '12-26', '12-27', '12-28', '12-29', '12-30', '12-31', '01-01'];
    // 23 December and 2 January at 0.2 of a weekday: the warning moves past the closure to the next
    // working day. Without them it opens on New Year's Day, ten days after the last usage.
    expect(warningOf({ usageMetric: 'sessions' })).toBe('2026-01-05T00:14:17.221Z');
    expect(warningOf({ usageMetric: 'sessions', defaults: { usage: { annualHolidays: formerList } } })).toBe('2026-01-01T10:00:00.000Z');
  });

  it('keeps the wall-clock timer at the earliest moment a silence could open, then at the moment the test will first pass', () => {
    const silenceTimerAfter = (records: readonly (typeof twiceWeekly)[number][]) => {
      const driver = createDriver([createUsageMonitor(parseDetectionConfig({}))]);
      for (const record of records) driver.send(record);
      const silenceTimer = () => driver.timersOf('usage-monitor', 'sparse').find((timer) => timer.name === 'usage-silence');
      // While usage is recent the test cannot pass: the timer waits at warningAfterDays (10) after the last usage.
      const floor = silenceTimer();
      expect(floor?.clock).toBe('wall');
      driver.advanceTo(floor?.atMs as number);
      return { floor: floor?.atMs, exact: silenceTimer() };
    };
    const lastThursday = silenceTimerAfter(twiceWeekly);
    expect(lastThursday.floor).toBe(Date.parse('2026-03-22T10:00:00.000Z'));
    expect(lastThursday.exact).toMatchObject({ atMs: Date.parse('2026-04-27T10:42:51.973Z'), clock: 'wall' });
    // One more Monday session: the same rates, now known from 16 sessions (W = 12.4525), counted
    // from Monday 2026-03-16 10:00: 11.5833 by Monday 2026-04-27, reached 0.8691 of the way through it.
    const oneMore = silenceTimerAfter([...twiceWeekly, usage('sparse', at('2026-03-16', 10), 1)]);
    expect(oneMore.floor).toBe(Date.parse('2026-03-26T10:00:00.000Z'));
    expect(oneMore.exact).toMatchObject({ atMs: Date.parse('2026-04-27T20:51:33.457Z'), clock: 'wall' });
  });

  it('makes no silence test on too little usage or history', () => {
    const sparse = run({ defaults: { silence: { minBaselineCount: 15 } } }, twiceWeekly, at('2026-09-01'));
    expect(firstWith(sparse.signals, 'usage_stopped')).toBeUndefined();
    expect(sparse.signals.at(-1)?.evidence.at(-1)?.observed).toMatchObject({ baselineCount: 14, expectedCount: null, test: 'not_made' });
    const young = run(
      {},
      dailyUsage('young', START, 6, () => 20),
      at('2026-09-01'),
    );
    expect(firstWith(young.signals, 'usage_stopped')).toBeUndefined();
  });

  it('marks the customer dormant after dormantAfterDays and stops its daily timer', () => {
    const driver = createDriver([createUsageMonitor(parseDetectionConfig({ dormantAfterDays: 30 }))]);
    driver.send(usage('acme', at('2026-03-02', 16), 1));
    driver.advanceTo(at('2026-03-02', 16) + 40 * DAY_MS);
    const last = driver.outputsTo('signals').at(-1)?.value as SignalV1;
    expect(last.eventTime).toBe('2026-04-01T16:00:00.000Z');
    expect(last.facts.dormant).toBe(true);
    expect(driver.timersOf('usage-monitor', 'acme')).toEqual([]);
    expect(addDays('2026-03-02', 30)).toBe('2026-04-01');
  });
});

describe('usage monitor: events that change nothing it reads', () => {
  /**
   * Four customers over 110 days, several events a day at random times, some a day late, a fifth
   * of another metric; one falls, one stops and comes back with only the other metric.
   */
  function busyRecords() {
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const records: { arrivalMs: number; record: ReturnType<typeof usage> }[] = [];
    const startMs = at(START, 0);
    for (let day = 0; day < 110; day++) {
      for (const [customerId, perDay] of [
        ['steady', 6],
        ['falls', day < 70 ? 6 : 1],
        ['stops', day < 80 || day >= 100 ? 4 : 0],
        ['late', 3],
      ] as const) {
        for (let n = 0; n < perDay; n++) {
          const timeMs = startMs + day * DAY_MS + Math.floor(random() * DAY_MS);
          const lateBy = customerId === 'late' && random() < 0.3 ? DAY_MS : 0;
          const metric = random() < 0.2 || (customerId === 'stops' && day >= 80) ? 'logins' : 'sessions';
          records.push({ arrivalMs: timeMs, record: usage(customerId, timeMs - lateBy, Math.floor(random() * 3), metric) });
        }
      }
    }
    return records.sort((a, b) => a.arrivalMs - b.arrivalMs).map(({ record }) => record);
  }

  it('are not assessed, and the monitor says and keeps exactly what assessing each of them would', () => {
    const config = parseDetectionConfig({ usageMetric: 'sessions', defaults: { usage: { minRelativeDrop: 0.3, confirmDays: 3 } } });
    const quiet = createDriver([createUsageMonitor(config)]);
    const every = createDriver([createMonitor(config, { ...usageMonitorDefinition(config), quietEvent: undefined })]);
    const records = busyRecords();
    for (const record of records) {
      quiet.send(record);
      every.send(record);
    }
    const endMs = Math.max(...records.map((record) => record.eventTimeMs)) + 30 * DAY_MS;
    quiet.advanceTo(endMs);
    every.advanceTo(endMs);
    const signals = (driver: typeof quiet) => driver.outputsTo('signals').map((output) => output.value as SignalV1);
    expect(signals(quiet)).toEqual(signals(every));
    // The history shows what the comparison is about: a decline and a stop among many quiet days.
    expect(firstWith(signals(quiet), 'usage_declining')?.customerId).toBe('falls');
    expect(firstWith(signals(quiet), 'usage_stopped')?.customerId).toBe('stops');
    for (const customerId of ['steady', 'falls', 'stops', 'late']) {
      expect(quiet.stateOf('usage-monitor', customerId)).toEqual(every.stateOf('usage-monitor', customerId));
      expect(quiet.timersOf('usage-monitor', customerId)).toEqual(every.timersOf('usage-monitor', customerId));
    }
  });
});
