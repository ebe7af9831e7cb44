import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { createLocalTopology } from '@churnwatch/stream-runtime';
import { describe, expect, it } from 'vitest';
import { createDriver, type FedRecord } from '../../test/drive.ts';
import { at } from '../../test/fixtures.ts';
import { finding, scorerDriver, signal } from '../../test/signals.ts';
import { parseDetectionConfig } from '../config/parse.ts';
import type { SignalV1 } from '../signals/signal-contract.ts';
import { holdSignal, MAX_HELD_SIGNALS, SIGNALS_DUE_TIMER, SIGNALS_OVERDUE_TIMER } from './held-signals.ts';
import { createRiskScorer } from './risk-scorer.ts';
import { INITIAL_SCORER_STATE, type RiskScorerState } from './scorer-state.ts';

const contractFacts = { renewalDate: '2026-12-31', autoRenew: true, contractStatus: 'active' as const };
const known = signal('acme', 'contract', at('2026-01-05'), { facts: contractFacts });
const decline = signal('acme', 'usage', at('2026-11-10'), { findings: [finding('usage_declining', at('2026-11-08'))] });
const autoRenewOff = signal('acme', 'contract', at('2026-11-12'), { facts: { ...contractFacts, autoRenew: false, autoRenewSwitchedOff: true } });
const later = signal('acme', 'usage', at('2026-11-20'), {});

/** Long enough that the tests' wall clock, which follows the records, never releases a signal. */
const yearMs = 365 * 86_400_000;
const holdingScorer = (maxHoldMs = yearMs) => createRiskScorer(parseDetectionConfig({}), { hold: { maxHoldMs } });

function alertsOf(driver: ReturnType<typeof createDriver>) {
  return driver.outputsTo('alerts').map((output) => output.value as ChurnRiskAlertV1);
}

/** Alert steps as compared with a replay: what each says, not when the test saw it. */
const steps = (alerts: readonly ChurnRiskAlertV1[]) => alerts.map((alert) => [alert.eventId, alert.status, alert.eventTime, alert.openedAt, alert.healthScore]);

describe('risk scorer holding signals for the clock', () => {
  it('scores signals that came out of order as a replay scores them in order', () => {
    const inOrder = scorerDriver();
    for (const record of [known, decline, autoRenewOff, later]) inOrder.driver.send(record);

    const held = createDriver([holdingScorer()]);
    // The contract monitor ran ahead of the usage monitor: its later signal came first.
    for (const record of [known, autoRenewOff, decline, later]) held.send(record);
    expect(alertsOf(held)).toEqual([]);
    expect(held.stateOf<RiskScorerState>('risk-scorer', 'acme')?.heldSignals?.map((h) => h.signal.atMs)).toEqual([
      at('2026-01-05'),
      at('2026-11-10'),
      at('2026-11-12'),
      at('2026-11-20'),
    ]);
    held.advanceTo(at('2026-11-20'));

    expect(steps(alertsOf(held))).toEqual(steps(inOrder.alerts()));
    expect(alertsOf(held).find((alert) => alert.kind === 'renewal_at_risk')?.openedAt).toBe('2026-11-08T00:00:00.000Z');
    expect(held.stateOf<RiskScorerState>('risk-scorer', 'acme')?.heldSignals).toBeUndefined();
    expect(held.timersOf('risk-scorer', 'acme').map((timer) => timer.name)).not.toContain(SIGNALS_DUE_TIMER);
  });

  it('takes what the clock has passed, holds the rest, and scores a signal behind the clock at once', () => {
    const held = createDriver([holdingScorer()]);
    held.send(known);
    held.send(autoRenewOff);
    held.advanceTo(at('2026-11-11'));
    expect(held.stateOf<RiskScorerState>('risk-scorer', 'acme')?.heldSignals?.map((h) => h.concern)).toEqual(['contract']);
    expect(held.timersOf('risk-scorer', 'acme')).toContainEqual({ name: SIGNALS_DUE_TIMER, atMs: at('2026-11-12'), clock: 'stream' });
    // Behind the clock (a late event of the usage monitor): scored as it comes, before the held one.
    held.send(decline);
    const renewalSteps = () => alertsOf(held).filter((alert) => alert.kind === 'renewal_at_risk');
    expect(alertsOf(held).find((alert) => alert.kind === 'usage_declining')?.status).toBe('opened');
    expect(renewalSteps().map((alert) => [alert.status, alert.eventTime])).toEqual([['opened', '2026-11-10T00:00:00.000Z']]);
    held.advanceTo(at('2026-11-12'));
    expect(renewalSteps().map((alert) => [alert.status, alert.eventTime])).toEqual([
      ['opened', '2026-11-10T00:00:00.000Z'],
      ['updated', '2026-11-12T00:00:00.000Z'],
    ]);
  });

  it('takes a signal on the wall clock once it has waited its longest, while a monitor holds the clock back', () => {
    const maxHoldMs = 3_600_000;
    const topology = createLocalTopology({ processors: [holdingScorer(maxHoldMs)] });
    topology.push(known);
    topology.push(decline);
    topology.advanceStreamTime(at('2026-01-05'));
    const fired = topology.advanceWallClock(at('2026-11-10') + maxHoldMs - 1);
    expect(fired.filter((output) => output.output === 'alerts')).toEqual([]);
    const overdue = topology.advanceWallClock(at('2026-11-10') + maxHoldMs);
    expect(overdue.filter((output) => output.output === 'alerts').map((output) => (output.value as ChurnRiskAlertV1).kind)).toContain('usage_declining');
    expect(topology.timers('risk-scorer', 'acme').map((timer) => timer.name)).not.toContain(SIGNALS_OVERDUE_TIMER);
  });
});

describe('holdSignal', () => {
  const value = (record: FedRecord) => record.value as SignalV1;

  it('orders one instant by monitor, as a replay delivers them, and later arrivals of one monitor after earlier ones', () => {
    const instant = at('2026-11-12');
    const purchase = value(signal('acme', 'purchases', instant));
    const contract = value(signal('acme', 'contract', instant));
    const usage = value(signal('acme', 'usage', instant, { detail: 'first' }));
    const usageAgain = value(signal('acme', 'usage', instant, { detail: 'second' }));
    let state = INITIAL_SCORER_STATE;
    for (const next of [purchase, usage, contract, usageAgain]) state = holdSignal(state, next).state;
    expect(state.heldSignals?.map((held) => [held.concern, held.signal.allClear?.detail])).toEqual([
      ['usage', 'first'],
      ['usage', 'second'],
      ['contract', 'contract detail'],
      ['purchases', 'purchases detail'],
    ]);
  });

  it('keeps a bounded number and hands the earliest over to be scored at once', () => {
    let state = INITIAL_SCORER_STATE;
    for (let day = 0; day < MAX_HELD_SIGNALS; day++) {
      const next = holdSignal(state, value(signal('acme', 'usage', at('2026-01-01') + (day + 1) * 86_400_000)));
      expect(next.overflow).toEqual([]);
      state = next.state;
    }
    const full = holdSignal(state, value(signal('acme', 'contract', at('2026-01-01'))));
    expect(full.overflow.map((held) => held.concern)).toEqual(['contract']);
    expect(full.state.heldSignals).toHaveLength(MAX_HELD_SIGNALS);
  });
});
