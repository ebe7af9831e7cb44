import { type BgNbdFit, fitBgNbd } from './bgnbd/fit.ts';
import { type FrequencyRow, frequencyFit } from './bgnbd/frequency-fit.ts';
import { PurchaseModelError } from './errors.ts';
import { fitGammaGamma, type GammaGammaFit } from './gamma-gamma/fit.ts';
import type { SpendHistory } from './history.ts';
import type { PurchaseModelParameters } from './parameters-file.ts';
import { isoDateOfDayNumber } from './summary/calendar.ts';
import { type CustomerSummary, type PurchaseRow, summarisePurchases } from './summary/customer-summary.ts';
import type { TimeUnit } from './units.ts';

export interface PurchaseModelFitOptions {
  /** Last day (day number, UTC) of the calibration period, included. */
  readonly calibrationEndDay: number;
  readonly unit: TimeUnit;
  /** Recorded in the parameters: the data the models were fitted on. */
  readonly fittedOn: string;
  readonly currency?: string;
}

export interface PurchaseModelFit {
  readonly parameters: PurchaseModelParameters;
  readonly summaries: readonly CustomerSummary[];
  readonly bgnbd: BgNbdFit;
  /** Absent when the spend model could not be used; `spendModelProblem` says why. */
  readonly gammaGamma: GammaGammaFit | undefined;
  readonly spendModelProblem: string | undefined;
  /** Repeat customers left out of the spend fit because their repeat purchases were worth 0. */
  readonly repeatCustomersWithoutSpend: number;
  readonly frequencyFit: readonly FrequencyRow[];
}

/**
 * The spend model is optional: without repeat spend there is nothing to fit, and with q ≤ 1 (spend
 * so spread across customers that the population mean is infinite) new customers have no finite
 * expected order value. Either way the purchase model stands on its own.
 */
function fitSpendModel(histories: readonly SpendHistory[]): { fit: GammaGammaFit | undefined; problem: string | undefined } {
  if (histories.length === 0) return { fit: undefined, problem: 'no repeat customer with spend > 0' };
  const fit = fitGammaGamma(histories);
  if (!(fit.parameters.q > 1)) {
    return {
      fit: undefined,
      problem: `fitted q = ${fit.parameters.q.toFixed(4)} <= 1: the mean order value is infinite; spend varies too much across customers for the model`,
    };
  }
  return { fit, problem: undefined };
}

/**
 * Purchases → calibration summaries → both models fitted → the parameters file's content and the
 * fit diagnostics. Pure (deterministic; no clock, no I/O).
 */
export function fitPurchaseModels(rows: Iterable<PurchaseRow>, options: PurchaseModelFitOptions): PurchaseModelFit {
  const summaries = summarisePurchases(rows, { calibrationEndDay: options.calibrationEndDay, unit: options.unit });
  if (summaries.length === 0) {
    throw new PurchaseModelError('PURCHASE_MODEL_FIT_FAILED', `no customer made a purchase on or before ${isoDateOfDayNumber(options.calibrationEndDay)}`);
  }
  const bgnbd = fitBgNbd(summaries);
  const repeat = summaries.filter((summary) => summary.frequency > 0);
  const withSpend = repeat.filter((summary) => summary.meanSpend > 0);
  const spend = fitSpendModel(withSpend);
  const gammaGamma = spend.fit;
  const parameters: PurchaseModelParameters = {
    schemaVersion: 1,
    unit: options.unit,
    fittedOn: options.fittedOn,
    calibrationEnd: isoDateOfDayNumber(options.calibrationEndDay),
    customers: bgnbd.customers,
    bgnbd: { ...bgnbd.parameters, logLikelihood: bgnbd.logLikelihood },
    ...(gammaGamma === undefined
      ? {}
      : {
          gammaGamma: {
            ...gammaGamma.parameters,
            logLikelihood: gammaGamma.logLikelihood,
            customers: gammaGamma.customers,
            ...(options.currency === undefined ? {} : { currency: options.currency }),
          },
        }),
  };
  return {
    parameters,
    summaries,
    bgnbd,
    gammaGamma,
    spendModelProblem: spend.problem,
    repeatCustomersWithoutSpend: repeat.length - withSpend.length,
    frequencyFit: frequencyFit(bgnbd.parameters, summaries),
  };
}
