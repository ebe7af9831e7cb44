import { describe, expect, test } from 'vitest';
import { planAssignment } from './co-partitioned-assigner.ts';

describe('planAssignment', () => {
  test('splits partitions evenly and covers each exactly once', () => {
    const plan = planAssignment(7, [
      { memberId: 'c', owned: [] },
      { memberId: 'a', owned: [] },
      { memberId: 'b', owned: [] },
    ]);
    const all = [...plan.values()].flat().sort((x, y) => x - y);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([...plan.values()].map((ps) => ps.length).sort()).toEqual([2, 2, 3]);
  });

  test('members keep what they own when a new member joins; only the surplus moves', () => {
    const before = planAssignment(6, [
      { memberId: 'a', owned: [] },
      { memberId: 'b', owned: [] },
    ]);
    const after = planAssignment(6, [
      { memberId: 'a', owned: before.get('a')! },
      { memberId: 'b', owned: before.get('b')! },
      { memberId: 'c', owned: [] },
    ]);
    for (const member of ['a', 'b']) for (const p of after.get(member)!) expect(before.get(member)).toContain(p);
    expect(after.get('c')).toHaveLength(2);
  });

  test('claims on the same partition, or out of range, are resolved', () => {
    const plan = planAssignment(2, [
      { memberId: 'a', owned: [0, 1, 9] },
      { memberId: 'b', owned: [1] },
    ]);
    expect(plan.get('a')).toHaveLength(1);
    expect(plan.get('b')).toHaveLength(1);
    expect([...plan.values()].flat().sort()).toEqual([0, 1]);
  });
});
