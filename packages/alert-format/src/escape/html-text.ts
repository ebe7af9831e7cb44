import { showControls } from './visible-controls.ts';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for HTML element content and quoted attribute values: the five characters that could
 * open markup or leave an attribute become entities; control and bidirectional characters are
 * shown visibly.
 */
export function escapeHtml(text: string): string {
  return showControls(text).replace(/[&<>"']/g, (character) => entities[character] ?? character);
}
