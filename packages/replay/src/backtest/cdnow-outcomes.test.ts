import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test/temp-dir.ts';
import { cdnowProxyOutcomes } from './cdnow-outcomes.ts';

const text = [
  ' customer_id  date number_of_cds  dollar_value',
  '00001 19970101 1 11.77', // bought only in calibration, on two days: churned, a repeat buyer
  '00001 19970301 2 23.54',
  '00002 19970112 1 12.00',
  '00002 19980301 2 20.00', // bought again in the holdout: stayed
  '00003 19970930 1 5.00', // on the calibration end: in the population
  '00003 19980701 1 5.00', // after the holdout: still churned
  '00004 19971001 1 9.00', // first purchase after the calibration end: not in the population
  'not a row',
].join('\n');

const temp = useTempDir('cdnow');

describe('cdnowProxyOutcomes', () => {
  it('counts as churned, on the first holdout day, whoever bought in calibration and not in the holdout', async () => {
    const path = temp.at('cdnow.txt');
    await writeFile(path, text);
    const calibrationEndMs = Date.parse('1997-09-30T23:59:59.999Z');
    const proxy = await cdnowProxyOutcomes(path, calibrationEndMs, 39 * 7);
    const churnMs = Date.parse('1997-10-01T00:00:00Z');
    expect(proxy.churnMs).toBe(churnMs);
    // The holdout ends before 1 July 1998: 39 weeks from 1 October, 30 June included.
    expect(new Date(proxy.holdoutEndMs).toISOString()).toBe('1998-07-01T00:00:00.000Z');
    expect(proxy.lastPurchaseMs).toBe(Date.parse('1998-07-01T00:00:00Z'));
    expect(proxy.repeatBuyers).toEqual({ customers: 1, churned: 1 });
    expect(proxy.outcomes).toEqual([
      { customerId: '00001', churnMs, churnReason: 'no_purchase_in_holdout' },
      { customerId: '00002', churnMs: null, churnReason: null },
      { customerId: '00003', churnMs, churnReason: 'no_purchase_in_holdout' },
    ]);
  });
});
