/** Where one value's bytes are: a slab of the arena, an offset and a length. Rewritten by `compact`. */
export interface ArenaSlot {
  slab: Buffer;
  offset: number;
  length: number;
}

const slabBytes = 1 << 20;

/**
 * Values' bytes packed one after another into large buffers (slabs) outside the JavaScript heap. A
 * Buffer of its own per value would cost a typed-array object on the heap for each, more than a
 * small entry's map slot and key together; a slot is a reference to a shared slab and two numbers.
 *
 * Freed bytes stay in their slab until `compact` copies the live values into fresh slabs; the
 * owner calls it when `wantsCompaction` says freed bytes outweigh live ones, so each byte is
 * copied a bounded number of times however often values are replaced.
 */
export class ByteArena {
  private slab: Buffer = Buffer.allocUnsafeSlow(0);
  private used = 0;
  private liveBytes = 0;
  private freedBytes = 0;

  /** Copies `bytes` (or the UTF-8 of a string) into the arena, after `headerBytes` left for the caller to fill. */
  put(bytes: Buffer | string, headerBytes = 0): ArenaSlot {
    const slot = this.allocate(headerBytes + (typeof bytes === 'string' ? Buffer.byteLength(bytes, 'utf8') : bytes.length));
    const at = slot.offset + headerBytes;
    if (typeof bytes === 'string') slot.slab.write(bytes, at, slot.length - headerBytes, 'utf8');
    else bytes.copy(slot.slab, at);
    return slot;
  }

  private allocate(length: number): ArenaSlot {
    if (this.used + length > this.slab.length) {
      this.slab = Buffer.allocUnsafeSlow(Math.max(slabBytes, length));
      this.used = 0;
    }
    const slot: ArenaSlot = { slab: this.slab, offset: this.used, length };
    this.used += length;
    this.liveBytes += length;
    return slot;
  }

  free(slot: ArenaSlot): void {
    this.liveBytes -= slot.length;
    this.freedBytes += slot.length;
  }

  get wantsCompaction(): boolean {
    return this.freedBytes > slabBytes && this.freedBytes > this.liveBytes;
  }

  /** Copies every live slot into fresh slabs, rewriting each in place; the old slabs are left to the garbage collector. */
  compact(live: Iterable<ArenaSlot>): void {
    this.clear();
    for (const slot of live) {
      const moved = this.put(slot.slab.subarray(slot.offset, slot.offset + slot.length));
      slot.slab = moved.slab;
      slot.offset = moved.offset;
    }
  }

  clear(): void {
    this.slab = Buffer.allocUnsafeSlow(0);
    this.used = 0;
    this.liveBytes = 0;
    this.freedBytes = 0;
  }
}
