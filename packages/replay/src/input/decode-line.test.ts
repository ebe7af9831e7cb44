import { contractExamples } from '@churnwatch/contracts';
import { describe, expect, it } from 'vitest';
import { decodeEventLine } from './decode-line.ts';

const usage = {
  schemaVersion: 1,
  eventId: 'e-1',
  customerId: 'cust-1',
  eventTime: '2025-03-04T10:00:00.000+01:00',
  metric: 'sessions',
  quantity: 1,
};
const profile = { schemaVersion: 1, customerId: 'cust-1', updatedAt: '2025-01-01T00:00:00.000Z', segment: 'smb' };
const control = {
  schemaVersion: 1,
  eventId: 'ctl-1',
  customerId: 'cust-1',
  eventTime: '2025-03-05T00:00:00Z',
  action: 'snooze',
  kind: 'usage_declining',
  until: '2025-04-01T00:00:00Z',
};

describe('decodeEventLine', () => {
  it('turns a line into the record of its logical input, without the kind field', () => {
    const decoded = decodeEventLine(JSON.stringify({ kind: 'usage', ...usage }));
    expect(decoded).toEqual({
      ok: true,
      kind: 'usage',
      record: { input: 'usage', key: 'cust-1', value: usage, eventTimeMs: Date.parse('2025-03-04T09:00:00Z'), eventId: 'e-1' },
    });
  });

  it('takes a profile’s time from updatedAt and gives it no event id (a table)', () => {
    const decoded = decodeEventLine(JSON.stringify({ kind: 'customer_profile', ...profile }));
    expect(decoded.ok && decoded.record).toMatchObject({ input: 'customerProfiles', key: 'cust-1', eventTimeMs: Date.parse(profile.updatedAt) });
    expect(decoded.ok && 'eventId' in decoded.record).toBe(false);
  });

  it('reads every kind of the contract examples', () => {
    const lines = [
      { kind: 'purchase', input: 'purchases', value: contractExamples.purchases },
      { kind: 'complaint', input: 'complaints', value: contractExamples.complaints },
      { kind: 'feedback', input: 'feedback', value: contractExamples.feedback },
    ];
    for (const { kind, input, value } of lines) {
      const decoded = decodeEventLine(JSON.stringify({ kind, ...(value as object) }));
      expect(decoded.ok ? decoded.record.input : decoded.message).toBe(input);
    }
  });

  it('reads a control event from "value", since it has a kind of its own', () => {
    const decoded = decodeEventLine(JSON.stringify({ kind: 'control', value: control }));
    expect(decoded.ok && decoded.record).toMatchObject({ input: 'control', key: 'cust-1', value: control, eventId: 'ctl-1' });
    const flat = decodeEventLine(JSON.stringify({ ...control, kind: 'control' }));
    expect(flat.ok).toBe(false);
  });

  it.each([
    ['{"kind":"usage",', 'malformed_json', /not JSON/],
    ['"usage"', 'schema_violation', /JSON object/],
    [JSON.stringify(usage), 'unknown_kind', /no "kind" field/],
    [JSON.stringify({ kind: 'click', ...usage }), 'unknown_kind', /unknown kind "click".*usage/],
    [JSON.stringify({ kind: 'usage', ...usage, customerId: undefined }), 'schema_violation', /customerId/],
    [JSON.stringify({ kind: 'usage', ...usage, quantity: 'many' }), 'schema_violation', /quantity/],
    [JSON.stringify({ kind: 'usage', ...usage, eventTime: '2025-03-04' }), 'schema_violation', /eventTime/],
    [JSON.stringify({ kind: 'usage', ...usage, schemaVersion: 2 }), 'unknown_version', /schemaVersion/],
    [JSON.stringify({ kind: 'control', value: { ...control, until: undefined } }), 'schema_violation', /until/],
    [JSON.stringify({ kind: 'control', value: control, note: 'x' }), 'schema_violation', /under "value"/],
  ])('rejects %s as %s', (line, reason, message) => {
    const decoded = decodeEventLine(line);
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.reason).toBe(reason);
    expect(decoded.message).toMatch(message);
  });
});
