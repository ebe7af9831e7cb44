import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { headline, isAllClear, stakes } from './facts.ts';

const colors = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', green: '\x1b[32m', cyan: '\x1b[36m' };

function paint(useColor: boolean, color: keyof typeof colors, text: string): string {
  return useColor ? `${colors[color]}${text}${colors.reset}` : text;
}

/** Three lines a CS manager reads at a glance: headline, the summary, and what is at stake. */
export function formatAlertForTerminal(alert: ChurnRiskAlertV1, useColor: boolean): string {
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
  return [
    paint(useColor, color, headline(alert)),
    `    ${alert.summary}`,
    paint(useColor, 'dim', `    ${stakes(alert).join(' · ')} · alert ${alert.alertId.slice(0, 12)}`),
  ].join('\n');
}
