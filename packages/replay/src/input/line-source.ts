import { createReadStream } from 'node:fs';

/** A run of whole lines read from a file, and how far into the file they reach. */
export interface LineChunk {
  readonly lines: readonly string[];
  /** 1-based number of `lines[0]` in the file. */
  readonly firstLineNumber: number;
  /** Bytes of the file consumed so far (up to and including these lines). */
  readonly bytesRead: number;
}

const chunkBytes = 1 << 20;

/**
 * Streams a UTF-8 file as chunks of whole lines (LF or CRLF; a last line without a newline is
 * included), so a file of millions of lines never sits in memory. Lines are split on the bytes,
 * so a multi-byte character is never cut.
 */
export async function* readLineChunks(path: string): AsyncGenerator<LineChunk> {
  let carry: Buffer = Buffer.alloc(0);
  let lineNumber = 1;
  let bytesRead = 0;
  for await (const piece of createReadStream(path, { highWaterMark: chunkBytes })) {
    const bytes = piece as Buffer;
    bytesRead += bytes.length;
    const buffer = carry.length === 0 ? bytes : Buffer.concat([carry, bytes]);
    const lastNewline = buffer.lastIndexOf(10);
    if (lastNewline < 0) {
      carry = buffer;
      continue;
    }
    const lines = splitLines(buffer.toString('utf8', 0, lastNewline), lineNumber);
    carry = buffer.subarray(lastNewline + 1);
    yield { lines, firstLineNumber: lineNumber, bytesRead: bytesRead - carry.length };
    lineNumber += lines.length;
  }
  if (carry.length > 0) yield { lines: splitLines(carry.toString('utf8'), lineNumber), firstLineNumber: lineNumber, bytesRead };
}

/** Lines of `text`, the first being line `firstLineNumber`; a UTF-8 byte-order mark opening the file is not part of line 1. */
function splitLines(text: string, firstLineNumber: number): string[] {
  const lines = (firstLineNumber === 1 && text.startsWith('\uFEFF') ? text.slice(1) : text).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
  }
  return lines;
}
