import { describe, expect, it } from 'vitest';
import { healthTableBroken, tallyHealthTable } from './health-table.ts';

/** A row that differs from the replay's in its time and its score. */
const asOfAndScore = [
  ['asOf', 1],
  ['score', 1],
];

const row = (customerId: string, score: number, asOf = '2026-07-01T00:00:00.000Z') => JSON.stringify({ customerId, asOf, score });

describe('tallyHealthTable', () => {
  it("compares each customer's last record with the replay's, repeats and order aside", () => {
    const tally = tallyHealthTable(
      [row('a', 40), row('b', 70), row('a', 45), row('b', 70), row('x', 90)],
      new Map([
        ['a', row('a', 45)],
        ['b', row('b', 71, '2026-07-02T00:00:00.000Z')],
        ['c', row('c', 80)],
      ]),
    );
    expect(tally).toEqual({
      expected: 3,
      missing: 1,
      unexpected: 1,
      differing: 1,
      sameStateOtherAsOf: 0,
      differingFields: asOfAndScore,
      equalsReplay: false,
    });
  });

  it('calls the tables equal when every last record is the replay’s, whatever the key order', () => {
    const tally = tallyHealthTable(['{"score":45,"customerId":"a"}'], new Map([['a', row('a', 45).replace(',"asOf":"2026-07-01T00:00:00.000Z"', '')]]));
    expect(tally.equalsReplay).toBe(true);
    expect(tallyHealthTable([], new Map()).equalsReplay).toBe(true);
  });

  it("counts a row with the replay's state as of another moment apart, and a row of another state as a difference", () => {
    const replayed = new Map([['a', row('a', 0, '2026-12-03T12:36:32.414Z')]]);
    for (const asOf of ['2026-12-03T13:09:10.623Z', '2026-12-03T10:35:53.460Z']) {
      expect(tallyHealthTable([row('a', 0, asOf)], replayed)).toMatchObject({ differing: 0, sameStateOtherAsOf: 1, equalsReplay: true });
    }
    const otherState = tallyHealthTable([row('a', 5, '2026-12-03T13:09:10.623Z')], replayed);
    expect(otherState).toMatchObject({
      differing: 1,
      sameStateOtherAsOf: 0,
      differingFields: asOfAndScore,
      equalsReplay: false,
    });
  });

  it('leaves out the records that describe a moment after the limit, on the topic', () => {
    const limitMs = Date.parse('2026-07-01T00:00:00.000Z');
    const values = [row('a', 45), row('a', 50, '2026-07-02T00:00:00.000Z')];
    expect(tallyHealthTable(values, new Map([['a', row('a', 45)]]), limitMs).equalsReplay).toBe(true);
    expect(tallyHealthTable(values, new Map([['a', row('a', 45)]])).differing).toBe(1);
  });

  it('breaks a promise when any row differs, is missing or is extra, and none when the tables are equal', () => {
    expect(healthTableBroken(tallyHealthTable([row('a', 45)], new Map([['a', row('a', 45)]])))).toEqual([]);
    expect(healthTableBroken(tallyHealthTable([row('a', 44), row('x', 1)], new Map([['a', row('a', 45)]])))).toEqual([
      "health table: 1 row(s) other than the replay's, 0 missing, 1 the replay does not have",
    ]);
  });
});
