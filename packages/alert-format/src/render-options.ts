import type { SupportedLocale } from '@churnwatch/contracts';
import type { AlertLinks } from './account-link.ts';

export interface RenderOptions {
  /** The language to write in; default: the owner's (`owner.locale`), else English. */
  readonly locale?: SupportedLocale;
  /** Links to add to the message (the customer's account page). */
  readonly links?: AlertLinks;
}
