/**
 * The cohorts a simulated customer can belong to. Each customer has one primary cohort; a share of
 * the problem cohorts also carry a secondary problem (see `secondaryCohortsOf`).
 */
export const cohortNames = [
  'healthy',
  'declining',
  'silent',
  'seasonal',
  'complaining',
  'renewing',
  'non_renewing',
  'repeat_buyer',
  'lapsed_buyer',
  'one_off_buyer',
] as const;
export type Cohort = (typeof cohortNames)[number];

/** Account size: drives usage volume (orders of magnitude apart), seats and contract value. */
export const segmentNames = ['smb', 'mid_market', 'enterprise'] as const;
export type Segment = (typeof segmentNames)[number];

/** Which secondary problem a primary cohort may carry in addition (overlap), if any. */
export const overlayChoices: Readonly<Record<Cohort, readonly Cohort[]>> = {
  healthy: [],
  declining: ['complaining'],
  silent: ['complaining'],
  seasonal: [],
  complaining: ['declining'],
  renewing: ['declining', 'complaining'],
  non_renewing: ['declining', 'complaining'],
  repeat_buyer: [],
  lapsed_buyer: [],
  one_off_buyer: [],
};
