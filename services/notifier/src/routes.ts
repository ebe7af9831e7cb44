import { type AlertKind, type AlertSeverity, alertKinds, alertSeverities, type ChurnRiskAlertV1, locale } from '@churnwatch/contracts';
import { z } from 'zod';

export const channels = ['webhook', 'slack', 'teams'] as const;
export type Channel = (typeof channels)[number];

const alertStatuses = ['opened', 'escalated', 'updated', 'resolved'] as const;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Which steps a digest route collects instead of sending one by one: every step of one of
 * `severities`, and every step of one of `kinds` whatever its severity. By default the low-severity
 * steps and the renewal notices; `[]` turns either list off.
 */
export const digestEligibility = z.object({
  severities: z
    .array(z.enum(alertSeverities))
    .default(['info'])
    .refine((list) => new Set(list).size === list.length, 'a severity is listed twice'),
  kinds: z
    .array(z.enum(alertKinds))
    .default(['renewal_upcoming'])
    .refine((list) => new Set(list).size === list.length, 'a kind is listed twice'),
});
export type DigestEligibility = z.infer<typeof digestEligibility>;

export const routeSchema = z
  .object({
    /** Names the route in metrics and failure records; keep it short and fixed. */
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, _ and -, at most 40'),
    channel: z.enum(channels),
    url: z.url({ protocol: /^https?$/ }),
    /** Extra request headers, e.g. an Authorization header for a generic webhook. */
    headers: z.record(z.string(), z.string()).default({}),
    /** The language of Slack and Teams messages on this route (en, de); default: each alert's owner's, else English. */
    locale: locale.optional(),
    /**
     * Steps of owners with an e-mail that are eligible (see digestEligibility) go out as one digest
     * a day at this local time instead of one by one (see digest/); everything else as usual.
     */
    digest: z
      .object({
        at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time as HH:MM'),
        timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Berlin'),
        ...digestEligibility.shape,
      })
      .strict()
      .refine((digest) => digest.severities.length + digest.kinds.length > 0, {
        message: 'list at least one severity or kind, else nothing goes to the digest (leave `digest` out instead)',
        path: ['severities'],
      })
      .transform(({ at, timeZone, severities, kinds }) => ({ hour: Number(at.slice(0, 2)), minute: Number(at.slice(3, 5)), timeZone, severities, kinds }))
      .optional(),
    match: z
      .object({
        kinds: z.array(z.enum(alertKinds)).min(1).optional(),
        statuses: z.array(z.enum(alertStatuses)).min(1).optional(),
        minSeverity: z.enum(alertSeverities).default('info'),
        segments: z.array(z.string().min(1)).min(1).optional(),
        /** Only alerts whose owner's e-mail is listed (a manager's own channel). */
        ownerEmails: z.array(z.email()).min(1).optional(),
      })
      .strict()
      .default({ minSeverity: 'info' }),
  })
  .strict();
export type Route = z.infer<typeof routeSchema>;

export const routesSchema = z
  .array(routeSchema)
  .min(1, 'at least one route is needed')
  .superRefine((routes, context) => {
    const seen = new Set<string>();
    routes.forEach((route, index) => {
      if (seen.has(route.name)) context.addIssue({ code: 'custom', path: [index, 'name'], message: `duplicate route name "${route.name}"` });
      seen.add(route.name);
    });
  });

const severityRank: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };

function allows<T>(list: readonly T[] | undefined, value: T | undefined): boolean {
  return list === undefined || (value !== undefined && list.includes(value));
}

/** The routes an alert goes to. An all-clear follows the alert it resolves, whatever its own severity. */
export function routesFor(alert: ChurnRiskAlertV1, routes: readonly Route[]): Route[] {
  return routes.filter(
    (route) =>
      allows<AlertKind>(route.match.kinds, alert.kind) &&
      allows(route.match.statuses, alert.status) &&
      (alert.status === 'resolved' || severityRank[alert.severity] >= severityRank[route.match.minSeverity]) &&
      allows(route.match.segments, alert.segment) &&
      allows(route.match.ownerEmails, alert.owner?.email),
  );
}
