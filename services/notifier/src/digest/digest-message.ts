import type { Translator } from '@churnwatch/alert-format';
import { escapeSlackText, showControls, translator } from '@churnwatch/alert-format';
import type { DigestItem, OwnerDigest } from './digest-processor.ts';

function lineOf(item: DigestItem, tr: Translator): string {
  const customer = item.customerName === undefined ? item.customerId : tr.text('customer.named', { name: item.customerName, id: item.customerId });
  const headline = tr.text('headline', { step: tr.text(`step.${item.status}`), kind: tr.text(`kind.${item.kind}`), customer });
  // A step digested before its sentence was kept in its language falls back to the detection's own.
  const sentence = item.text !== undefined && item.locale === tr.locale ? item.text : item.summary;
  return `• ${escapeSlackText(headline)}: ${escapeSlackText(sentence)}`;
}

/**
 * A digest as one Slack message in the digest's language: a line per alert step, oldest first,
 * every customer-supplied text escaped for mrkdwn. (Webhook routes get the digest itself as JSON.)
 */
export function digestMessage(digest: OwnerDigest): Record<string, unknown> {
  const tr = translator(digest.locale ?? 'en');
  const title = showControls(tr.text('digest.title', { owner: digest.owner, date: tr.date(digest.date), count: digest.items.length }));
  return {
    text: escapeSlackText(title),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title.slice(0, 150) } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: digest.items
            .map((item) => lineOf(item, tr))
            .join('\n')
            .slice(0, 3000),
        },
      },
    ],
  };
}
