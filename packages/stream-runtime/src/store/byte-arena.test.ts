import { expect, test } from 'vitest';
import { type ArenaSlot, ByteArena } from './byte-arena.ts';

const textOf = (slot: ArenaSlot) => slot.slab.toString('utf8', slot.offset, slot.offset + slot.length);

const jsonOf = (i: number) => `{"n":${i},"text":"${'é'.repeat(i % 7)}${'x'.repeat(900 + (i % 200))}"}`;

test('values read back as written; once freed bytes outweigh live ones, compaction keeps every live value', () => {
  const arena = new ByteArena();
  const slots = new Map<number, ArenaSlot>();
  for (let i = 0; i < 3_000; i++) slots.set(i, arena.put(i % 2 ? Buffer.from(jsonOf(i)) : jsonOf(i)));
  for (const [i, slot] of slots) expect(textOf(slot)).toBe(jsonOf(i));
  expect(arena.wantsCompaction).toBe(false);
  for (const [i, slot] of [...slots]) {
    if (i % 3 === 0) continue;
    arena.free(slot);
    slots.delete(i);
  }
  expect(arena.wantsCompaction).toBe(true);
  const before = new Set([...slots.values()].map((slot) => slot.slab));
  arena.compact(slots.values());
  expect(arena.wantsCompaction).toBe(false);
  for (const [i, slot] of slots) expect(textOf(slot)).toBe(jsonOf(i));
  // The live values now fill fewer, fresh slabs.
  const after = new Set([...slots.values()].map((slot) => slot.slab));
  expect(after.size).toBeLessThan(before.size);
  for (const slab of after) expect(before.has(slab)).toBe(false);
});

test('a value larger than a slab gets a slab of its own', () => {
  const arena = new ByteArena();
  const small = arena.put('{"a":1}');
  const large = arena.put(`"${'y'.repeat(3 << 20)}"`);
  expect(textOf(large).length).toBe((3 << 20) + 2);
  expect(textOf(small)).toBe('{"a":1}');
  expect(arena.put('{"b":2}').slab).not.toBe(small.slab);
});
