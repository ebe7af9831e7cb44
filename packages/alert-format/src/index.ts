export { formatMoney, headline, isAllClear, kindLabel, stakes } from './facts.ts';
export { slackMessage } from './slack.ts';
export { slackActionBlocks, slackMention } from './slack-actions.ts';
export { teamsMessage } from './teams.ts';
export { formatAlertForTerminal } from './terminal.ts';
