import type { Money } from '@churnwatch/contracts';

/**
 * Money inside detection is a whole number of cents (hundredths of the currency unit), so that
 * sums and differences are exact. Contract amounts carry at most four decimals; the conversion
 * rounds half away from zero to the nearest cent. Pure.
 */
export function centsOf(amount: string): number {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const padded = `${fraction}0000`.slice(0, 4);
  const tenThousandths = Number(whole) * 10_000 + Number(padded);
  const cents = Math.floor((tenThousandths + 50) / 100);
  return negative ? -cents : cents;
}

/** A contract money value of a whole number of cents, e.g. 123456 → "1234.56". */
export function moneyOfCents(cents: number, currency: string): Money {
  const sign = cents < 0 ? '-' : '';
  const magnitude = Math.abs(Math.round(cents));
  const fraction = String(magnitude % 100).padStart(2, '0');
  return { amount: `${sign}${Math.floor(magnitude / 100)}.${fraction}`, currency };
}

/** For people: 48000.5 EUR → "48,000.50 EUR". */
export function formatCents(cents: number, currency: string): string {
  const { amount } = moneyOfCents(cents, currency);
  const [whole = '0', fraction = '00'] = amount.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction} ${currency}`;
}
