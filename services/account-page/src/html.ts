import { escapeHtml, type Translator } from '@churnwatch/alert-format';

/** A value already escaped or built from escaped parts. */
export interface Html {
  readonly html: string;
}

/**
 * Tagged template: interpolated values are escaped for HTML (control and direction-changing
 * characters shown visibly, see @churnwatch/alert-format) unless they are Html (or arrays of it).
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const part = (value: unknown): string => {
    if (Array.isArray(value)) return value.map(part).join('');
    if (value !== null && typeof value === 'object' && 'html' in value) return (value as Html).html;
    return escapeHtml(String(value ?? ''));
  };
  return { html: strings.reduce((out, text, i) => out + text + (i < values.length ? part(values[i]) : ''), '') };
}

const style = `
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1d2330; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #dde1e8; vertical-align: top; }
th { background: #f3f5f8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.band-critical { color: #b3261e; font-weight: 600; } .band-at_risk { color: #c25e00; font-weight: 600; }
.band-watch { color: #8a6d00; } .band-healthy { color: #1e7b34; }
.sev-critical { color: #b3261e; } .sev-warning { color: #c25e00; }
form.filters, form.action { display: flex; gap: 1rem; align-items: end; }
form.action { display: inline-flex; gap: .4rem; margin: .2rem 1rem .2rem 0; }
.notice { padding: .6rem 1rem; background: #eef6ee; border-left: 4px solid #1e7b34; }
.problem { padding: .6rem 1rem; background: #fbeeee; border-left: 4px solid #b3261e; }
nav a { margin-right: 1rem; }
`;

/** The page around a view, in the reader's language; `otherLanguage` links to the same page in the other one. */
export function layout(title: string, body: Html, tr: Translator, otherLanguage?: string): string {
  const switcher = otherLanguage === undefined ? html`` : html`<a id="language" href="${otherLanguage}">${tr.text('page.otherLanguage')}</a>`;
  return `<!doctype html>
${
  html`<html lang="${tr.locale}"><head><meta charset="utf-8"><title>${title} · churnwatch</title><meta name="viewport" content="width=device-width, initial-scale=1"><style>${{ html: style }}</style></head>
<body><nav><a href="/">${tr.text('page.atRisk.title')}</a>${switcher}</nav>${body}</body></html>`.html
}
`;
}

/** Money in whole units as the reader's language writes it, e.g. "€213,393" or "213.393 €". */
export function money(amount: string | null, currency: string | null, tr: Translator): string {
  if (amount === null) return '—';
  return currency === null ? amount : tr.money(amount, currency);
}

/** A date as the reader's language writes it, or a dash. */
export function day(value: Date | string | null, tr: Translator): string {
  if (value === null) return '—';
  return tr.date(value instanceof Date ? value.toISOString() : value);
}

/** `usage_declining` → `usage declining`, for codes that have no catalogue entry (segments, factors). */
export function words(token: string): string {
  return token.replaceAll('_', ' ');
}
