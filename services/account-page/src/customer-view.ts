import { localSummary, type MessageId, type Translator } from '@churnwatch/alert-format';
import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import type { AccountRow, ActionRow, AlertRow, StepRow } from './account-queries.ts';
import { type ActionForms, actionFormsView, actionsOf, historyView } from './alert-actions-view.ts';
import { evidenceInWords } from './evidence-words.ts';
import { day, type Html, html, money, words } from './html.ts';

/** A notice above the page: an action just recorded, or why it was not. */
export type PageNotice = { readonly kind: 'notice' | 'problem'; readonly text: string };

/** A stored step's sentence in the reader's language, written from its evidence as the alert channels write it. */
function sentence(row: Pick<StepRow, 'kind' | 'status' | 'evidence' | 'summary' | 'resolution'> & { renewal_date?: string | null }, tr: Translator): string {
  return localSummary(
    {
      kind: row.kind as ChurnRiskAlertV1['kind'],
      status: row.status as ChurnRiskAlertV1['status'],
      evidence: row.evidence as ChurnRiskAlertV1['evidence'],
      summary: row.summary,
      ...(row.resolution ? { resolution: row.resolution as NonNullable<ChurnRiskAlertV1['resolution']> } : {}),
      ...(row.renewal_date ? { renewalDate: row.renewal_date } : {}),
    },
    tr,
  );
}

function openAlertView(customerId: string, alert: AlertRow, actions: readonly ActionRow[], tr: Translator, forms: ActionForms | undefined): Html {
  const facts = [
    tr.text(`severity.${alert.severity}` as MessageId),
    tr.text('stake.since', { date: day(alert.opened_at, tr) }),
    tr.text('page.alert.atRisk', { amount: money(alert.value_at_risk, alert.value_at_risk_currency, tr) }),
  ].join(' · ');
  return html`<li id="alert-${alert.alert_id}" data-alert="${alert.alert_id}"><strong class="sev-${alert.severity}">${tr.text(`kind.${alert.kind}` as MessageId)}</strong> · ${facts}
<p>${sentence({ ...alert, resolution: null }, tr)}</p><ul>${evidenceInWords(alert.evidence, tr).map((line) => html`<li>${line}</li>`)}</ul>
${forms === undefined ? html`` : actionFormsView(customerId, alert, forms, tr)}
<h3>${tr.text('history.title')}</h3>${historyView(actionsOf(alert, actions), tr)}</li>`;
}

/**
 * One customer in the reader's language: health and its factors, open alerts with their evidence
 * in words, the buttons to act on them (when the page can send actions) and who acted when, and
 * the alert timeline. Pure.
 */
export function customerView(
  view: { account: AccountRow; alerts: readonly AlertRow[]; steps: readonly StepRow[]; actions: readonly ActionRow[] },
  tr: Translator,
  forms?: ActionForms,
  notice?: PageNotice,
): Html {
  const { account, alerts, steps, actions } = view;
  const score = account.score === null ? '—' : `${Math.round(Number(account.score))}/100`;
  const facts = [
    account.customer_id,
    tr.text('stake.owner', { name: account.owner_name ?? '—' }),
    tr.text('stake.segment', { segment: words(account.segment) }),
    ...(account.plan ? [tr.text('page.customer.plan', { plan: account.plan })] : []),
    tr.text('stake.renewal', { date: day(account.renewal_date, tr) }),
  ].join(' · ');
  return html`${notice === undefined ? html`` : html`<p id="notice" class="${notice.kind}">${notice.text}</p>`}<h1>${account.name ?? account.customer_id}</h1>
<p id="facts">${facts}</p>
<h2>${tr.text('page.column.health')} <span id="score" class="band-${account.band ?? 'unknown'}">${score} ${account.band ? tr.text(`band.${account.band}` as MessageId) : ''}</span></h2>
<p>${tr.text('page.column.valueAtRisk')} <strong id="value-at-risk">${money(account.value_at_risk, account.value_at_risk_currency, tr)}</strong>${account.as_of ? ` · ${tr.text('page.customer.asOf', { date: day(account.as_of, tr) })}` : ''}</p>
<table id="factors"><thead><tr><th>${tr.text('page.column.factor')}</th><th>${tr.text('page.column.health')}</th><th>${tr.text('page.column.points')}</th><th>${tr.text('page.column.why')}</th></tr></thead>
<tbody>${(account.factors ?? []).map(
    (factor) =>
      html`<tr><td>${words(factor.factor)}</td><td class="num">${Math.round(factor.value * 100)} %</td><td class="num">${tr.number(factor.points, 1, 1)}</td><td>${factor.detail}</td></tr>`,
  )}</tbody></table>
<h2>${tr.text('page.customer.openAlerts', { count: alerts.length })}</h2>
${
  alerts.length === 0
    ? html`<p>${tr.text('page.customer.noOpenAlerts')}</p>`
    : html`<ul id="open-alerts">${alerts.map((alert) => openAlertView(account.customer_id, alert, actions, tr, forms))}</ul>`
}
<h2>${tr.text('page.customer.timeline')}</h2>
<table id="timeline"><thead><tr><th>${tr.text('page.column.date')}</th><th>${tr.text('page.column.alert')}</th><th>${tr.text('page.column.step')}</th><th>${tr.text('page.column.severity')}</th><th>${tr.text('page.column.what')}</th></tr></thead>
<tbody>${steps.map(
    (step) =>
      html`<tr><td>${day(step.event_time, tr)}</td><td>${tr.text(`kind.${step.kind}` as MessageId)}</td><td>${tr.text(`status.${step.status}` as MessageId)}</td><td class="sev-${step.severity}">${tr.text(`severity.${step.severity}` as MessageId)}</td><td>${sentence(step, tr)}</td></tr>`,
  )}</tbody></table>`;
}
