/** How far one of the partition's own stream inputs has been read, and how far it is known to go. */
interface ReadPosition {
  /** Next offset to read. */
  next: bigint;
  /** The partition's end (high watermark) when last seen. */
  end: bigint;
}

/**
 * Decides when a record of a clock input (a denser topic read only for its event time, see
 * `StreamRuntimeOptions.clockInputs`) may move a partition's stream time. Only while the
 * partition's own stream inputs have no record left unread that is known of: while they are
 * behind, the records still to come may lie before the clock's time, and a timer fired on the
 * clock would run ahead of them (a purchase read after the lapse check it should have prevented).
 * Meanwhile the clock's highest time is kept, and applied with the first clock record once the
 * own inputs have caught up.
 *
 * Offsets come in as arguments; nothing here reads Kafka.
 */
export class ClockGate {
  readonly #positions = new Map<string, ReadPosition>();
  #heldMs = Number.NEGATIVE_INFINITY;

  /** An own stream input at (re)initialisation: the next offset to read and the partition's end. */
  start(topic: string, next: bigint, end: bigint): void {
    this.#positions.set(topic, { next, end });
  }

  /** Records of `topic` were read up to `next` (exclusive), from a fetch that saw the partition end at `end`. */
  read(topic: string, next: bigint, end: bigint): void {
    const position = this.#positions.get(topic);
    if (position === undefined) this.#positions.set(topic, { next, end });
    else {
      position.next = next;
      position.end = end > position.end ? end : position.end;
    }
  }

  /** Uncommitted reads were forgotten: each input is read again from `committed` (next offset per topic). */
  rewind(committed: ReadonlyMap<string, string | undefined>): void {
    for (const [topic, position] of this.#positions) {
      const offset = committed.get(topic);
      if (offset !== undefined) position.next = BigInt(offset);
    }
    this.#heldMs = Number.NEGATIVE_INFINITY;
  }

  /** True when no own stream input has records left unread that are known of. */
  get open(): boolean {
    for (const position of this.#positions.values()) if (position.next < position.end) return false;
    return true;
  }

  /**
   * A clock record of time `eventTimeMs`: the stream time it lets the partition move to (the
   * highest clock time seen), or undefined while the own inputs are behind.
   */
  admit(eventTimeMs: number): number | undefined {
    this.#heldMs = Math.max(this.#heldMs, eventTimeMs);
    return this.open ? this.#heldMs : undefined;
  }
}
