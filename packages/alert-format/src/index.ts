export { type AlertLinks, accountPageUrl } from './account-link.ts';
export { formatMoney, headline, isAllClear, kindLabel, stakes } from './facts.ts';
export { slackMessage } from './slack.ts';
export { teamsMessage } from './teams.ts';
export { formatAlertForTerminal } from './terminal.ts';
