import { readFileSync } from 'node:fs';
import { createPurchaseMonitor, detectionClockInputs, type PurchaseLapseScorer } from '@churnwatch/detection';
import { type DetectionServiceDefinition, type ReadText, readJsonFile } from '@churnwatch/detection-service-kit';
import { ConfigError } from '@churnwatch/errors';
import { createModelLapseScorer, defaultModelLapseThresholds as defaults } from '@churnwatch/model-lapse-scorer';
import { parsePurchaseModelParameters } from '@churnwatch/purchase-models';
import { z } from 'zod';

const probability = z.coerce.number().gt(0, 'must be above 0').lt(1, 'must be below 1');

/** The purchase monitor's own settings, besides the shared CHURNWATCH_* ones. */
export const purchaseMonitorSettings = {
  /** Parameters written by `./churnwatch fit`; without it the customer's own purchase rhythm decides. */
  purchaseModelsFile: z.string().min(1).optional(),
  /** With a model: lapsed once the chance of a purchase within the horizon falls below this. */
  purchaseModelLapseBelowProbability: probability.default(defaults.lapseBelowProbability),
  /** With a model: critical once it falls below this. */
  purchaseModelCriticalBelowProbability: probability.default(defaults.criticalBelowProbability),
  /** With a model: the horizon of that chance, days. */
  purchaseModelHorizonDays: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(3660, 'must be at most 3660')
    .default(defaults.horizonDays),
};

type Settings = z.infer<z.ZodObject<typeof purchaseMonitorSettings>>;

/**
 * The fitted-model scorer when a models file is configured; undefined for the rhythm scorer.
 * Throws a ConfigError naming the file's bad fields or the thresholds out of order.
 */
export function lapseScorerOf(settings: Settings, readText: ReadText = (path) => readFileSync(path, 'utf8')): PurchaseLapseScorer | undefined {
  const { purchaseModelsFile: path, purchaseModelLapseBelowProbability: lapse, purchaseModelCriticalBelowProbability: critical } = settings;
  if (critical > lapse) {
    throw new ConfigError('the environment', [
      `CHURNWATCH_PURCHASE_MODEL_CRITICAL_BELOW_PROBABILITY (${critical}): must be at most CHURNWATCH_PURCHASE_MODEL_LAPSE_BELOW_PROBABILITY (${lapse})`,
    ]);
  }
  if (path === undefined) return undefined;
  const json = readJsonFile(path, 'CHURNWATCH_PURCHASE_MODELS_FILE', readText);
  const model = parsePurchaseModelParameters(json, path);
  return createModelLapseScorer(model, {
    lapseBelowProbability: settings.purchaseModelLapseBelowProbability,
    criticalBelowProbability: settings.purchaseModelCriticalBelowProbability,
    horizonDays: settings.purchaseModelHorizonDays,
  });
}

/**
 * The purchase monitor: reads purchases and the customer profiles, writes signals (concern
 * `purchases`: purchase_lapse, the purchase_recency factor, purchase count, revenue and CLV).
 * Keyed by customer. Settings: the shared CHURNWATCH_* variables and the ones above.
 */
export const purchaseMonitor: DetectionServiceDefinition<typeof purchaseMonitorSettings> = {
  service: 'purchase-monitor',
  inputs: ['purchases', 'customerProfiles'],
  clockInputs: detectionClockInputs['purchase-monitor'],
  clockLeaders: ['usage-monitor'],
  outputs: ['signals'],
  settings: purchaseMonitorSettings,
  processor: ({ detection, own }) => {
    const scorer = lapseScorerOf(own);
    return createPurchaseMonitor(detection, scorer === undefined ? {} : { scorer });
  },
};
