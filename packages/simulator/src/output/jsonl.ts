import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { SimulatedEvent } from '../events/simulated-event.ts';
import type { CustomerOutcome } from '../plan/customer-plan.ts';

/**
 * One events-file line (without the newline): the contract's JSON with a leading `kind` field.
 * Key order is fixed, so equal events give equal bytes.
 */
export function eventToJsonLine(event: SimulatedEvent): string {
  return `{"kind":"${event.kind}",${JSON.stringify(event.value).slice(1)}`;
}

/** One outcomes-file line (without the newline). */
export function outcomeToJsonLine(outcome: CustomerOutcome): string {
  const { customerId, cohort, churned, churnDate, problemStart, churnReason, secondaryCohorts, segment } = outcome;
  return JSON.stringify({ customerId, cohort, churned, churnDate, problemStart, churnReason, secondaryCohorts, segment });
}

const chunkChars = 1 << 18;

/**
 * Writes each item as one line, in chunks of about 256 KiB, waiting whenever the stream asks for it
 * to drain; a million lines never pile up in memory. Does not end the stream. Returns the count;
 * rejects with the stream's error if it fails (for example EPIPE when a reader closes early).
 */
export async function writeJsonLines<T>(items: Iterable<T> | AsyncIterable<T>, toLine: (item: T) => string, out: Writable): Promise<number> {
  let chunk = '';
  let count = 0;
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure ??= error;
  };
  out.on('error', onError);
  // A synchronous source is iterated synchronously: `for await` would cost a promise per line.
  const iterator = Symbol.iterator in items ? items[Symbol.iterator]() : undefined;
  const asyncIterator = iterator ? undefined : (items as AsyncIterable<T>)[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = iterator ? iterator.next() : await asyncIterator!.next();
      if (next.done) break;
      chunk += `${toLine(next.value)}\n`;
      count++;
      if (chunk.length >= chunkChars) {
        await writeChunk(out, chunk, () => failure);
        chunk = '';
      }
    }
    if (chunk) await writeChunk(out, chunk, () => failure);
    if (failure) throw failure;
    return count;
  } finally {
    out.off('error', onError);
  }
}

async function writeChunk(out: Writable, chunk: string, failure: () => Error | undefined): Promise<void> {
  const earlier = failure();
  if (earlier) throw earlier;
  // `once` rejects if the stream fails while we wait for it to drain.
  if (!out.write(chunk)) await once(out, 'drain');
}
