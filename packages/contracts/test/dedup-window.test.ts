import { describe, expect, it } from 'vitest';
import { createDedupWindow, type DedupState } from '../src/index.ts';

describe('createDedupWindow', () => {
  it('recognises a repeated id within the window and forgets the oldest beyond it', () => {
    const window = createDedupWindow(3);
    let state: DedupState = window.empty();
    const seen: boolean[] = [];
    for (const id of ['a', 'b', 'a', 'c', 'd', 'a', 'd']) {
      const step = window.observe(state, id);
      seen.push(step.duplicate);
      state = step.state;
    }
    // 'a' is pushed out by b, c, d and counts as new again; 'd' is still inside.
    expect(seen).toEqual([false, false, true, false, false, false, true]);
    expect(state.ids).toEqual(['c', 'd', 'a']);
  });

  it('keeps state plain JSON and never mutates its input', () => {
    const window = createDedupWindow(2);
    const before = window.observe(window.empty(), 'x').state;
    const snapshot = JSON.stringify(before);
    const after = window.observe(JSON.parse(snapshot) as DedupState, 'y').state;
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(JSON.parse(JSON.stringify(after))).toEqual({ ids: ['x', 'y'] });
  });

  it('rejects a window that could remember nothing', () => {
    expect(() => createDedupWindow(0)).toThrow(/positive integer/);
  });
});
