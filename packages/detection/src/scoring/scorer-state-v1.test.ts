import { readFileSync } from 'node:fs';
import type { FiredTimer, InputRecord, ProcessorResult } from '@churnwatch/stream-runtime';
import { describe, expect, it } from 'vitest';
import { parseDetectionConfig } from '../config/parse.ts';
import { createRiskScorer, type RiskScorerInput, type StoredScorerState } from './risk-scorer.ts';
import { decodeScorerState, type RiskScorerStateV1 } from './scorer-state-v1.ts';

/**
 * A customer's state as version 1 of the scorer kept it (taken from a replay of the generator's
 * history: usage declining with an alert open, a contract, purchases, an NPS answer), and what
 * version 1 sent from it on each step below, then on a wake-up later.
 */
interface Fixture {
  readonly state: RiskScorerStateV1;
  readonly steps: readonly {
    readonly name: string;
    readonly record?: InputRecord<RiskScorerInput>;
    readonly timer?: FiredTimer;
    readonly outputs: unknown;
    readonly setTimers?: unknown;
    readonly cancelTimers?: unknown;
    readonly then: { readonly atMs: number; readonly outputs: unknown };
  }[];
}

const fixture = JSON.parse(readFileSync(new URL('../../test/scorer-state-v1.json', import.meta.url), 'utf8')) as Fixture;
const scorer = createRiskScorer(parseDetectionConfig({}));
const customerId = 'cust-00052';
/** As the changelog hands state over: a fresh copy parsed from JSON. */
const restored = <S>(state: S): S => JSON.parse(JSON.stringify(state)) as S;

function stepFrom(state: StoredScorerState, step: Fixture['steps'][number]): ProcessorResult<StoredScorerState> {
  return step.record === undefined ? scorer.onTimer(state, step.timer as FiredTimer) : scorer.process(state, step.record);
}

describe('risk scorer state of version 1', () => {
  it.each(fixture.steps.map((step) => [step.name, step] as const))('continues as version 1 did: %s', (_name, step) => {
    const result = stepFrom(restored(fixture.state), step);
    expect(result.outputs).toEqual(step.outputs);
    expect(result.setTimers).toEqual(step.setTimers);
    expect(result.cancelTimers).toEqual(step.cancelTimers);
    const later = scorer.onTimer(restored(result.state), { key: customerId, name: 'scorer-wake', atMs: step.then.atMs, clock: 'wall' });
    expect(later.outputs).toEqual(step.then.outputs);
  });

  it('is read as version 2, keeping what an all-clear shows only where an alert may need it, and a version 2 state is read as it is', () => {
    const decoded = decodeScorerState(restored(fixture.state));
    expect(decoded.version).toBe(2);
    // The usage signal has a finding with an alert open; contract and purchases have neither.
    const usage = fixture.state.signals.usage;
    expect(decoded.signals.usage?.allClear).toEqual({ detail: usage?.detail, evidence: usage?.evidence });
    expect(decoded.signals.usage?.findings?.map((finding) => finding.evidence)).toEqual([[0]]);
    expect(decoded.signals.contract).not.toHaveProperty('allClear');
    expect(decoded.signals.purchases).not.toHaveProperty('allClear');
    expect(Object.keys(decoded.tracks).sort()).toEqual(['renewal_at_risk', 'renewal_upcoming', 'usage_declining']);
    expect(JSON.stringify(decoded).length).toBeLessThan(JSON.stringify(fixture.state).length * 0.6);
    expect(decodeScorerState(decoded)).toBe(decoded);
  });

  it('refuses state of a later version, naming it', () => {
    const later = { ...restored(fixture.state), version: 3 } as unknown as RiskScorerStateV1;
    expect(() => decodeScorerState(later)).toThrow(expect.objectContaining({ code: 'SCORER_STATE_VERSION_UNKNOWN', context: { version: 3 } }));
  });
});
