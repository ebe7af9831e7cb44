import { describe, expect, it } from 'vitest';
import { at } from '../../test/fixtures.ts';
import { finding, scorerDriver, signal } from '../../test/signals.ts';
import type { SignalV1 } from '../signals/signal-contract.ts';
import type { RiskScorerState } from './scorer-state.ts';
import { findingEvidence, storedSignalOf } from './stored-signal.ts';

const measurement = { detector: 'usage-decline', ruleVersion: 'r1', observed: { drop: 0.6 }, thresholds: { alpha: 0.001 } };
const silence = { detector: 'usage-silence', ruleVersion: 'r1', observed: { silentDays: 2 }, thresholds: { alpha: 0.0001 } };

describe('a signal as the risk scorer keeps it', () => {
  it('keeps time, factor, all-clear, findings and facts; a finding shows the signal’s measurement by its index', () => {
    const own = { detector: 'own', ruleVersion: 'r1', observed: {}, thresholds: {} };
    const value = signal('acme', 'usage', at('2026-05-01'), {
      factor: { value: 0.4, detail: 'usage at 40 %' },
      evidence: [measurement, silence],
      findings: [finding('usage_declining', at('2026-04-28'), { evidence: [silence, own] })],
      facts: { dormant: false },
    }).value as SignalV1;
    const stored = storedSignalOf(value);
    expect(stored).toEqual({
      atMs: at('2026-05-01'),
      factor: { value: 0.4, detail: 'usage at 40 %' },
      allClear: { detail: 'usage detail', evidence: [measurement, silence] },
      findings: [
        {
          kind: 'usage_declining',
          severity: 'warning',
          sinceMs: at('2026-04-28'),
          headline: 'usage_declining headline',
          fingerprint: 'warning',
          evidence: [1, own],
        },
      ],
      facts: { dormant: false },
    });
    expect(findingEvidence(stored, stored.findings?.[0] as never)).toEqual([silence, own]);
  });

  it('lets go of what an all-clear shows once no alert of the concern is open or can open, and keeps it while one can', () => {
    const run = scorerDriver();
    const usage = () => run.driver.stateOf<RiskScorerState>('risk-scorer', 'acme')?.signals.usage;
    run.driver.send(signal('acme', 'usage', at('2026-05-01'), { evidence: [measurement] }));
    expect(usage()).toEqual({ atMs: at('2026-05-01'), factor: null });

    run.driver.send(signal('acme', 'usage', at('2026-05-02'), { evidence: [measurement], findings: [finding('usage_declining', at('2026-05-02'))] }));
    expect(usage()?.allClear).toEqual({ detail: 'usage detail', evidence: [measurement] });

    run.driver.send(signal('acme', 'usage', at('2026-05-09'), { detail: 'usage back to normal', evidence: [silence] }));
    expect(run.alerts().map((alert) => [alert.status, alert.summary, alert.evidence])).toEqual([
      ['opened', 'usage_declining headline', finding('usage_declining', 0).evidence],
      ['resolved', 'All clear: usage back to normal', [silence]],
    ]);
    expect(usage()).not.toHaveProperty('allClear');
  });
});
