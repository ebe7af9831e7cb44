import { describe, expect, test } from 'vitest';
import { recordBytes, splitIntoRequests } from './request-split.ts';

const message = (value: string, key = 'k') => ({ key, value });

describe('splitting a chunk into produce requests', () => {
  test('a record counts its key, value and headers plus a fixed overhead', () => {
    expect(recordBytes({ key: 'ab', value: 'cdef', headers: { 'churnwatch-id': 'xyz' } })).toBe(70 + 2 + 4 + 13 + 3);
    expect(recordBytes({ key: null, value: null })).toBe(70);
  });

  test('records fill requests up to the limit, in order per topic', () => {
    const a = ['a1', 'a2', 'a3'].map((value) => message(value.padEnd(29, '.')));
    const b = ['b1', 'b2'].map((value) => message(value.padEnd(29, '.')));
    // Each record is 70 + 1 + 29 = 100 bytes; 250 bytes take two records a request.
    const requests = splitIntoRequests(
      [
        { topic: 'a', messages: a },
        { topic: 'b', messages: b },
      ],
      250,
    );
    expect(requests.map((request) => request.map(({ topic, messages }) => `${topic}:${messages.map((m) => String(m.value).slice(0, 2)).join(',')}`))).toEqual([
      ['a:a1,a2'],
      ['a:a3', 'b:b1'],
      ['b:b2'],
    ]);
  });

  test('a record above the limit travels alone; nothing is lost; an empty chunk makes no request', () => {
    const big = message('x'.repeat(1000));
    const requests = splitIntoRequests([{ topic: 't', messages: [message('s'), big, message('t')] }], 500);
    expect(requests.map((request) => request[0]?.messages.length)).toEqual([1, 1, 1]);
    expect(requests[1]?.[0]?.messages[0]).toBe(big);
    expect(splitIntoRequests([], 500)).toEqual([]);
  });
});
