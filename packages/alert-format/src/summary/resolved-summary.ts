import type { Translator } from '../i18n/translator.ts';
import { evidenceOf } from './evidence-reader.ts';
import type { SentenceFacts } from './sentence-facts.ts';

/**
 * The closing sentence of a resolved step in the reader's language: an all-clear with the
 * concern's current state, a close because the contract ended, or a close by hand (who did it). Always a sentence: when the
 * evidence says little, a general one. Not escaped. Pure.
 */
export function resolvedSummary(alert: SentenceFacts, tr: Translator): string {
  if (alert.resolution === 'closed_by_hand') {
    // Who closed it: the evidence may still stand, so this is no all-clear.
    const closing = [...(alert.history ?? [])].reverse().find((entry) => entry.action === 'resolve');
    return closing === undefined ? tr.text('resolved.byHandUnknown') : tr.text('resolved.byHand', { by: closing.by });
  }
  const renewal = alert.kind === 'renewal_upcoming' || alert.kind === 'renewal_at_risk';
  if (alert.resolution === 'contract_ended') {
    const endedOn = evidenceOf(alert, 'renewal-horizon')?.string('renewalDate') ?? evidenceOf(alert, 'renewal-risk')?.string('renewalDate');
    if (endedOn === undefined) return tr.text(renewal ? 'resolved.contractEnded' : 'resolved.customerLeft');
    return tr.text(renewal ? 'resolved.contractEndedOn' : 'resolved.customerLeftOn', { date: tr.date(endedOn) });
  }
  return allClear(alert, tr) ?? tr.text('resolved.gone');
}

function allClear(alert: SentenceFacts, tr: Translator): string | undefined {
  switch (alert.kind) {
    case 'usage_stopped': {
      const lastUsageAt = evidenceOf(alert, 'usage-silence')?.string('lastUsageAt');
      return lastUsageAt === undefined ? undefined : tr.text('resolved.usageResumed', { date: tr.date(lastUsageAt) });
    }
    case 'usage_declining': {
      const decline = evidenceOf(alert, 'usage-decline');
      const observed = decline?.number('observedCount');
      const expected = decline?.number('expectedCount');
      if (observed === undefined || expected === undefined || expected <= 0) return undefined;
      return tr.text('resolved.usageLevel', { ratio: Math.round((observed / expected) * 100) / 100 });
    }
    case 'renewal_at_risk': {
      if (alert.renewalDate === undefined) return tr.text('resolved.noRenewal');
      const date = tr.date(alert.renewalDate);
      return alert.healthScore === undefined
        ? tr.text('resolved.renewalSafe', { date })
        : tr.text('resolved.renewalSafeHealth', { date, score: Math.round(alert.healthScore) });
    }
    case 'renewal_upcoming': {
      const horizon = evidenceOf(alert, 'renewal-horizon');
      const date = horizon?.string('renewalDate');
      const days = horizon?.number('daysToRenewal');
      if (date === undefined || days === undefined || days < 0) return undefined;
      return tr.text('resolved.renewalSettled', { date: tr.date(date), days, autoRenew: horizon?.boolean('autoRenew') === true });
    }
    case 'complaint_escalation': {
      const complaints = evidenceOf(alert, 'complaint-escalation');
      const open = complaints?.number('openComplaints');
      const inWindow = complaints?.number('complaintsInWindow');
      const days = complaints?.threshold('windowDays');
      if (open === undefined || inWindow === undefined || typeof days !== 'number') return undefined;
      return tr.text('resolved.complaints', { open, inWindow, days });
    }
    case 'purchase_lapse': {
      const lapse = evidenceOf(alert, 'purchase-lapse');
      const since = lapse?.number('daysSinceLastPurchase');
      if (lapse === undefined || since === undefined) return undefined;
      const rhythm = lapse.number('rhythmDays');
      const alive = lapse.number('probabilityAlive');
      if (rhythm !== undefined) return tr.text('resolved.purchaseRhythm', { days: Math.floor(since), rhythm });
      if (alive !== undefined) return tr.text('resolved.purchaseModel', { days: Math.floor(since), alive: Math.round(alive * 100) / 100 });
      return undefined;
    }
  }
}
