import type { AtRiskRow } from './account-queries.ts';
import { type Html, html, money, words } from './html.ts';

export interface AtRiskFilter {
  readonly owner?: string;
  readonly segment?: string;
}

function options(values: readonly string[], selected: string | undefined, allLabel: string): Html {
  return html`<option value="">${allLabel}</option>${values.map((value) => html`<option value="${value}"${value === selected ? { html: ' selected' } : ''}>${words(value)}</option>`)}`;
}

/** The customers at risk, largest value at risk first, with the owner and segment filters. Pure. */
export function atRiskView(rows: readonly AtRiskRow[], filter: AtRiskFilter, owners: readonly string[], segments: readonly string[]): Html {
  return html`<h1>Customers at risk</h1>
<form class="filters" method="get" action="/">
  <label>Owner <select name="owner" id="owner">${options(owners, filter.owner, 'all owners')}</select></label>
  <label>Segment <select name="segment" id="segment">${options(segments, filter.segment, 'all segments')}</select></label>
  <button type="submit">Filter</button>
</form>
<p>${rows.length} ${rows.length === 1 ? 'customer' : 'customers'}</p>
<table id="at-risk">
<thead><tr><th>Customer</th><th>Value at risk</th><th>Health</th><th>Open alerts</th><th>Owner</th><th>Segment</th><th>Renewal</th></tr></thead>
<tbody>${rows.map(
    (row) => html`<tr data-customer="${row.customer_id}">
<td><a href="/customers/${encodeURIComponent(row.customer_id)}">${row.name ?? row.customer_id}</a></td>
<td class="num">${money(row.value_at_risk, row.value_at_risk_currency)}</td>
<td class="band-${row.band ?? 'unknown'}">${row.score === null ? '—' : Math.round(Number(row.score))} ${row.band ? words(row.band) : ''}</td>
<td class="num">${row.open_alerts}</td>
<td>${row.owner_name ?? '—'}</td>
<td>${words(row.segment)}</td>
<td>${row.renewal_date ?? '—'}</td>
</tr>`,
  )}</tbody>
</table>`;
}
