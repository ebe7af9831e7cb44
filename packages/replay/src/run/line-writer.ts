import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { openOutputFile } from '@churnwatch/errors';

/** Writes lines to a file or to standard output, in chunks, waiting when the stream asks to drain. */
export interface LineWriter {
  /** Appends one line (a newline is added). Await it: it resolves at once unless the stream is full. */
  write(line: string): Promise<void> | undefined;
  /** Flushes; closes the file (standard output stays open). */
  close(): Promise<void>;
}

const chunkChars = 1 << 18;

/** `target` is a path (its folder created), or `-` for `stdout`. */
export async function openLineWriter(target: string, stdout: Writable): Promise<LineWriter> {
  const file = target === '-' ? undefined : await openOutputFile(target, { highWaterMark: 1 << 22 });
  const out = file?.stream ?? stdout;
  let chunk = '';
  const flush = async () => {
    const text = chunk;
    chunk = '';
    if (text !== '' && !out.write(text)) await once(out, 'drain');
  };
  return {
    write(line) {
      chunk += `${line}\n`;
      return chunk.length >= chunkChars ? flush() : undefined;
    },
    async close() {
      await flush();
      await file?.close();
    },
  };
}
