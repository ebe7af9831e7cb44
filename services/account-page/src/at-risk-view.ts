import type { MessageId, Translator } from '@churnwatch/alert-format';
import type { AtRiskRow } from './account-queries.ts';
import { day, type Html, html, money, words } from './html.ts';

export interface AtRiskFilter {
  readonly owner?: string;
  readonly segment?: string;
}

function options(values: readonly string[], selected: string | undefined, allLabel: string): Html {
  return html`<option value="">${allLabel}</option>${values.map((value) => html`<option value="${value}"${value === selected ? { html: ' selected' } : ''}>${words(value)}</option>`)}`;
}

/** The customers at risk, largest value at risk first, with the owner and segment filters, in the reader's language. Pure. */
export function atRiskView(rows: readonly AtRiskRow[], filter: AtRiskFilter, owners: readonly string[], segments: readonly string[], tr: Translator): Html {
  const column = (id: MessageId) => html`<th>${tr.text(id)}</th>`;
  return html`<h1>${tr.text('page.atRisk.title')}</h1>
<form class="filters" method="get" action="/">
  <input type="hidden" name="lang" value="${tr.locale}">
  <label>${tr.text('page.column.owner')} <select name="owner" id="owner">${options(owners, filter.owner, tr.text('page.filter.allOwners'))}</select></label>
  <label>${tr.text('page.column.segment')} <select name="segment" id="segment">${options(segments, filter.segment, tr.text('page.filter.allSegments'))}</select></label>
  <button type="submit">${tr.text('page.filter.submit')}</button>
</form>
<p>${tr.text('page.atRisk.count', { count: rows.length })}</p>
<table id="at-risk">
<thead><tr>${column('page.column.customer')}${column('page.column.valueAtRisk')}${column('page.column.health')}${column('page.column.openAlerts')}${column('page.column.owner')}${column('page.column.segment')}${column('page.column.renewal')}</tr></thead>
<tbody>${rows.map(
    (row) => html`<tr data-customer="${row.customer_id}">
<td><a href="/customers/${encodeURIComponent(row.customer_id)}?lang=${tr.locale}">${row.name ?? row.customer_id}</a></td>
<td class="num">${money(row.value_at_risk, row.value_at_risk_currency, tr)}</td>
<td class="band-${row.band ?? 'unknown'}">${row.score === null ? '—' : Math.round(Number(row.score))} ${row.band ? tr.text(`band.${row.band}` as MessageId) : ''}</td>
<td class="num">${row.open_alerts}</td>
<td>${row.owner_name ?? '—'}</td>
<td>${words(row.segment)}</td>
<td>${day(row.renewal_date, tr)}</td>
</tr>`,
  )}</tbody>
</table>`;
}
