/** A timer as indexed by the runtime: which key, which name, when. */
export interface TimerRef {
  readonly atMs: number;
  readonly key: string;
  readonly name: string;
}

/**
 * Total order of timers: by time, then key, then name. Live runs and replays fire timers due at the
 * same moment in this order, whatever order they were set in.
 */
export function compareTimers(a: TimerRef, b: TimerRef): number {
  if (a.atMs !== b.atMs) return a.atMs - b.atMs;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return 0;
}

/**
 * Binary min-heap of timer references. Deletion is lazy: callers check a popped reference against
 * the store entry and skip it when the timer was moved or cancelled meanwhile.
 */
export class TimerHeap {
  private items: TimerRef[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): TimerRef | undefined {
    return this.items[0];
  }

  push(ref: TimerRef): void {
    const items = this.items;
    items.push(ref);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (compareTimers(items[parent]!, ref) <= 0) break;
      items[index] = items[parent]!;
      index = parent;
    }
    items[index] = ref;
  }

  pop(): TimerRef | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let index = 0;
    const length = items.length;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && compareTimers(items[right]!, items[left]!) < 0 ? right : left;
      if (compareTimers(items[child]!, last) >= 0) break;
      items[index] = items[child]!;
      index = child;
    }
    items[index] = last;
    return top;
  }

  clear(): void {
    this.items = [];
  }
}
