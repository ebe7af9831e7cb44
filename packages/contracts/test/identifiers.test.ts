import { describe, expect, it } from 'vitest';
import { contractExamples, createInputDecoder, topicContracts, validateAgainst } from '../src/index.ts';
import { NOW_MS, rawRecord } from './helpers.ts';

const DAY_MS = 86_400_000;
const usage = contractExamples.usage;

const decode = createInputDecoder({
  contract: topicContracts.usage,
  consumer: 'usage-service',
  maxValueBytes: 4096,
  eventTimeBounds: { maxFutureMs: DAY_MS, maxPastMs: 400 * DAY_MS },
  now: () => NOW_MS,
});

/** Ids that would reach a person's screen as something other than what they are. */
const hostileIds = {
  nul: 'cust\u0000-1',
  'ANSI escape': 'cust-\u001b[31mred',
  newline: 'cust-1\nOPENED fake alert',
  DEL: 'cust-1\u007f',
  'C1 control': 'cust-\u009b1',
  'right-to-left override': 'cust-\u202egpj.exe',
  'left-to-right isolate': 'cust-\u20661',
  'Arabic letter mark': 'cust-\u061c1',
  'line separator': 'cust-\u20281',
};

describe('identifier rules', () => {
  for (const [name, id] of Object.entries(hostileIds)) {
    it(`dead-letters a customer id with a ${name}, naming the field`, async () => {
      const result = await decode(rawRecord(JSON.stringify({ ...usage, customerId: id }), { keyText: id }));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.deadLetter.reason).toBe('schema_violation');
      expect(result.deadLetter.fields).toEqual(['customerId']);
      expect(result.deadLetter.message).toContain('customerId: must not contain control characters');
      expect(result.deadLetter.message).toContain('bidirectional controls');
    });
  }

  it('holds every producer-chosen id to the same rule', () => {
    const purchase = contractExamples.purchases;
    const bad = validateAgainst(topicContracts.purchases, { ...purchase, eventId: 'e\u202e1', orderId: 'o\u00001' });
    expect(bad).toMatchObject({ ok: false, reason: 'schema_violation', fields: ['eventId', 'orderId'] });
    const complaint = validateAgainst(topicContracts.complaints, { ...contractExamples.complaints, complaintId: 't\u001b1' });
    expect(complaint).toMatchObject({ ok: false, fields: ['complaintId'] });
  });

  it('keeps accepting ids in any script, with spaces, emoji and punctuation', async () => {
    for (const id of ['Müller & Söhne', 'شركة-7', '顧客 42', 'team 👩‍💻', '<!channel>', 'a|b*c_']) {
      const result = await decode(rawRecord(JSON.stringify({ ...usage, customerId: id }), { keyText: id }));
      expect(result.ok, id).toBe(true);
    }
  });

  it('leaves names free text: a profile name may hold anything printable or not, it is escaped where shown', () => {
    const profile = { ...contractExamples.customerProfiles, name: 'Evil\u202e Corp <!channel>' };
    expect(validateAgainst(topicContracts.customerProfiles, profile).ok).toBe(true);
  });
});
