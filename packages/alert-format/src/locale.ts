import { type ChurnRiskAlertV1, type SupportedLocale, supportedLocales } from '@churnwatch/contracts';

/**
 * The language an alert is written in: the route's when it names one (a German team's channel),
 * else the owner's from the customer profile, else English.
 */
export function alertLocale(alert: ChurnRiskAlertV1, routeLocale?: SupportedLocale): SupportedLocale {
  return routeLocale ?? alert.owner?.locale ?? 'en';
}

export function isSupportedLocale(value: string): value is SupportedLocale {
  return (supportedLocales as readonly string[]).includes(value);
}
