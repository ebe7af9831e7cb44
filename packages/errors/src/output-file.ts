import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ChurnwatchError } from './churnwatch-error.ts';

/** A file a command was asked to write could not be created or written: the path and the system's reason. */
export class OutputFileError extends ChurnwatchError {
  constructor(path: string, cause: unknown) {
    super('OUTPUT_FILE_UNWRITABLE', `cannot write ${path}: ${(cause as Error).message}`, { cause, context: { path } });
  }
}

/** A file opened for writing. */
export interface OutputFile {
  readonly path: string;
  readonly stream: Writable;
  /** Writes `text` (if given) last, flushes and closes the file. */
  close(text?: string): Promise<void>;
}

/**
 * Opens `path` for writing (truncated), creating its folder first: a documented `--out out/x`
 * must work in a fresh clone, where `out/` does not exist yet. Opened up front, so that a path
 * that cannot be written stops the command before its work, with an OutputFileError naming it,
 * instead of an unhandled stream error at the end.
 */
export async function openOutputFile(path: string, options: { readonly highWaterMark?: number } = {}): Promise<OutputFile> {
  let stream: Writable;
  try {
    await mkdir(dirname(path), { recursive: true });
    stream = (await open(path, 'w')).createWriteStream(options);
  } catch (error) {
    throw new OutputFileError(path, error);
  }
  return {
    path,
    stream,
    async close(text) {
      stream.end(text);
      try {
        await finished(stream);
      } catch (error) {
        throw new OutputFileError(path, error);
      }
    },
  };
}
