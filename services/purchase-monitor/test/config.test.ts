import { ConfigError } from '@churnwatch/errors';
import { describe, expect, it } from 'vitest';
import { lapseScorerOf } from '../src/config.ts';

// A fit in days, as `./churnwatch fit --unit days` writes it.
const model = {
  schemaVersion: 1,
  unit: 'days',
  fittedOn: 'events.jsonl',
  calibrationEnd: '2026-06-30',
  customers: 800,
  bgnbd: { r: 0.8, alpha: 30, a: 0.6, b: 3.1, logLikelihood: -12_345.6 },
};
const files: Record<string, string> = { 'models.json': JSON.stringify(model), 'bad.json': JSON.stringify({ ...model, unit: 'years', bgnbd: { r: -1 } }) };
const readText = (path: string) => files[path] ?? '';
const settings = { purchaseModelLapseBelowProbability: 0.5, purchaseModelCriticalBelowProbability: 0.2, purchaseModelHorizonDays: 90 };

function issues(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  return [];
}

describe('purchase monitor configuration', () => {
  it('uses the customer’s rhythm without a models file, and the fitted model with one', () => {
    expect(lapseScorerOf(settings, readText)).toBeUndefined();
    expect(lapseScorerOf({ ...settings, purchaseModelsFile: 'models.json' }, readText)?.name).toBe('bg-nbd');
  });

  it('names the bad fields of a models file', () => {
    const found = issues(() => lapseScorerOf({ ...settings, purchaseModelsFile: 'bad.json' }, readText));
    expect(found).toEqual(
      expect.arrayContaining([expect.stringMatching(/^unit:/), expect.stringMatching(/^bgnbd\.r:/), expect.stringMatching(/^bgnbd\.alpha:/)]),
    );
  });

  it('refuses a critical threshold above the lapse threshold, naming both variables', () => {
    const found = issues(() =>
      lapseScorerOf({ purchaseModelLapseBelowProbability: 0.3, purchaseModelCriticalBelowProbability: 0.4, purchaseModelHorizonDays: 90 }, readText),
    );
    expect(found).toEqual([expect.stringMatching(/CHURNWATCH_PURCHASE_MODEL_CRITICAL_BELOW_PROBABILITY.*CHURNWATCH_PURCHASE_MODEL_LAPSE_BELOW_PROBABILITY/)]);
  });
});
