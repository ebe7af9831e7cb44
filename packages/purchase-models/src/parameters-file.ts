import { calendarDate } from '@churnwatch/contracts';
import { ConfigError } from '@churnwatch/errors';
import { z } from 'zod';
import { timeUnits } from './units.ts';

const positive = z.number().positive().finite();

/**
 * The fitted models as a configuration file (JSON), written by `./churnwatch fit` and loaded by
 * services. Times (alpha, recency, age, horizons inside the models) are in `unit`; spend is in
 * `gammaGamma.currency` when the data named one.
 */
export const purchaseModelParameters = z
  .object({
    schemaVersion: z.literal(1),
    unit: z.enum(timeUnits),
    fittedOn: z.string().min(1).meta({ description: 'The data the models were fitted on (file name and format).' }),
    calibrationEnd: calendarDate.meta({ description: 'Last day of the calibration period (UTC), included.' }),
    customers: z.number().int().positive().meta({ description: 'Customers in the BG/NBD fit.' }),
    bgnbd: z
      .object({ r: positive, alpha: positive, a: positive, b: positive, logLikelihood: z.number().finite() })
      .strict()
      .meta({ description: 'BG/NBD: rate ~ Gamma(r, alpha) per unit, dropout ~ Beta(a, b).' }),
    gammaGamma: z
      .object({
        p: positive,
        // q > 1 keeps the mean order value finite, which new customers' expected value needs.
        q: z.number().gt(1).finite(),
        gamma: positive,
        logLikelihood: z.number().finite(),
        customers: z.number().int().positive().meta({ description: 'Repeat customers in the Gamma-Gamma fit.' }),
        currency: z
          .string()
          .regex(/^[A-Z]{3}$/)
          .optional(),
      })
      .strict()
      .optional()
      .meta({ description: 'Gamma-Gamma spend model: order value ~ Gamma(p, ν), ν ~ Gamma(q, gamma). Absent when it could not be fitted with q > 1.' }),
  })
  .strict();
export type PurchaseModelParameters = z.infer<typeof purchaseModelParameters>;

/** Validates a parsed parameters file; throws ConfigError naming every bad field. */
export function parsePurchaseModelParameters(json: unknown, source: string): PurchaseModelParameters {
  const parsed = purchaseModelParameters.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    source,
    parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`),
  );
}
