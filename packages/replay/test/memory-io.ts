import { Writable } from 'node:stream';
import type { CommandIo } from '../src/index.ts';

/** A writable stream that keeps what it is given. */
export class TextSink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Command I/O on memory, with a clock that moves 10 ms per reading. */
export function memoryIo(stderrIsTty = false): CommandIo & { stdout: TextSink; stderr: TextSink } {
  let nowMs = 0;
  return { stdout: new TextSink(), stderr: new TextSink(), stderrIsTty, nowMs: () => (nowMs += 10) };
}
