import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { escapeTeamsText } from './escape/teams-text.ts';
import { isAllClear } from './facts.ts';
import { translator } from './i18n/translator.ts';
import { alertLocale } from './locale.ts';
import type { RenderOptions } from './render-options.ts';
import { renderAlert } from './rendered-alert.ts';

/** A Microsoft Teams webhook message carrying an Adaptive Card; every text escaped for its Markdown. */
export function teamsMessage(alert: ChurnRiskAlertV1, options: RenderOptions = {}): Record<string, unknown> {
  const locale = options.locale ?? alertLocale(alert);
  const rendered = renderAlert(alert, locale);
  const color =
    alert.status === 'resolved'
      ? isAllClear(alert)
        ? 'Good'
        : 'Default'
      : alert.severity === 'critical'
        ? 'Attention'
        : alert.severity === 'warning'
          ? 'Warning'
          : 'Accent';
  const { before, after } = rendered.reference;
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          lang: rendered.locale,
          body: [
            { type: 'TextBlock', text: escapeTeamsText(rendered.headline), weight: 'Bolder', color, wrap: true },
            { type: 'TextBlock', text: escapeTeamsText(rendered.summary), wrap: true },
            {
              type: 'TextBlock',
              text: escapeTeamsText(`${rendered.stakes.join(' · ')} · ${before}${alert.alertId}${after}`),
              isSubtle: true,
              size: 'Small',
              wrap: true,
            },
          ],
          ...(options.links?.accountPage
            ? { actions: [{ type: 'Action.OpenUrl', title: translator(locale).text('button.accountPage'), url: options.links.accountPage }] }
            : {}),
        },
      },
    ],
  };
}
