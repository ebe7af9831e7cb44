import type { SupportedLocale } from '@churnwatch/contracts';

export interface RenderOptions {
  /** The language to write in; default: the owner's (`owner.locale`), else English. */
  readonly locale?: SupportedLocale;
}
