/** Rounds to `digits` decimals (half away from zero) for evidence and details meant for people. Pure. */
export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return (Math.sign(value) * Math.round(Math.abs(value) * scale)) / scale;
}

/** A fraction as a whole percentage for people: 0.617 → 62. */
export function percent(fraction: number): number {
  return Math.round(fraction * 100);
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** "1 complaint", "2 complaints". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
