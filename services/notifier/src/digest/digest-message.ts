import type { OwnerDigest } from './digest-processor.ts';

/** A digest as one Slack message: a line per alert step, oldest first. (Webhook routes get the digest itself as JSON.) */
export function digestMessage(digest: OwnerDigest): Record<string, unknown> {
  const lines = digest.items.map((item) => `• ${item.status.toUpperCase()} ${item.kind.replaceAll('_', ' ')} — ${item.customerId}: ${item.summary}`);
  const title = `Daily churn digest for ${digest.owner}, ${digest.date} (${digest.items.length} ${digest.items.length === 1 ? 'notice' : 'notices'})`;
  return {
    text: title,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n').slice(0, 3000) } },
    ],
  };
}
