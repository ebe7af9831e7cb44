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
  /** The clock input's offset of the record that gave `timeMs` (the highest of the round's). */
  offset: bigint;
  /** The clock input's first offset read for this entry: where reading must start again if it is forgotten. */
  readonly from: bigint;
  mark: FetchMark;
}

/**
 * While the leader holds the clock back, rounds keep coming: past this many waiting entries the
 * newest absorbs the next (its later round and higher offset only make it wait longer).
 */
const MAX_WAITING = 64;

/** A leader's committed offset (its next record to read) on the partition, and the round of fetches it was seen in. */
interface LeaderCommit {
  readonly next: bigint;
  readonly mark: FetchMark;
}

/** A clock record: its event time, its offset on the clock input, and the first offset of the batch it ends. */
export interface ClockRecord {
  readonly timeMs: number;
  readonly offset: bigint;
  readonly from: bigint;
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
 * With leaders (`StreamRuntimeOptions.clockLeaderGroups`: groups that read the clock topic, as
 * their own input or as their clock), a clock record also waits until every leader has committed
 * past it on this partition, and then two more rounds of fetches here: what the leaders wrote for
 * the history before it is then written before what this partition's timers write at its time,
 * and read here before those timers fire (a processor that holds the leaders' outputs until the
 * clock passes them takes them in event-time order). A leader whose committed offset has not moved
 * for `leaderStallMs` (down, stuck, or never started) is not waited for until it moves again: the
 * clock goes on without it rather than stand still for as long as it is away.
 *
 * Offsets and fetch rounds come in as arguments; nothing here reads Kafka.
 */
export class ClockGate {
  readonly #positions = new Map<string, ReadPosition>();
  /** Oldest first, one per round of fetches not yet passed: two or three (more while a leader holds them). */
  #waiting: Waiting[] = [];
  #passedMs = Number.NEGATIVE_INFINITY;
  readonly #leaders: readonly string[];
  readonly #leaderStallMs: number;
  /** Per leader, its committed offsets on this partition as seen, each with the round of fetches it was seen in; oldest first. */
  readonly #leaderCommits = new Map<string, LeaderCommit[]>();
  /** Per leader, when its committed offset was last seen to change (or first seen). */
  readonly #leaderMovedAtMs = new Map<string, number>();
  /** Next offset to read on the clock input, since the last (re)initialisation. */
  #clockNext: bigint | undefined;

  /** `leaders`: the groups whose commits clock records also wait for (see followLeader), unless stalled for `leaderStallMs`. */
  constructor(options: { readonly leaders?: readonly string[]; readonly leaderStallMs?: number } = {}) {
    this.#leaders = options.leaders ?? [];
    this.#leaderStallMs = options.leaderStallMs ?? Number.POSITIVE_INFINITY;
  }

  /**
   * `leader` has committed up to `next` (exclusive) on this partition, seen at fetch round `mark`
   * and time `nowMs`: clock records before it may move stream time once that round has passed.
   * `next` -1 is a leader that has committed nothing. True when it moved.
   */
  followLeader(leader: string, next: bigint, mark: FetchMark, nowMs: number): boolean {
    const seen = this.#leaderCommits.get(leader);
    if (seen === undefined) {
      this.#leaderCommits.set(leader, [{ next, mark }]);
      this.#leaderMovedAtMs.set(leader, nowMs);
      return true;
    }
    const last = seen.at(-1)!;
    if (next === last.next) return false;
    this.#leaderMovedAtMs.set(leader, nowMs);
    // While rounds do not pass, the newest sighting absorbs the next: it only waits longer.
    if (seen.length >= MAX_WAITING) seen[seen.length - 1] = { next, mark };
    else seen.push({ next, mark });
    return true;
  }

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
    this.#clockNext = undefined;
  }

  /** Records of the clock input were read up to `next` (exclusive). */
  clockRead(next: bigint): void {
    this.#clockNext = next;
  }

  /**
   * The clock input's offset to commit: not past a record whose time still waits, since a commit
   * past it would lose that time when the partition is initialised again (a restart, a rebalance)
   * and, at the end of a stream, leave the partition's timers short of it for good.
   */
  get clockCommitOffset(): bigint | undefined {
    return this.#waiting[0]?.from ?? this.#clockNext;
  }

  /** True when no own stream input has records left unread that are known of. */
  get open(): boolean {
    for (const position of this.#positions.values()) if (position.next < position.end) return false;
    return true;
  }

  /**
   * A clock record, read at fetch round `mark`: the stream time the partition may move to now (the
   * highest clock time whose round has passed, and the leaders' commits too), or undefined.
   */
  admit(record: ClockRecord, mark: FetchMark, passed: (mark: FetchMark) => boolean, nowMs: number): number | undefined {
    const last = this.#waiting.at(-1);
    if (last !== undefined && (last.mark.total === mark.total || this.#waiting.length >= MAX_WAITING)) {
      last.timeMs = Math.max(last.timeMs, record.timeMs);
      // Records come in offset order (a rewind empties the list), so the newest is the highest.
      last.offset = record.offset;
      last.mark = mark;
    } else this.#waiting.push({ timeMs: record.timeMs, offset: record.offset, from: record.from, mark });
    return this.due(passed, nowMs);
  }

  /**
   * The stream time the partition may move to now, without a new clock record: after the last
   * records of a stretch of the clock input, their round passes while no more come.
   */
  due(passed: (mark: FetchMark) => boolean, nowMs: number): number | undefined {
    while (this.#waiting.length > 0 && passed(this.#waiting[0]!.mark) && this.#leadersPassed(this.#waiting[0]!.offset, passed, nowMs))
      this.#passedMs = Math.max(this.#passedMs, this.#waiting.shift()!.timeMs);
    return this.open && Number.isFinite(this.#passedMs) ? this.#passedMs : undefined;
  }

  /** Leaders the oldest waiting clock record would wait for, were they not stalled: their commits have not moved for `leaderStallMs`. */
  stalledLeaders(nowMs: number): string[] {
    const oldest = this.#waiting[0];
    if (oldest === undefined) return [];
    return this.#leaders.filter((leader) => this.#stalled(leader, nowMs) && !((this.#leaderCommits.get(leader)?.at(-1)?.next ?? -1n) > oldest.offset));
  }

  #stalled(leader: string, nowMs: number): boolean {
    const movedAtMs = this.#leaderMovedAtMs.get(leader);
    return movedAtMs !== undefined && nowMs - movedAtMs >= this.#leaderStallMs;
  }

  #leadersPassed(offset: bigint, passed: (mark: FetchMark) => boolean, nowMs: number): boolean {
    for (const leader of this.#leaders) {
      const seen = this.#leaderCommits.get(leader);
      if (seen === undefined) return false;
      // The latest commit whose round has passed is the one that counts; older ones go.
      while (seen.length > 1 && passed(seen[1]!.mark)) seen.shift();
      const counted = seen[0]!;
      if (!(counted.next > offset && passed(counted.mark)) && !this.#stalled(leader, nowMs)) return false;
    }
    return true;
  }
}
