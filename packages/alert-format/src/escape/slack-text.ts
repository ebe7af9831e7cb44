import { showControls } from './visible-controls.ts';

/**
 * Text for Slack mrkdwn: `&`, `<` and `>` become entities, as Slack asks, so no `<!channel>`,
 * `<@U…>` mention or `<https://…|label>` link can form from customer data; control and
 * bidirectional characters are shown visibly. Slack has no escape for `*`, `_` and `~`: they may
 * still emphasise, which changes how text looks but not what it does.
 */
export function escapeSlackText(text: string): string {
  return showControls(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A Slack member id (U…, W…) as Slack issues them; anything else is not turned into a mention. */
export function isSlackMemberId(handle: string): boolean {
  return /^[UW][A-Z0-9]{2,20}$/.test(handle);
}
