/**
 * The names of the notifier's routes (the `name` of each route in CHURNWATCH_NOTIFIER_ROUTES).
 * The notifier reads the alerts once per route, in a consumer group of the route's own
 * (`<application id>.<route name>`, services/notifier/src/route-consumers.ts), so that a slow
 * channel holds back only its own route; there is no group named after the application id alone.
 * KEDA therefore follows one group per route, and scales on the route that lags most. Set these
 * to your routes' names and regenerate (or patch the ScaledObject's triggers in an overlay): a
 * trigger for a route that does not exist sees no lag, a route without a trigger is not scaled for.
 */
export const notifierRouteNames: readonly string[] = ['customer-success'];

/** The consumer groups of the notifier's routes, for KEDA. */
export function notifierLagGroups(applicationId: string, routes: readonly string[] = notifierRouteNames): string[] {
  return routes.map((route) => `${applicationId}.${route}`);
}
