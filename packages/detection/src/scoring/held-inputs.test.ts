import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { createLocalTopology } from '@churnwatch/stream-runtime';
import { describe, expect, it } from 'vitest';
import { createDriver, type FedRecord } from '../../test/drive.ts';
import { at } from '../../test/fixtures.ts';
import { finding, scorerDriver, signal } from '../../test/signals.ts';
import { parseDetectionConfig } from '../config/parse.ts';
import type { SignalV1 } from '../signals/signal-contract.ts';
import { HELD_DUE_TIMER, HELD_OVERDUE_TIMER, type HeldInput, holdInput, MAX_HELD_INPUTS } from './held-inputs.ts';
import { NPS_ANSWER_TIMER } from './nps-answers.ts';
import { createRiskScorer } from './risk-scorer.ts';
import { SCORER_WAKE_TIMER } from './scorer-evaluation.ts';
import { INITIAL_SCORER_STATE, type RiskScorerState } from './scorer-state.ts';
import { storedSignalOf } from './stored-signal.ts';

const contractFacts = { renewalDate: '2026-12-31', autoRenew: true, contractStatus: 'active' as const };
const known = signal('acme', 'contract', at('2026-01-05'), { facts: contractFacts });
const decline = signal('acme', 'usage', at('2026-11-10'), { findings: [finding('usage_declining', at('2026-11-08'))] });
const autoRenewOff = signal('acme', 'contract', at('2026-11-12'), { facts: { ...contractFacts, autoRenew: false, autoRenewSwitchedOff: true } });
const later = signal('acme', 'usage', at('2026-11-20'), {});

/** Long enough that the tests' wall clock, which follows the records, never takes a held input. */
const yearMs = 365 * 86_400_000;
const holdingScorer = (maxWaitMs = yearMs) => createRiskScorer(parseDetectionConfig({}), { hold: { maxWaitMs } });

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
    expect(held.stateOf<RiskScorerState>('risk-scorer', 'acme')?.held?.map((input) => input.atMs)).toEqual([
      at('2026-01-05'),
      at('2026-11-10'),
      at('2026-11-12'),
      at('2026-11-20'),
    ]);
    held.advanceTo(at('2026-11-20'));

    expect(steps(alertsOf(held))).toEqual(steps(inOrder.alerts()));
    expect(alertsOf(held).find((alert) => alert.kind === 'renewal_at_risk')?.openedAt).toBe('2026-11-08T00:00:00.000Z');
    expect(held.stateOf<RiskScorerState>('risk-scorer', 'acme')?.held).toBeUndefined();
    expect(held.timersOf('risk-scorer', 'acme').map((timer) => timer.name)).not.toContain(HELD_DUE_TIMER);
  });

  it("fires after the scorer's own timers of the same instant, as a replay takes a signal after them", () => {
    expect([HELD_OVERDUE_TIMER, HELD_DUE_TIMER, SCORER_WAKE_TIMER, NPS_ANSWER_TIMER].sort()).toEqual([
      NPS_ANSWER_TIMER,
      SCORER_WAKE_TIMER,
      HELD_DUE_TIMER,
      HELD_OVERDUE_TIMER,
    ]);
  });

  it('takes what the clock has passed, holds the rest, and scores a signal behind the clock at once', () => {
    const held = createDriver([holdingScorer()]);
    held.send(known);
    held.send(autoRenewOff);
    held.advanceTo(at('2026-11-11'));
    expect(held.stateOf<RiskScorerState>('risk-scorer', 'acme')?.held?.map((input) => ('concern' in input ? input.concern : 'profile'))).toEqual(['contract']);
    expect(held.timersOf('risk-scorer', 'acme')).toContainEqual({ name: HELD_DUE_TIMER, atMs: at('2026-11-12'), clock: 'stream' });
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

  it('holds a profile row read ahead of the signals until the clock reaches its time', () => {
    const owner = (name: string) => ({ name, email: `${name.toLowerCase()}@example.com` });
    const profile = (name: string, timeMs: number): FedRecord => ({
      input: 'customerProfiles',
      key: 'acme',
      value: { schemaVersion: 1, customerId: 'acme', updatedAt: new Date(timeMs).toISOString(), segment: 'default', owner: owner(name) },
      eventTimeMs: timeMs,
    });
    const held = createDriver([holdingScorer()]);
    held.send(profile('Ana', at('2026-01-01')));
    held.send(known);
    // The CRM changes the owner after the decline: the table is read before the signals.
    held.send(profile('Bea', at('2026-11-15')));
    held.send(decline);
    held.advanceTo(at('2026-11-20'));
    const declining = alertsOf(held).filter((alert) => alert.kind === 'usage_declining' || alert.kind === 'renewal_at_risk');
    expect(declining.map((alert) => [alert.kind, alert.status, alert.eventTime, alert.owner?.name])).toEqual([
      ['usage_declining', 'opened', '2026-11-10T00:00:00.000Z', 'Ana'],
      ['renewal_at_risk', 'opened', '2026-11-10T00:00:00.000Z', 'Ana'],
    ]);
    const state = held.stateOf<RiskScorerState>('risk-scorer', 'acme');
    expect(state?.profile?.owner?.name).toBe('Bea');
    expect(state?.clockMs).toBe(at('2026-11-15'));
  });

  it('takes an input on the wall clock once it has waited its longest, when the clock does not get there', () => {
    const maxWaitMs = 3_600_000;
    const topology = createLocalTopology({ processors: [holdingScorer(maxWaitMs)] });
    topology.push(known);
    topology.push(decline);
    topology.advanceStreamTime(at('2026-01-05'));
    const early = topology.advanceWallClock(at('2026-11-10') + maxWaitMs - 1);
    expect(early.filter((output) => output.output === 'alerts')).toEqual([]);
    const overdue = topology.advanceWallClock(at('2026-11-10') + maxWaitMs);
    expect(overdue.filter((output) => output.output === 'alerts').map((output) => (output.value as ChurnRiskAlertV1).kind)).toContain('usage_declining');
    expect(topology.timers('risk-scorer', 'acme').map((timer) => timer.name)).not.toContain(HELD_OVERDUE_TIMER);
  });
});

