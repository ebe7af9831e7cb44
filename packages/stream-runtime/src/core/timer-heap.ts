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
  return compareParts(a.atMs, a.key, a.name, b.atMs, b.key, b.name);
}

function compareParts(atMs: number, key: string, name: string, otherAtMs: number, otherKey: string, otherName: string): number {
  if (atMs !== otherAtMs) return atMs - otherAtMs;
  if (key !== otherKey) return key < otherKey ? -1 : 1;
  if (name !== otherName) return name < otherName ? -1 : 1;
  return 0;
}

/**
 * Binary min-heap of timer references. Deletion is lazy: callers check a popped reference against
 * the store entry and skip it when the timer was moved or cancelled meanwhile.
 *
 * It holds a reference as three parallel columns (times in a Float64Array, keys, names), not as an
 * object: a store of a million keys has millions of timers, and an object with its boxed time
 * costs three times the columns' 24 bytes, and a million more objects for every full collection to
 * mark. `peek` and `pop` hand out a fresh TimerRef.
 */
export class TimerHeap {
  private times = new Float64Array(16);
  private keys: string[] = [];
  private names: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  peek(): TimerRef | undefined {
    return this.keys.length === 0 ? undefined : this.refAt(0);
  }

  push(ref: TimerRef): void {
    const { atMs, key, name } = ref;
    let index = this.keys.length;
    if (index === this.times.length) this.grow();
    this.keys.push(key);
    this.names.push(name);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.compareAt(parent, atMs, key, name) <= 0) break;
      this.move(parent, index);
      index = parent;
    }
    this.place(index, atMs, key, name);
  }

  pop(): TimerRef | undefined {
    const length = this.keys.length - 1;
    if (length < 0) return undefined;
    const top = this.refAt(0);
    const atMs = this.times[length] as number;
    const key = this.keys.pop() as string;
    const name = this.names.pop() as string;
    if (length === 0) return top;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child =
        right < length && this.compareAt(right, this.times[left] as number, this.keys[left] as string, this.names[left] as string) < 0 ? right : left;
      if (this.compareAt(child, atMs, key, name) >= 0) break;
      this.move(child, index);
      index = child;
    }
    this.place(index, atMs, key, name);
    return top;
  }

  clear(): void {
    this.times = new Float64Array(16);
    this.keys = [];
    this.names = [];
  }

  private refAt(index: number): TimerRef {
    return { atMs: this.times[index] as number, key: this.keys[index] as string, name: this.names[index] as string };
  }

  private compareAt(index: number, atMs: number, key: string, name: string): number {
    return compareParts(this.times[index] as number, this.keys[index] as string, this.names[index] as string, atMs, key, name);
  }

  private move(from: number, to: number): void {
    this.place(to, this.times[from] as number, this.keys[from] as string, this.names[from] as string);
  }

  private place(index: number, atMs: number, key: string, name: string): void {
    this.times[index] = atMs;
    this.keys[index] = key;
    this.names[index] = name;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    this.times = times;
  }
}
