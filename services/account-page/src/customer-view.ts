import type { AccountRow, AlertRow, StepRow } from './account-queries.ts';
import { evidenceInWords } from './evidence-words.ts';
import { day, type Html, html, money, words } from './html.ts';

/** One customer: health and its factors, open alerts with their evidence in words, the alert timeline. Pure. */
export function customerView(account: AccountRow, alerts: readonly AlertRow[], steps: readonly StepRow[]): Html {
  const score = account.score === null ? '—' : `${Math.round(Number(account.score))}/100`;
  return html`<h1>${account.name ?? account.customer_id}</h1>
<p id="facts">${account.customer_id} · owner ${account.owner_name ?? '—'} · segment ${words(account.segment)}${account.plan ? ` · plan ${account.plan}` : ''} · renewal ${account.renewal_date ?? '—'}</p>
<h2>Health <span id="score" class="band-${account.band ?? 'unknown'}">${score} ${account.band ? words(account.band) : ''}</span></h2>
<p>Value at risk <strong id="value-at-risk">${money(account.value_at_risk, account.value_at_risk_currency)}</strong>${account.as_of ? ` · as of ${day(account.as_of)}` : ''}</p>
<table id="factors"><thead><tr><th>Factor</th><th>Health</th><th>Points</th><th>Why</th></tr></thead>
<tbody>${(account.factors ?? []).map(
    (factor) =>
      html`<tr><td>${words(factor.factor)}</td><td class="num">${Math.round(factor.value * 100)} %</td><td class="num">${factor.points.toFixed(1)}</td><td>${factor.detail}</td></tr>`,
  )}</tbody></table>
<h2>Open alerts (${alerts.length})</h2>
${
  alerts.length === 0
    ? html`<p>No open alerts.</p>`
    : html`<ul id="open-alerts">${alerts.map(
        (
          alert,
        ) => html`<li><strong class="sev-${alert.severity}">${words(alert.kind)}</strong> · ${alert.severity} · since ${day(alert.opened_at)} · at risk ${money(alert.value_at_risk, alert.value_at_risk_currency)}
<p>${alert.summary}</p><ul>${evidenceInWords(alert.evidence).map((sentence) => html`<li>${sentence}</li>`)}</ul></li>`,
      )}</ul>`
}
<h2>Alert timeline</h2>
<table id="timeline"><thead><tr><th>Date</th><th>Alert</th><th>Step</th><th>Severity</th><th>What</th></tr></thead>
<tbody>${steps.map(
    (step) =>
      html`<tr><td>${day(step.event_time)}</td><td>${words(step.kind)}</td><td>${step.status}</td><td class="sev-${step.severity}">${step.severity}</td><td>${step.summary}</td></tr>`,
  )}</tbody></table>`;
}
