import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { escapeTerminalText } from './escape/terminal-text.ts';
import { isAllClear } from './facts.ts';
import { alertLocale } from './locale.ts';
import type { RenderOptions } from './render-options.ts';
import { renderAlert } from './rendered-alert.ts';

const colors = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', green: '\x1b[32m', cyan: '\x1b[36m' };

function paint(useColor: boolean, color: keyof typeof colors, text: string): string {
  return useColor ? `${colors[color]}${text}${colors.reset}` : text;
}

/**
 * Three lines a CS manager reads at a glance: headline, the summary, and what is at stake. The
 * only escape sequences are churnwatch's own colours; customer text shows its control
 * characters visibly.
 */
export function formatAlertForTerminal(alert: ChurnRiskAlertV1, useColor: boolean, options: RenderOptions = {}): string {
  const rendered = renderAlert(alert, options.locale ?? alertLocale(alert));
  const color =
    alert.status === 'resolved'
      ? isAllClear(alert)
        ? 'green'
        : 'dim'
      : alert.severity === 'critical'
        ? 'red'
        : alert.severity === 'warning'
          ? 'yellow'
          : 'cyan';
  const { before, after } = rendered.reference;
  return [
    paint(useColor, color, escapeTerminalText(rendered.headline)),
    `    ${escapeTerminalText(rendered.summary)}`,
    paint(useColor, 'dim', `    ${escapeTerminalText(`${rendered.stakes.join(' · ')} · ${before}${alert.alertId.slice(0, 12)}${after}`)}`),
  ].join('\n');
}
