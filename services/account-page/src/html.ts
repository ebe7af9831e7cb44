/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A value already escaped or built from escaped parts. */
export interface Html {
  readonly html: string;
}

/** Tagged template: interpolated values are escaped unless they are Html (or arrays of it). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const part = (value: unknown): string => {
    if (Array.isArray(value)) return value.map(part).join('');
    if (value !== null && typeof value === 'object' && 'html' in value) return (value as Html).html;
    return escapeHtml(value);
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
form.filters { display: flex; gap: 1rem; align-items: end; }
nav a { margin-right: 1rem; }
`;

/** The page around a view. */
export function layout(title: string, body: Html): string {
  return `<!doctype html>
${
  html`<html lang="en"><head><meta charset="utf-8"><title>${title} · churnwatch</title><meta name="viewport" content="width=device-width, initial-scale=1"><style>${{ html: style }}</style></head>
<body><nav><a href="/">Customers at risk</a></nav>${body}</body></html>`.html
}
`;
}

/** "EUR 213,393" — whole units, as in the alerts. */
export function money(amount: string | null, currency: string | null): string {
  if (amount === null) return '—';
  const value = Number(amount);
  return `${currency ?? ''} ${Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: 0 }) : amount}`.trim();
}

export function day(value: Date | string | null): string {
  if (value === null) return '—';
  return (value instanceof Date ? value.toISOString() : value).slice(0, 10);
}

/** `usage_declining` → `usage declining`. */
export function words(token: string): string {
  return token.replaceAll('_', ' ');
}
