import { describe, expect, it } from 'vitest';
import { brokenPromises, type ObservedAlert, tallyAlerts } from './alert-tally.ts';

const seen = (id: string, value = `{"eventId":"${id}"}`, headerId = id): ObservedAlert => ({ headerId, eventId: id, value });
const replayed = (id: string) => ({ id, value: `{"eventId":"${id}"}` });

describe('tallyAlerts', () => {
  it('counts lost, duplicated and unexpected alerts by id', () => {
    const tally = tallyAlerts([seen('a'), seen('b'), seen('b'), seen('x')], [replayed('a'), replayed('b'), replayed('c')]);
    expect(tally).toEqual({
      alertsOut: 4,
      expected: 3,
      lost: 1,
      duplicated: 1,
      unexpected: 1,
      idMismatches: 0,
      alteredDuplicates: 0,
      otherContent: 0,
      otherContentFields: [],
      sameSetAsReplay: false,
    });
  });

  it("counts the ids whose first record differs from the replay's, by field, whatever the key order", () => {
    const tally = tallyAlerts(
      [
        seen('a', '{"eventId":"a","healthScore":48,"eventTime":"t2"}'),
        seen('b', '{"healthScore":50,"eventId":"b"}'),
        seen('c', '{"eventId":"c","healthScore":41}'),
        seen('c', '{"eventId":"c","healthScore":40}'),
      ],
      [
        { id: 'a', value: '{"eventId":"a","healthScore":52,"eventTime":"t1"}' },
        { id: 'b', value: '{"eventId":"b","healthScore":50}' },
        { id: 'c', value: '{"eventId":"c","healthScore":40}' },
      ],
    );
    expect(tally.otherContent).toBe(2);
    expect(tally.otherContentFields).toEqual([
      ['healthScore', 2],
      ['eventTime', 1],
    ]);
    expect(tally.sameSetAsReplay).toBe(true);
    expect(brokenPromises(tally, 'exactly-once')).toEqual(['1 duplicate(s) in exactly-once mode', '1 repeat(s) that differ from their original']);
  });

  it('sees a repeat whose bytes differ from its original, and a header that is not the alert id', () => {
    const tally = tallyAlerts(
      [seen('a'), seen('a', '{"eventId":"a","severity":"high"}'), seen('b', '{"eventId":"b"}', 'other')],
      [replayed('a'), replayed('b')],
    );
    expect(tally.alteredDuplicates).toBe(1);
    expect(tally.idMismatches).toBe(1);
    expect(tally.unexpected).toBe(1);
    expect(tally.lost).toBe(1);
  });

  it('calls the sets equal when every replayed id was seen and nothing else', () => {
    expect(tallyAlerts([seen('b'), seen('a'), seen('a')], [replayed('a'), replayed('b')]).sameSetAsReplay).toBe(true);
    expect(tallyAlerts([], []).sameSetAsReplay).toBe(true);
  });
});

describe('brokenPromises', () => {
  const withRepeat = tallyAlerts([seen('a'), seen('a')], [replayed('a')]);

  it('lets at-least-once repeat an alert with its original id and bytes', () => {
    expect(brokenPromises(withRepeat, 'at-least-once')).toEqual([]);
  });

  it('does not let exactly-once repeat anything', () => {
    expect(brokenPromises(withRepeat, 'exactly-once')).toEqual(['1 duplicate(s) in exactly-once mode']);
  });

  it('never lets either mode lose or invent an alert', () => {
    const tally = tallyAlerts([seen('x')], [replayed('a')]);
    for (const mode of ['at-least-once', 'exactly-once'] as const)
      expect(brokenPromises(tally, mode)).toEqual(['1 alert(s) lost', '1 alert(s) the replay does not produce']);
  });
});
