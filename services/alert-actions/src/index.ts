// The public door of the alert-actions endpoints, for a server that mounts them (the account page).

export {
  ALERT_ACTIONS_PATH,
  type AlertActionsHandlerDeps,
  createAlertActionsHandler,
  type PublishControl,
  SLACK_INTERACTIONS_PATH,
} from './actions-handler.ts';
export { type AlertActionRequest, alertActionRequest, controlFromApi } from './api-request.ts';
export { kafkaControlPublisher } from './control-publisher.ts';
export { slackActionIds } from './slack-interaction.ts';
