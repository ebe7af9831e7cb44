import type { BenchConfig } from '../config.ts';
import type { MachineDescription } from '../machine.ts';

/** One measured figure. `id` is stable across runs (the ratios and the chart find rows by it). */
export interface ResultRow {
  readonly id: string;
  readonly group: string;
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  readonly note?: string;
}

/** A ratio the targets speak of, with the target it is judged against; null when a side is missing. */
export interface Ratio {
  readonly id: string;
  readonly label: string;
  readonly value: number | null;
  readonly target: string;
  readonly met: boolean | null;
}

export interface SkippedItem {
  readonly what: string;
  readonly why: string;
}

export interface BenchResults {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly elapsedSeconds: number;
  readonly config: BenchConfig;
  readonly machine: MachineDescription;
  readonly rows: readonly ResultRow[];
  readonly ratios: readonly Ratio[];
  readonly skipped: readonly SkippedItem[];
}

/** Collects rows and skipped items as the scenarios run, printing each as it comes. */
export interface ResultLog {
  add(row: ResultRow): void;
  skip(what: string, why: string): void;
  readonly rows: readonly ResultRow[];
  readonly skipped: readonly SkippedItem[];
}

export function formatValue(value: number, unit: string): string {
  const digits = Math.abs(value) >= 100 || unit.endsWith('/s') ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

export function createResultLog(print: (line: string) => void): ResultLog {
  const rows: ResultRow[] = [];
  const skipped: SkippedItem[] = [];
  return {
    add(row) {
      if (!Number.isFinite(row.value)) throw new TypeError(`bench row ${row.id} has no finite value (${row.value})`);
      rows.push(row);
      print(`  ${row.label.padEnd(64)} ${formatValue(row.value, row.unit).padStart(18)}${row.note ? `  (${row.note})` : ''}`);
    },
    skip(what, why) {
      skipped.push({ what, why });
      print(`  skipped: ${what}: ${why}`);
    },
    rows,
    skipped,
  };
}