describe('holdInput', () => {
  const held = (record: FedRecord): HeldInput => {
    const value = record.value as SignalV1;
    return { atMs: record.eventTimeMs, concern: value.concern, signal: storedSignalOf(value) };
  };

  const concernOrProfile = (input: HeldInput) =>
    'concern' in input ? [input.concern, input.signal.allClear?.detail] : ['profile', input.profile?.owner?.name];

  it('orders one instant by monitor, then a profile row, as a replay delivers them; later arrivals of one monitor after earlier ones', () => {
    const instant = at('2026-11-12');
    const purchase = held(signal('acme', 'purchases', instant));
    const contract = held(signal('acme', 'contract', instant));
    const usage = held(signal('acme', 'usage', instant, { detail: 'first' }));
    const usageAgain = held(signal('acme', 'usage', instant, { detail: 'second' }));
    const profile: HeldInput = { atMs: instant, profile: { segment: 'smb', owner: { name: 'Ana' } } };
    let state = INITIAL_SCORER_STATE;
    for (const next of [profile, purchase, usage, contract, usageAgain]) state = holdInput(state, next).state;
    expect(state.held?.map(concernOrProfile)).toEqual([
      ['usage', 'first'],
      ['usage', 'second'],
      ['contract', 'contract detail'],
      ['purchases', 'purchases detail'],
      ['profile', 'Ana'],
    ]);
  });

  it('keeps a bounded number and hands the earliest over to be scored at once', () => {
    let state = INITIAL_SCORER_STATE;
    for (let day = 0; day < MAX_HELD_INPUTS; day++) {
      const next = holdInput(state, held(signal('acme', 'usage', at('2026-01-01') + (day + 1) * 86_400_000)));
      expect(next.overflow).toEqual([]);
      state = next.state;
    }
    const full = holdInput(state, held(signal('acme', 'contract', at('2026-01-01'))));
    expect(full.overflow.map(concernOrProfile)).toEqual([['contract', 'contract detail']]);
    expect(full.state.held).toHaveLength(MAX_HELD_INPUTS);
  });
});
