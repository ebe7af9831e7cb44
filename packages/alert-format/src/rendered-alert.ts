import type { ChurnRiskAlertV1, SupportedLocale } from '@churnwatch/contracts';
import { headline, stakes } from './facts.ts';
import { type FormatFailure, type Translator, translator } from './i18n/translator.ts';
import { findingSummary } from './summary/finding-summary.ts';
import { resolvedSummary } from './summary/resolved-summary.ts';
import type { SentenceFacts } from './summary/sentence-facts.ts';

/** An alert as plain text in one language, before any channel's escaping. */
export interface RenderedAlert {
  readonly locale: SupportedLocale;
  readonly headline: string;
  readonly summary: string;
  /** Labelled facts: value at risk, renewal, health, segment, owner, severity, since. */
  readonly stakes: readonly string[];
  /** The words around the alert id ("alert ", ""), so a channel can mark the id up as code. */
  readonly reference: { readonly before: string; readonly after: string };
}

/** Kinds whose own sentence already speaks of complaints. */
const complaintKinds = new Set<ChurnRiskAlertV1['kind']>(['complaint_escalation', 'renewal_at_risk']);

/**
 * The sentence of the step in the reader's language, with the customer's open complaints when
 * the finding does not already count them; the alert's own English summary only for evidence
 * this package does not know.
 */
export function localSummary(alert: SentenceFacts, tr: Translator): string {
  if (alert.status === 'resolved') return resolvedSummary(alert, tr);
  const sentence = findingSummary(alert, tr);
  if (sentence === undefined) return alert.summary;
  const open = alert.openComplaints ?? 0;
  return open > 0 && !complaintKinds.has(alert.kind) ? tr.text('summary.withOpenComplaints', { sentence, open }) : sentence;
}

const ID_MARK = '\uE000';

function referenceOf(tr: Translator): RenderedAlert['reference'] {
  const [before = '', after = ''] = tr.text('stake.alert', { id: ID_MARK }).split(ID_MARK);
  return { before, after };
}

/** Everything a channel shows of an alert, in `locale`, unescaped; `onFailure` hears of a message that could not be formatted. Pure. */
export function renderAlert(alert: ChurnRiskAlertV1, locale: SupportedLocale, onFailure?: FormatFailure): RenderedAlert {
  const tr = translator(locale, onFailure);
  return {
    locale,
    headline: headline(alert, tr),
    summary: localSummary(alert, tr),
    stakes: stakes(alert, tr),
    reference: referenceOf(tr),
  };
}
