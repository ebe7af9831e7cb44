import { z } from 'zod';
import { ReplayInputError } from '../errors.ts';
import { readLineChunks } from '../input/line-source.ts';

/**
 * One customer's ground truth, as the simulator's outcomes file writes it. Only `customerId`,
 * `churned` and `churnDate` are needed; `churnReason` (when present) breaks recall down by reason;
 * `problemStart` (when present) tells a customer who stayed despite a real problem from one who never
 * had one; other fields (`cohort`, `segment`, …) are ignored.
 */
export const outcomeLine = z.looseObject({
  customerId: z.string().min(1).max(128),
  churned: z.boolean(),
  churnDate: z.iso.date().nullable(),
  churnReason: z.string().min(1).nullable().optional(),
  problemStart: z.iso.date().nullable().optional(),
});

export interface CustomerOutcome {
  readonly customerId: string;
  /** Start of the churn date (00:00 UTC), ms; null for a customer who did not churn. */
  readonly churnMs: number | null;
  readonly churnReason: string | null;
  /**
   * Start (00:00 UTC, ms) of the customer's problem — a decline, complaints, a lapse — whether or not
   * it churned; null when it had none; undefined when the outcomes do not say.
   */
  readonly problemMs?: number | null;
}

/** Parses one outcome line; throws a message naming the problem (the caller adds the line number). */
export function parseOutcome(json: unknown): CustomerOutcome {
  const parsed = outcomeLine.safeParse(json);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '));
  const { customerId, churned, churnDate, churnReason, problemStart } = parsed.data;
  if (churned && churnDate === null) throw new Error('churned is true but churnDate is null');
  const startOfDay = (date: string) => Date.parse(`${date}T00:00:00.000Z`);
  return {
    customerId,
    churnMs: churned && churnDate !== null ? startOfDay(churnDate) : null,
    churnReason: churned ? (churnReason ?? null) : null,
    ...(problemStart === undefined ? {} : { problemMs: problemStart === null ? null : startOfDay(problemStart) }),
  };
}

/**
 * Reads an outcomes file (JSON Lines, one customer a line). Ground truth must be clean: a bad
 * line or a customer listed twice stops the backtest with the line number.
 */
export async function readOutcomes(path: string): Promise<CustomerOutcome[]> {
  const outcomes: CustomerOutcome[] = [];
  const seen = new Set<string>();
  for await (const chunk of readLineChunks(path)) {
    for (let i = 0; i < chunk.lines.length; i++) {
      const line = chunk.lines[i]!;
      if (line.trim() === '') continue;
      const lineNumber = chunk.firstLineNumber + i;
      let outcome: CustomerOutcome;
      try {
        outcome = parseOutcome(JSON.parse(line));
      } catch (error) {
        throw new ReplayInputError(`${path}:${lineNumber}`, `not an outcome line: ${(error as Error).message}`);
      }
      if (seen.has(outcome.customerId)) throw new ReplayInputError(`${path}:${lineNumber}`, `customer ${outcome.customerId} is listed twice`);
      seen.add(outcome.customerId);
      outcomes.push(outcome);
    }
  }
  return outcomes;
}
