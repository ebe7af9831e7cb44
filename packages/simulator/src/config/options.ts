import { ConfigError } from '@churnwatch/errors';
import { z } from 'zod';

/**
 * Everything a simulation run depends on. Parsed once; the same options (seed included) always
 * give byte-identical output. Day counts are simulated days from the start date (day 0).
 */

const share = z.number().min(0).max(1);
const weight = z.number().min(0).max(1_000_000);

/** `[low, high]`, both within `bound`. */
function range(bound: z.ZodNumber) {
  return z
    .tuple([bound, bound])
    .refine((pair): boolean => (pair[0] as number) <= (pair[1] as number), { message: 'the first number must not exceed the second' });
}
const dayRange = range(z.number().int().min(1).max(3660));
const countRange = range(z.number().int().min(1).max(100));
const factorRange = range(share);

export const simulationOptionsSchema = z
  .object({
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
    customers: z.number().int().min(1).max(200_000).default(200),
    days: z.number().int().min(90).max(3660).default(365),
    startDate: z.iso.date().default('2025-01-01'),
    /** Events after this instant are left out (a history that ends "now"); the plans are unchanged. */
    notAfter: z.iso.datetime({ offset: true }).optional(),
    /** Customer ids are `<prefix>-<zero-padded index>`. */
    customerIdPrefix: z
      .string()
      .regex(/^[A-Za-z0-9_.]{1,32}$/, 'letters, digits, _ and . (at most 32)')
      .default('cust'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO-4217 code such as EUR')
      .default('EUR'),
    /** Multiplies every customer's usage volume: 0.1 gives a tenth of the usage events. */
    usageScale: z.number().positive().max(1000).default(1),
    /** Problems start no earlier than this, so detectors have a baseline. */
    warmupDays: z.number().int().min(7).max(365).default(42),
    /** A customer whose usage has stopped counts as churned this many days after it stopped. */
    inactivityChurnDays: z.number().int().min(1).max(365).default(30),
    /** Share of the customers in cohorts that allow it that also carry a secondary problem. */
    overlapShare: share.default(0.15),
    profileShare: share.default(0.9),
    feedbackShare: share.default(0.4),
    /** Isolated, quickly resolved complaints of otherwise unproblematic subscription customers. */
    backgroundComplaintsPerYear: z.number().min(0).max(50).default(2),
    segmentMix: z
      .object({ smb: weight.default(0.55), mid_market: weight.default(0.33), enterprise: weight.default(0.12) })
      .strict()
      .prefault({}),
    cohortMix: z
      .object({
        healthy: weight.default(0.3),
        declining: weight.default(0.1),
        silent: weight.default(0.07),
        seasonal: weight.default(0.1),
        complaining: weight.default(0.08),
        renewing: weight.default(0.1),
        non_renewing: weight.default(0.07),
        repeat_buyer: weight.default(0.08),
        lapsed_buyer: weight.default(0.05),
        one_off_buyer: weight.default(0.05),
      })
      .strict()
      .prefault({}),
    declining: z
      .object({
        /** The others decline to a lower plateau and stay. */
        churnShare: share.default(0.75),
        declineDays: dayRange.default([45, 150]),
        plateauFactor: factorRange.default([0.25, 0.5]),
      })
      .strict()
      .prefault({}),
    seasonal: z
      .object({
        weekendFactor: share.default(0.06),
        yearEndFactor: share.default(0.1),
        summerFactor: share.default(0.55),
      })
      .strict()
      .prefault({}),
    complaining: z
      .object({
        churnShare: share.default(0.4),
        bursts: countRange.default([1, 4]),
        complaintsPerBurst: countRange.default([2, 6]),
        /** Share of complaints resolved, for customers that churn and for the others. */
        resolvedShareChurning: share.default(0.3),
        resolvedShareStaying: share.default(0.8),
      })
      .strict()
      .prefault({}),
    contracts: z
      .object({
        /** Non-renewers: share that switch auto-renew off first, and share that cancel (give notice). */
        autoRenewOffShare: share.default(0.4),
        cancelShare: share.default(0.35),
        /** Renewers without auto-renew, who renew by a new order on the renewal date. */
        manualRenewShare: share.default(0.2),
        /** Share of small accounts on month-to-month terms (the rest sign 12 or 24 months). */
        monthlyTermShare: share.default(0.15),
      })
      .strict()
      .prefault({}),
    buyers: z
      .object({
        meanIntervalDays: dayRange.default([7, 45]),
        /** Each buyer's gaps vary around its own mean by a coefficient of variation drawn from this range. */
        gapVariation: range(z.number().min(0.05).max(2)).default([0.25, 0.5]),
        /** A lapsed buyer counts as churned this many mean intervals after its last purchase. */
        lapseFactor: z.number().min(1).max(20).default(3),
      })
      .strict()
      .prefault({}),
    feedback: z
      .object({ surveyIntervalDays: z.number().int().min(7).max(365).default(90) })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((options, ctx) => {
    if (Object.values(options.cohortMix).every((value) => value === 0))
      ctx.addIssue({ code: 'custom', path: ['cohortMix'], message: 'give at least one cohort a weight above 0' });
    if (Object.values(options.segmentMix).every((value) => value === 0))
      ctx.addIssue({ code: 'custom', path: ['segmentMix'], message: 'give at least one segment a weight above 0' });
    const needed = options.warmupDays + options.inactivityChurnDays + 14;
    if (options.days < needed)
      ctx.addIssue({
        code: 'custom',
        path: ['days'],
        message: `must be at least warmupDays + inactivityChurnDays + 14 = ${needed}, so that churn falls inside the simulated period`,
      });
    if (options.contracts.autoRenewOffShare + options.contracts.cancelShare > 1)
      ctx.addIssue({ code: 'custom', path: ['contracts'], message: 'autoRenewOffShare + cancelShare must not exceed 1' });
  });

export type SimulationOptions = z.output<typeof simulationOptionsSchema>;
export type SimulationOptionsInput = z.input<typeof simulationOptionsSchema>;

/** Validates options, filling in defaults; throws a `ConfigError` naming every bad field. */
export function parseSimulationOptions(input: unknown, source = 'simulation options'): SimulationOptions {
  const parsed = simulationOptionsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    source,
    parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`),
  );
}
