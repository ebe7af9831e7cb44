import { showControls } from './visible-controls.ts';

/**
 * Text for a terminal: no escape sequence, carriage return or bidirectional override from
 * customer data reaches it; each shows visibly (ESC as ␛, U+202E as [U+202E]). Colour is added by
 * the caller around the escaped text.
 */
export function escapeTerminalText(text: string): string {
  return showControls(text);
}
