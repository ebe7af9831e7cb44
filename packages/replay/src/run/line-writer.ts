import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** Writes lines to a file or to standard output, in chunks, waiting when the stream asks to drain. */
export interface LineWriter {
  /** Appends one line (a newline is added). Await it: it resolves at once unless the stream is full. */
  write(line: string): Promise<void> | undefined;
  /** Flushes; closes the file (standard output stays open). */
  close(): Promise<void>;
}

const chunkChars = 1 << 18;

/** `target` is a path, or `-` for `stdout`. */
export function openLineWriter(target: string, stdout: Writable): LineWriter {
  const out = target === '-' ? stdout : createWriteStream(target, { highWaterMark: 1 << 22 });
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
      if (out === stdout) return;
      out.end();
      await finished(out);
    },
  };
}
