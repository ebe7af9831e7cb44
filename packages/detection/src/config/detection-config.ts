import { token } from '@churnwatch/contracts';
import { z } from 'zod';
import { wholeNumber } from './fields.ts';
import { type ThresholdOverrides, type Thresholds, thresholdOverridesSchema } from './sections.ts';

const segmentName = token.meta({ description: 'A segment name as the CRM writes it (lower-case token).' });
const message = (text: string) => ({ error: text });

/**
 * The configuration file as written by people: everything optional, checked field by field.
 * `parseDetectionConfig` turns it into a `DetectionConfig`.
 */
export const detectionConfigInput = z
  .object({
    /** Written into every alert's evidence, so an alert says which rules produced it. */
    ruleVersion: z.string(message('must be a text')).min(1, 'must not be empty').max(64, 'must be at most 64 characters').default('detection-1'),
    /** Segment of customers without a profile. */
    defaultSegment: segmentName.default('default'),
    /**
     * Segments that may appear as a metric label; together with the keys of `segments` and
     * `defaultSegment` they are the bounded label set. Any other segment is labelled `other`.
     */
    allowedSegments: z.array(segmentName, message('must be a list of segment names')).max(50, 'must list at most 50 segments').default([]),
    /** Overrides of the built-in thresholds for everyone. */
    defaults: thresholdOverridesSchema.optional(),
    /** Overrides per segment (a segment named here is allowed as a label). */
    segments: z.record(segmentName, thresholdOverridesSchema, message('must map segment names to overrides')).default({}),
    /** Overrides per plan; a plan override wins over its segment's. */
    plans: z.record(z.string().min(1).max(64), thresholdOverridesSchema, message('must map plan names to overrides')).default({}),
    /** The usage metric that is counted per day; null counts every usage event as one unit of activity. */
    usageMetric: token.nullable().default(null),
    /** Length of the usage monitor's ring of daily counts; the baseline and recent window must fit in it. */
    usageHistoryDays: wholeNumber(28, 400).default(120),
    /** A customer without a live contract and without usage or purchases for this many days counts as churned in the KPIs. */
    dormantAfterDays: wholeNumber(1, 730).default(90),
    kpi: z
      .object({
        /** KPI periods are calendar periods of this many months (UTC), aligned to the start of the year. */
        periodMonths: z
          .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(6), z.literal(12)], message('must be 1, 2, 3, 4, 6 or 12'))
          .default(1),
        /** Money KPIs (MRR, NDR, CLV) sum amounts in this currency; amounts in other currencies are left out of them. */
        reportingCurrency: z
          .string()
          .regex(/^[A-Z]{3}$/, 'must be an ISO-4217 code such as EUR')
          .default('EUR'),
      })
      .strict()
      .default({ periodMonths: 1, reportingCurrency: 'EUR' }),
  })
  .strict();

export type DetectionConfigInput = z.input<typeof detectionConfigInput>;

/** The parsed, validated configuration. Plain data; pass it to the processors' factories. */
export interface DetectionConfig {
  readonly ruleVersion: string;
  readonly defaultSegment: string;
  /** The bounded segment labels (sorted), always including the default segment and `other`. */
  readonly segmentLabels: readonly string[];
  /** The built-in thresholds with `defaults` applied. */
  readonly thresholds: Thresholds;
  readonly segments: Readonly<Record<string, ThresholdOverrides>>;
  readonly plans: Readonly<Record<string, ThresholdOverrides>>;
  readonly usageMetric: string | null;
  readonly usageHistoryDays: number;
  readonly dormantAfterDays: number;
  readonly kpi: { readonly periodMonths: number; readonly reportingCurrency: string };
}

/** Label of segments outside the configured list: keeps metric labels bounded. */
export const OTHER_SEGMENT = 'other';
