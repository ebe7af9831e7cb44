import type { SupportedLocale } from '@churnwatch/contracts';
import { messagesDe } from './messages-de.ts';
import { messagesEn } from './messages-en.ts';
import { uiMessagesDe } from './ui-messages-de.ts';
import { uiMessagesEn } from './ui-messages-en.ts';

/** Every message id: the alert texts and the texts around them (buttons, page, history, digest). */
export type MessageId = keyof typeof messagesEn | keyof typeof uiMessagesEn;

/** Every language churnwatch writes, with its catalogue. */
export const catalogues: Readonly<Record<SupportedLocale, Readonly<Record<MessageId, string>>>> = {
  en: { ...messagesEn, ...uiMessagesEn },
  de: { ...messagesDe, ...uiMessagesDe },
};
