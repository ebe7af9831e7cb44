import { readFile } from 'node:fs/promises';
import { type DetectionConfig, type PurchaseLapseScorer, parseDetectionConfig } from '@churnwatch/detection';
import { ConfigError } from '@churnwatch/errors';
import { createModelLapseScorer, type ModelLapseThresholds } from '@churnwatch/model-lapse-scorer';
import { parsePurchaseModelParameters } from '@churnwatch/purchase-models';
import type { InputFormat } from '../input/record-source.ts';

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(path, [`cannot read it as JSON: ${(error as Error).message}`]);
  }
}

/**
 * The detection configuration of a replay: the file the services use (`--config`), or the
 * built-in defaults. CDNOW's amounts are US dollars, so for `--format cdnow` the reporting
 * currency is USD unless the file names one.
 */
export async function loadDetectionConfig(path: string | undefined, format: InputFormat): Promise<DetectionConfig> {
  let input = (path === undefined ? {} : await readJson(path)) as Record<string, unknown>;
  if (format === 'cdnow' && typeof input === 'object' && input !== null) {
    const kpi = (input.kpi ?? {}) as Record<string, unknown>;
    input = { ...input, kpi: { reportingCurrency: 'USD', ...kpi } };
  }
  return parseDetectionConfig(input, path ?? 'the default detection configuration');
}

/**
 * The purchase monitor's lapse scorer from a parameters file of `./churnwatch fit`, as the
 * purchase-monitor service builds it from CHURNWATCH_PURCHASE_MODELS_FILE and its two
 * probability thresholds; undefined (the customer's own rhythm) without a file.
 */
export async function loadPurchaseScorer(path: string | undefined, thresholds: ModelLapseThresholds): Promise<PurchaseLapseScorer | undefined> {
  if (path === undefined) return undefined;
  return createModelLapseScorer(parsePurchaseModelParameters(await readJson(path), path), thresholds);
}
