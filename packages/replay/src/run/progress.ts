import type { Writable } from 'node:stream';

export interface ProgressOptions {
  readonly stream: Writable;
  /** A redrawn bar on a terminal; plain periodic lines otherwise. */
  readonly tty: boolean;
  /** A monotonic clock, ms. */
  readonly nowMs: () => number;
  /** Unit of `done`/`total`: `bytes` are shown in MB. */
  readonly unit: 'bytes' | 'rows';
  /** Between plain lines (default 5 s); a bar redraws at most every 100 ms. */
  readonly lineIntervalMs?: number;
}

/**
 * Progress of a replay on standard error: how much of the input is done and the events replayed
 * per second. `note` prints a message (a rejected line) without tearing the bar.
 */
export interface Progress {
  update(done: number, total: number, events: number): void;
  note(text: string): void;
  /** Removes the bar (a terminal) before the summary. */
  end(): void;
}

const barWidth = 30;

function amount(value: number, unit: ProgressOptions['unit']): string {
  return unit === 'bytes' ? `${(value / 1e6).toFixed(1)} MB` : value.toLocaleString('en-US');
}

export function createProgress(options: ProgressOptions): Progress {
  const startedMs = options.nowMs();
  const everyMs = options.tty ? 100 : (options.lineIntervalMs ?? 5000);
  let lastMs = startedMs;
  let drawn = false;

  const describe = (done: number, total: number, events: number): string => {
    const elapsedS = Math.max((options.nowMs() - startedMs) / 1000, 1e-3);
    const share = total > 0 ? Math.min(done / total, 1) : 1;
    const rate = Math.round(events / elapsedS).toLocaleString('en-US');
    return `${(share * 100).toFixed(0).padStart(3)}% ${amount(done, options.unit)} of ${amount(total, options.unit)}, ${events.toLocaleString('en-US')} events, ${rate} events/s`;
  };
  const clear = () => {
    if (drawn) options.stream.write('\r\u001b[2K');
    drawn = false;
  };

  return {
    update(done, total, events) {
      const now = options.nowMs();
      if (now - lastMs < everyMs && done < total) return;
      lastMs = now;
      if (!options.tty) {
        options.stream.write(`replay: ${describe(done, total, events)}\n`);
        return;
      }
      const share = total > 0 ? Math.min(done / total, 1) : 1;
      const filled = Math.round(share * barWidth);
      clear();
      options.stream.write(`[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${describe(done, total, events)}`);
      drawn = true;
    },
    note(text) {
      clear();
      options.stream.write(`${text}\n`);
    },
    end() {
      clear();
    },
  };
}
