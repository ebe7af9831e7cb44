import { describe, expect, it } from 'vitest';
import { applyDueNpsAnswers, fileNpsAnswer, MAX_PENDING_NPS, NPS_ANSWER_TIMER } from './nps-answers.ts';
import { INITIAL_SCORER_STATE, type RiskScorerState } from './scorer-state.ts';

const at = (clockMs: number): RiskScorerState => ({ ...INITIAL_SCORER_STATE, clockMs });

describe('pending NPS answers', () => {
  it('applies an answer at or before the clock at once, keeping the latest answer', () => {
    const filed = fileNpsAnswer({ ...at(100), nps: { score: 7, atMs: 90 } }, { score: 3, atMs: 100 });
    expect(filed).toEqual({ state: { ...at(100), nps: { score: 3, atMs: 100 } }, timer: null });
    expect(fileNpsAnswer(filed.state, { score: 9, atMs: 50 }).state.nps).toEqual({ score: 3, atMs: 100 });
  });

  it('keeps answers ahead of the clock in time order, with a timer at the earliest', () => {
    const first = fileNpsAnswer(at(100), { score: 4, atMs: 300 });
    const second = fileNpsAnswer(first.state, { score: 8, atMs: 200 });
    expect(second.state.nps).toBeNull();
    expect(second.state.pendingNps).toEqual([
      { score: 8, atMs: 200 },
      { score: 4, atMs: 300 },
    ]);
    expect(second.timer).toEqual({ name: NPS_ANSWER_TIMER, atMs: 200, clock: 'wall' });
  });

  it('applies the answers due, the latest of them current, and times the next', () => {
    let state = at(100);
    for (const [score, atMs] of [
      [8, 200],
      [2, 250],
      [5, 400],
    ] as const)
      state = fileNpsAnswer(state, { score, atMs }).state;
    const due = applyDueNpsAnswers(state, 260);
    expect(due.state.nps).toEqual({ score: 2, atMs: 250 });
    expect(due.state.pendingNps).toEqual([{ score: 5, atMs: 400 }]);
    expect(due.timer).toEqual({ name: NPS_ANSWER_TIMER, atMs: 400, clock: 'wall' });
    const all = applyDueNpsAnswers(due.state, 400);
    expect(all.state.nps).toEqual({ score: 5, atMs: 400 });
    expect(all.state).not.toHaveProperty('pendingNps');
    expect(all.timer).toBeNull();
    expect(applyDueNpsAnswers(at(100), 500)).toEqual({ state: at(100), timer: null });
  });

  it('keeps at most MAX_PENDING_NPS answers: beyond, the earliest becomes current at once', () => {
    let state = at(0);
    for (let i = 1; i <= MAX_PENDING_NPS + 2; i++) state = fileNpsAnswer(state, { score: i % 11, atMs: i * 10 }).state;
    expect(state.pendingNps).toHaveLength(MAX_PENDING_NPS);
    expect(state.pendingNps?.[0]?.atMs).toBe(30);
    expect(state.nps).toEqual({ score: 2, atMs: 20 });
  });
});
