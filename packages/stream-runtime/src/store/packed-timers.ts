import type { StoredTimer } from '../core/store-entry.ts';
import { ProcessorError } from '../errors.ts';
import { internName } from './changelog-codec.ts';

/**
 * A packed entry's timers, written in binary in front of its changelog bytes, so that the timer
 * index reads them without parsing the entry and the heap holds no object per timer:
 *
 *   u16 count, then per timer: f64 atMs, u8 clock (0 stream, 1 wall), u16 name length, name (UTF-8)
 *
 * All little-endian. Names are interned as the changelog decoder interns them: one string per name.
 */
const countBytes = 2;
const fixedTimerBytes = 8 + 1 + 2;
const maxTimers = 0xffff;
const maxNameBytes = 0xffff;

export function timersByteLength(timers: readonly StoredTimer[]): number {
  if (timers.length > maxTimers)
    throw new ProcessorError(`a key with ${timers.length} timers cannot be stored (at most ${maxTimers})`, { timers: timers.length });
  let length = countBytes;
  for (const timer of timers) {
    const nameBytes = Buffer.byteLength(timer.name, 'utf8');
    if (nameBytes > maxNameBytes) throw new ProcessorError(`a timer name of ${nameBytes} bytes cannot be stored (at most ${maxNameBytes})`, { nameBytes });
    length += fixedTimerBytes + nameBytes;
  }
  return length;
}

/** Writes the timers at `offset`; returns the offset after them. */
export function writeTimers(buffer: Buffer, offset: number, timers: readonly StoredTimer[]): number {
  let at = buffer.writeUInt16LE(timers.length, offset);
  for (const timer of timers) {
    at = buffer.writeDoubleLE(timer.atMs, at);
    at = buffer.writeUInt8(timer.clock === 'wall' ? 1 : 0, at);
    const nameBytes = buffer.write(timer.name, at + 2, 'utf8');
    buffer.writeUInt16LE(nameBytes, at);
    at += 2 + nameBytes;
  }
  return at;
}

/** The timers written at `offset`, and the offset after them. */
export function readTimers(buffer: Buffer, offset: number): { timers: StoredTimer[]; end: number } {
  const count = buffer.readUInt16LE(offset);
  let at = offset + countBytes;
  const timers: StoredTimer[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const atMs = buffer.readDoubleLE(at);
    const clock = buffer[at + 8] === 1 ? 'wall' : 'stream';
    const nameBytes = buffer.readUInt16LE(at + 9);
    at += fixedTimerBytes;
    timers[i] = { name: internName(buffer.toString('utf8', at, at + nameBytes)), atMs, clock };
    at += nameBytes;
  }
  return { timers, end: at };
}

/** The offset after the timers written at `offset`, without reading them. */
export function skipTimers(buffer: Buffer, offset: number): number {
  const count = buffer.readUInt16LE(offset);
  let at = offset + countBytes;
  for (let i = 0; i < count; i++) at += fixedTimerBytes + buffer.readUInt16LE(at + 9);
  return at;
}
