import { stat } from 'node:fs/promises';
import { decodeCdnowLine } from './cdnow-line.ts';
import { type DecodedLine, decodeEventLine } from './decode-line.ts';
import { readLineChunks } from './line-source.ts';
import { boundStreamTime, DEFAULT_MAX_AHEAD_MS } from './stream-time-bound.ts';

/** `events`: JSON Lines in the topic shapes with a `kind` field; `cdnow`: the CDNOW master file. */
export const inputFormats = ['events', 'cdnow'] as const;
export type InputFormat = (typeof inputFormats)[number];

export interface SourceItem {
  readonly lineNumber: number;
  /** The line as read (for the rejects file). */
  readonly line: string;
  readonly decoded: DecodedLine;
}

export interface SourceChunk {
  readonly items: readonly SourceItem[];
  /** Progress: `done` of `total`, in bytes of the file (events) or rows (cdnow, replayed after sorting). */
  readonly done: number;
  readonly total: number;
}

/**
 * Records of a file, in the order they are replayed; blank lines (and CDNOW's header) are skipped,
 * and an event more than `maxAheadMs` ahead of the stream time so far, or of the wall clock
 * (`nowMs`, by default when the read starts), is rejected (see boundStreamTime).
 */
export function readRecords(path: string, format: InputFormat, maxAheadMs = DEFAULT_MAX_AHEAD_MS, nowMs = Date.now()): AsyncGenerator<SourceChunk> {
  return boundStreamTime(readUnbounded(path, format), maxAheadMs, nowMs);
}

async function* readUnbounded(path: string, format: InputFormat): AsyncGenerator<SourceChunk> {
  if (format === 'cdnow') {
    yield* sortedCdnow(path);
    return;
  }
  const total = (await stat(path)).size;
  for await (const chunk of readLineChunks(path)) {
    const items: SourceItem[] = [];
    chunk.lines.forEach((line, i) => {
      if (line.trim() !== '') items.push({ lineNumber: chunk.firstLineNumber + i, line, decoded: decodeEventLine(line) });
    });
    yield { items, done: chunk.bytesRead, total };
  }
}

const sortedChunkRows = 10_000;

/**
 * The CDNOW master file is sorted by customer, not by time; its purchases are collected (70 000
 * rows) and replayed in time order (then customer, then line). Bad lines come first, in line order.
 */
async function* sortedCdnow(path: string): AsyncGenerator<SourceChunk> {
  const good: { item: SourceItem; timeMs: number; key: string }[] = [];
  const bad: SourceItem[] = [];
  for await (const chunk of readLineChunks(path)) {
    chunk.lines.forEach((line, i) => {
      const lineNumber = chunk.firstLineNumber + i;
      const decoded = decodeCdnowLine(line, lineNumber);
      if (decoded.ok === 'skip') return;
      if (decoded.ok) good.push({ item: { lineNumber, line, decoded }, timeMs: decoded.record.eventTimeMs, key: decoded.record.key });
      else bad.push({ lineNumber, line, decoded });
    });
  }
  // Line numbers rise through the file, so a stable sort keeps line order among equals.
  good.sort((a, b) => a.timeMs - b.timeMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const total = good.length + bad.length;
  if (bad.length > 0) yield { items: bad, done: bad.length, total };
  for (let start = 0; start < good.length; start += sortedChunkRows) {
    const items = good.slice(start, start + sortedChunkRows).map((entry) => entry.item);
    yield { items, done: bad.length + start + items.length, total };
  }
}
