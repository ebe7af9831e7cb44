import { expect, test } from 'vitest';
import { answerFor, initialReceiverState, type ReceiverState } from './receiver-phases.ts';

const statuses = (phase: Parameters<typeof answerFor>[0], times: readonly number[]) => {
  let state: ReceiverState = initialReceiverState;
  return times.map((nowMs) => {
    const next = answerFor(phase, state, nowMs);
    state = next.state;
    return next.answer.kind === 'hang'
      ? 'hang'
      : `${next.answer.status}${next.answer.headers['retry-after'] ? ` retry-after ${next.answer.headers['retry-after']}` : ''}`;
  });
};

test('healthy answers 200, hang never answers', () => {
  expect(statuses('healthy', [0, 1])).toEqual(['200', '200']);
  expect(statuses('hang', [0, 1])).toEqual(['hang', 'hang']);
});

test('the rate limit lets one request a second through and asks the rest to come back in a second', () => {
  expect(statuses('rate-limit', [0, 10, 999, 1_000, 1_500, 2_100])).toEqual([
    '200',
    '429 retry-after 1',
    '429 retry-after 1',
    '200',
    '429 retry-after 1',
    '200',
  ]);
});

test('garbage alternates a 500 and a 200 with a nonsense body', () => {
  expect(statuses('garbage', [0, 1, 2, 3])).toEqual(['500', '200', '500', '200']);
  const { answer } = answerFor('garbage', { ...initialReceiverState, garbageAnswers: 1 }, 0);
  expect(answer.kind === 'answer' && (() => JSON.parse(answer.body))).toThrow();
});
