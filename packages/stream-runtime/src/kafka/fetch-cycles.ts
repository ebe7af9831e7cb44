/** Fetches started per broker when a clock record was read: it may move stream time once they have gone round twice. */
export interface FetchMark {
  /** All fetches started so far, by every broker: equal marks come from the same round. */
  readonly total: number;
  readonly byNode: ReadonlyMap<number, number>;
}

/**
 * Counts the consumer's fetches per broker (kafkajs' FETCH_START), so that a clock record can wait
 * until the records produced before it have been fetched and processed. kafkajs fetches from
 * each broker in turn: a fetch starts only once the batches of the one before it are processed.
 * So two fetches started after a clock record was read mean that one fetch started after it has
 * been processed, whichever broker leads the partition of the processor's own input. Without the
 * wait, a usage batch handed over before the purchases batch of the same fetch would move stream
 * time past the orders in it.
 *
 * A broker that has started no fetch for `idleMs` (its partitions moved away) is not waited for.
 * Time comes in as arguments.
 */
export class FetchCycles {
  readonly #idleMs: number;
  readonly #nodes = new Map<number, { starts: number; atMs: number }>();
  #total = 0;
  /** The mark of the current round, made once for all the clock records read in it. */
  #mark: FetchMark | undefined;

  constructor(idleMs: number) {
    this.#idleMs = idleMs;
  }

  started(nodeId: number, nowMs: number): void {
    const node = this.#nodes.get(nodeId);
    if (node === undefined) this.#nodes.set(nodeId, { starts: 1, atMs: nowMs });
    else {
      node.starts++;
      node.atMs = nowMs;
    }
    this.#total++;
    this.#mark = undefined;
  }

  /** Where the fetches are now, for a clock record read now. */
  mark(): FetchMark {
    this.#mark ??= { total: this.#total, byNode: new Map([...this.#nodes].map(([nodeId, node]) => [nodeId, node.starts])) };
    return this.#mark;
  }

  /** True once every broker still fetching has started two fetches since `mark`. */
  passed(mark: FetchMark, nowMs: number): boolean {
    for (const [nodeId, starts] of mark.byNode) {
      const node = this.#nodes.get(nodeId);
      if (node !== undefined && this.#active(node, nowMs) && node.starts < starts + 2) return false;
    }
    return true;
  }

  #active(node: { atMs: number }, nowMs: number): boolean {
    return nowMs - node.atMs <= this.#idleMs;
  }
}
