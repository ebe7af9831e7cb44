import type { IncomingHttpHeaders } from 'node:http';
import { isSupportedLocale } from '@churnwatch/alert-format';
import type { SupportedLocale } from '@churnwatch/contracts';

/**
 * The language of a page: `?lang=` when it names one churnwatch writes (the language link and
 * every form carry it on), else the language of the customer's owner (profile `owner.locale`) on
 * a customer's page, else the first such language the browser asks for, else English. Pure.
 */
export function pageLocale(url: URL, headers: IncomingHttpHeaders, ownerLocale?: string | null): SupportedLocale {
  const asked = url.searchParams.get('lang');
  if (asked !== null && isSupportedLocale(asked)) return asked;
  if (ownerLocale && isSupportedLocale(ownerLocale)) return ownerLocale;
  for (const part of (headers['accept-language'] ?? '').split(',')) {
    const language = part.split(';')[0]?.trim().toLowerCase().split('-')[0] ?? '';
    if (isSupportedLocale(language)) return language;
  }
  return 'en';
}

/** `path` with the page's language kept, when it was chosen in the address. */
export function withLocale(path: string, url: URL): string {
  const asked = url.searchParams.get('lang');
  if (asked === null || !isSupportedLocale(asked)) return path;
  return `${path}${path.includes('?') ? '&' : '?'}lang=${asked}`;
}
