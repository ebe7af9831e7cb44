import type { FetchMark } from './fetch-cycles.ts';

/** How far one of the partition's own stream inputs has been read, and how far it is known to go. */
interface ReadPosition {
  /** Next offset to read. */
  next: bigint;
  /** The partition's end (high watermark) when last seen. */
  end: bigint;
}

/** Clock times read in one round of fetches, not yet known to be behind the own inputs. */
interface Waiting {
  timeMs: number;
  readonly mark: FetchMark;
}

/**
 * Decides when a record of a clock input (a denser topic read only for its event time, see
 * `StreamRuntimeOptions.clockInputs`) may move a partition's stream time: not before the records
 * of the own inputs produced before it can have been read (two rounds of fetches later, see
 * FetchCycles), and only while the partition's own stream inputs have no record left unread that
 * is known of. Otherwise the records still to come may lie before the clock's time, and a timer
 * fired on the clock would run ahead of them (a purchase read after the lapse check it should
 * have prevented). Meanwhile the clock's times wait, and the highest of those whose round has
 * passed is applied with the next clock record once the own inputs are read.
 *
 * Offsets and fetch rounds come in as arguments; nothing here reads Kafka.
 */
export class ClockGate {
  readonly #positions = new Map<string, ReadPosition>();
  /** Oldest first, one per round of fetches not yet passed: two or three. */
  #waiting: Waiting[] = [];
  #passedMs = Number.NEGATIVE_INFINITY;

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

  /** Uncommitted reads were forgotten: each input is read again from `committed` (next offset per topic), the clock too. */
  rewind(committed: ReadonlyMap<string, string | undefined>): void {
    for (const [topic, position] of this.#positions) {
      const offset = committed.get(topic);
      if (offset !== undefined) position.next = BigInt(offset);
    }
    this.#waiting = [];
    this.#passedMs = Number.NEGATIVE_INFINITY;
  }

  /** True when no own stream input has records left unread that are known of. */
  get open(): boolean {
    for (const position of this.#positions.values()) if (position.next < position.end) return false;
    return true;
  }

  /**
   * A clock record of time `eventTimeMs`, read at fetch round `mark`: the stream time the partition
   * may move to now (the highest clock time whose round has passed), or undefined.
   */
  admit(eventTimeMs: number, mark: FetchMark, passed: (mark: FetchMark) => boolean): number | undefined {
    const last = this.#waiting.at(-1);
    if (last !== undefined && last.mark.total === mark.total) last.timeMs = Math.max(last.timeMs, eventTimeMs);
    else this.#waiting.push({ timeMs: eventTimeMs, mark });
    return this.due(passed);
  }

  /**
   * The stream time the partition may move to now, without a new clock record: after the last
   * records of a stretch of the clock input, their round passes while no more come.
   */
  due(passed: (mark: FetchMark) => boolean): number | undefined {
    while (this.#waiting.length > 0 && passed(this.#waiting[0]!.mark)) this.#passedMs = Math.max(this.#passedMs, this.#waiting.shift()!.timeMs);
    return this.open && Number.isFinite(this.#passedMs) ? this.#passedMs : undefined;
  }
}
