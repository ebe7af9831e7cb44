import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { slackMessage, teamsMessage } from '../src/index.ts';

/** The parts of the Slack and Teams payloads the tests read. */
type SlackPayload = { text: string; blocks: { text?: { text: string }; elements?: { text: string }[] }[] };
type TeamsPayload = { attachments: { content: { lang: string; body: { text: string; color?: string }[] } }[] };

export const slackOf = (alert: ChurnRiskAlertV1, locale?: 'en' | 'de') => slackMessage(alert, locale ? { locale } : {}) as SlackPayload;
export const teamsOf = (alert: ChurnRiskAlertV1, locale?: 'en' | 'de') => teamsMessage(alert, locale ? { locale } : {}) as TeamsPayload;
