import type { SupportedLocale } from '@churnwatch/contracts';
import { messagesDe } from './messages-de.ts';
import { type MessageId, messagesEn } from './messages-en.ts';

/** Every language churnwatch writes, with its catalogue. */
export const catalogues: Readonly<Record<SupportedLocale, Readonly<Record<MessageId, string>>>> = { en: messagesEn, de: messagesDe };

export type { MessageId };
