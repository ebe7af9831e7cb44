import { ConfigError } from '@churnwatch/errors';
import { describe, expect, it } from 'vitest';
import { parsePurchaseModelParameters, purchaseModelParameters } from './parameters-file.ts';

const valid = {
  schemaVersion: 1,
  unit: 'weeks',
  fittedOn: 'CDNOW_sample.txt (cdnow-sample)',
  calibrationEnd: '1997-09-30',
  customers: 2357,
  bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, logLikelihood: -9582.4 },
  gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44, logLikelihood: -4055.9, customers: 946, currency: 'USD' },
};

describe('purchaseModelParameters', () => {
  it('accepts a fitted parameters file and survives a JSON round trip', () => {
    expect(parsePurchaseModelParameters(JSON.parse(JSON.stringify(valid)), 'models.json')).toEqual(valid);
  });

  it('names every bad field', () => {
    const bad = { ...valid, unit: 'months', bgnbd: { ...valid.bgnbd, alpha: -1 }, gammaGamma: { ...valid.gammaGamma, q: 0.8 } };
    try {
      parsePurchaseModelParameters(bad, 'models.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const { issues, message } = error as ConfigError;
      expect(issues.map((issue) => issue.split(':')[0])).toEqual(['unit', 'bgnbd.alpha', 'gammaGamma.q']);
      expect(message).toContain('models.json');
    }
  });

  it('rejects unknown fields rather than ignoring a typo', () => {
    expect(purchaseModelParameters.safeParse({ ...valid, bgnbd: { ...valid.bgnbd, alhpa: 1 } }).success).toBe(false);
  });
});
