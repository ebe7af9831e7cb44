import { Writable } from 'node:stream';

/** A logger destination that keeps every JSON line written to it, for tests to read. */
export function collectLogLines(): { readonly destination: Writable; readonly lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { destination, lines };
}
