import { expect, test } from 'vitest';
import { mergeByTopic } from './exactly-once.ts';

test('records for a topic named twice are merged, in order, before kafkajs sees them', () => {
  const merged = mergeByTopic([
    { topic: 'a', messages: [{ value: '1' }] },
    { topic: 'b', messages: [{ value: '2' }] },
    { topic: 'a', messages: [{ value: '3' }] },
  ]);
  expect(merged).toEqual([
    { topic: 'a', messages: [{ value: '1' }, { value: '3' }] },
    { topic: 'b', messages: [{ value: '2' }] },
  ]);
});
