/** Integer cents → the contracts' decimal string ("1234.50"); money never passes through floats in output. */
export function formatCents(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = cents - whole * 100;
  return `${whole}.${rest < 10 ? '0' : ''}${rest}`;
}

/** Rounds a positive amount in currency units to whole cents (at least one cent). */
export function toCents(amount: number): number {
  return Math.max(1, Math.round(amount * 100));
}
