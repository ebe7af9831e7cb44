import { choice, intBetween, logNormal, uniform, weightedKey } from '../random/distributions.ts';
import type { Prng } from '../random/prng.ts';
import type { Segment } from './cohorts.ts';
import type { PlanContext } from './context.ts';

/** Facts about a customer that do not depend on its cohort. */
export interface CustomerBase {
  readonly index: number;
  readonly customerId: string;
  readonly idBase: string;
  readonly segment: Segment;
  readonly utcOffsetHours: number;
  /** Usage scale applied. Medians differ by segment by about two orders of magnitude. */
  readonly sessionsPerWeekday: number;
  readonly seats: number;
  /** What the account is worth per year (contract value, or spend for buyers), whole cents. */
  readonly annualValueCents: number;
  /** Features this customer uses, most used first. */
  readonly features: readonly string[];
}

interface SegmentShape {
  readonly sessionsMedian: number;
  readonly sessionsSigma: number;
  readonly seats: readonly [number, number];
  readonly annualValueMedian: number;
}

const segmentShapes: Readonly<Record<Segment, SegmentShape>> = {
  smb: { sessionsMedian: 1, sessionsSigma: 0.6, seats: [1, 5], annualValueMedian: 3_000 },
  mid_market: { sessionsMedian: 7, sessionsSigma: 0.5, seats: [5, 40], annualValueMedian: 25_000 },
  enterprise: { sessionsMedian: 45, sessionsSigma: 0.5, seats: [40, 400], annualValueMedian: 180_000 },
};

const utcOffsets = [-8, -6, -5, -3, 0, 0, 1, 1, 2, 5, 8, 9, 10];
const allFeatures = ['dashboard', 'reports', 'search', 'export', 'api', 'integrations', 'alerts', 'billing', 'admin', 'mobile'];

/** Customer ids are zero-padded to at least five digits so that they sort like their index. */
export function customerIdOf(prefix: string, index: number, customers: number): string {
  const width = Math.max(5, String(customers - 1).length);
  return `${prefix}-${String(index).padStart(width, '0')}`;
}

export function drawCustomerBase(context: PlanContext, rng: Prng, index: number): CustomerBase {
  const { options } = context;
  const customerId = customerIdOf(options.customerIdPrefix, index, options.customers);
  const segment = weightedKey(rng, options.segmentMix);
  const shape = segmentShapes[segment];
  const [minSeats, maxSeats] = shape.seats;
  const features = [...allFeatures];
  // Fisher–Yates on the first few positions: a random subset in a random order of preference.
  const featureCount = intBetween(rng, 3, 7);
  for (let i = 0; i < featureCount; i++) {
    const j = intBetween(rng, i, features.length - 1);
    [features[i], features[j]] = [features[j] as string, features[i] as string];
  }
  return {
    index,
    customerId,
    idBase: `s${options.seed}-${customerId}`,
    segment,
    utcOffsetHours: choice(rng, utcOffsets),
    sessionsPerWeekday: logNormal(rng, shape.sessionsMedian, shape.sessionsSigma) * options.usageScale,
    seats: Math.round(Math.exp(uniform(rng, Math.log(minSeats), Math.log(maxSeats)))),
    annualValueCents: Math.round(logNormal(rng, shape.annualValueMedian, 0.5)) * 100,
    features: features.slice(0, featureCount),
  };
}
