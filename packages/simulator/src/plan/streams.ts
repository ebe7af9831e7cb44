/**
 * Sub-stream numbers of the seeded generator. Each purpose draws from its own stream, so changing
 * how one part consumes numbers never shifts another part's draws.
 */
export const streams = {
  cohorts: 1,
  plan: 2,
  usage: 3,
} as const;
