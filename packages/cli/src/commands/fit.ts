import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { OutputFileError, openOutputFile } from '@churnwatch/errors';
import {
  countPurchaseDays,
  DAYS_PER_UNIT,
  dayNumberFromIsoDate,
  evaluateHoldout,
  fitPurchaseModels,
  formatFitReport,
  formatHoldoutReport,
  PurchaseInputError,
  PurchaseModelError,
  parsePurchaseText,
  purchaseFormats,
  type TimeUnit,
  timeUnits,
} from '@churnwatch/purchase-models';
import type { Command } from '../commands.ts';

const usage = `usage: ./churnwatch fit <purchases-file> --calibration-end YYYY-MM-DD [options]

Fits the BG/NBD model (repeat purchases and dropout) and the Gamma-Gamma spend model by maximum
likelihood on the purchases up to the calibration end, prints parameters, log-likelihoods and fit
diagnostics, and writes the parameters as a JSON configuration file (purchaseModelParameters).
Purchases on the same UTC day are one purchase. Relative paths are taken from the repository root.

Input formats, detected from the first line unless --format says:
  cdnow-sample      CDNOW 1/10 sample: master_id sample_id YYYYMMDD cds dollars
  cdnow-master      CDNOW master: customer_id YYYYMMDD cds dollars (header line allowed)
  purchase-events   churnwatch purchase events (purchases contract), one JSON object a line;
                    a "kind" field other than "purchase" skips the line

Options:
  --calibration-end YYYY-MM-DD  last day of the calibration period, included (required)
  --unit weeks|days             time unit of the models (default: weeks)
  --format <format>             auto (default), ${purchaseFormats.join(', ')}
  --out <file>                  where to write the parameters (default: purchase-models.json)
  --holdout-end YYYY-MM-DD      also rank every customer's lapse risk at the calibration end by
                                P(no purchase until this date) and report the AUC for "made no
                                purchase from the day after the calibration end through this date"
  --help                        this text

Example:
  ./churnwatch fit ../shared/data/cdnow/CDNOW_sample.txt --calibration-end 1997-09-30 --holdout-end 1998-06-30`;

export interface FitOutput {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

class UsageError extends Error {}

function isoDay(value: string | undefined, option: string): number {
  const day = value === undefined ? undefined : dayNumberFromIsoDate(value);
  if (day === undefined) throw new UsageError(`${option} must be a date YYYY-MM-DD (got ${value === undefined ? 'nothing' : JSON.stringify(value)})`);
  return day;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  return value as T;
}

async function fit(args: string[], output: FitOutput): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'calibration-end': { type: 'string' },
      'holdout-end': { type: 'string' },
      unit: { type: 'string', default: 'weeks' },
      format: { type: 'string', default: 'auto' },
      out: { type: 'string', default: 'purchase-models.json' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    output.out(`${usage}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one purchases file, got ${positionals.length}`);
  const file = positionals[0]!;
  const calibrationEndDay = isoDay(values['calibration-end'], '--calibration-end');
  const holdoutEndDay = values['holdout-end'] === undefined ? undefined : isoDay(values['holdout-end'], '--holdout-end');
  if (holdoutEndDay !== undefined && holdoutEndDay <= calibrationEndDay) throw new UsageError('--holdout-end must come after --calibration-end');
  const unit: TimeUnit = oneOf(values.unit, timeUnits, '--unit');
  const format = oneOf(values.format, ['auto', ...purchaseFormats], '--format');

  const source = basename(file);
  const startedMs = performance.now();
  const read = parsePurchaseText(readFileSync(file, 'utf8'), source, format);
  // CDNOW's amounts are US dollars; purchase events name their currency.
  const currency = read.format === 'purchase-events' ? read.currency : 'USD';
  output.out(`read ${read.rows.length} purchases from ${file} (${read.format}${read.skipped ? `; ${read.skipped} lines skipped` : ''})\n`);
  const readMs = performance.now();
  // Opened before the fit, so that a path that cannot be written does not cost it.
  const outFile = await openOutputFile(values.out);
  const fitted = fitPurchaseModels(read.rows, { calibrationEndDay, unit, fittedOn: `${source} (${read.format})`, ...(currency ? { currency } : {}) });
  const fittedMs = performance.now();
  output.out(formatFitReport(fitted));

  if (holdoutEndDay !== undefined) {
    const horizon = (holdoutEndDay - calibrationEndDay) / DAYS_PER_UNIT[unit];
    const holdout = countPurchaseDays(read.rows, calibrationEndDay, holdoutEndDay);
    output.out(`\n${formatHoldoutReport(evaluateHoldout(fitted.bgnbd.parameters, fitted.summaries, holdout, horizon), values['holdout-end']!, horizon, unit)}`);
  }
  const doneMs = performance.now();
  output.out(
    `\ntime: read ${(readMs - startedMs).toFixed(0)} ms, summarise and fit both models ${(fittedMs - readMs).toFixed(0)} ms${holdoutEndDay === undefined ? '' : `, holdout ${(doneMs - fittedMs).toFixed(0)} ms`}\n`,
  );
  await outFile.close(`${JSON.stringify(fitted.parameters, null, 2)}\n`);
  output.out(`\nparameters written to ${values.out}\n`);
  return 0;
}

/** The fit command writing to the given output; exit code 2 for a usage error, 1 for bad data or a failed fit. */
export function createFitCommand(output: FitOutput): Command {
  return {
    summary: 'fit the BG/NBD and Gamma-Gamma purchase models on a purchase file',
    async run(args) {
      try {
        return await fit(args, output);
      } catch (error) {
        if (error instanceof UsageError || (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) {
          output.err(`fit: ${error.message}\n\n${usage}\n`);
          return 2;
        }
        if (
          error instanceof PurchaseInputError ||
          error instanceof PurchaseModelError ||
          error instanceof OutputFileError ||
          (error as { code?: string }).code === 'ENOENT'
        ) {
          output.err(`fit: ${(error as Error).message}\n`);
          return 1;
        }
        throw error;
      }
    },
  };
}

export default createFitCommand({ out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) });
