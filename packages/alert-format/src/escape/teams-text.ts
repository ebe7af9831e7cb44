import { showControls } from './visible-controls.ts';

/**
 * Text for an Adaptive Card TextBlock in Microsoft Teams, which reads a subset of Markdown
 * (`**bold**`, `_italic_`, `[label](url)`, lists) and `<at>` mention tags. Every character that
 * could start such markup gets a backslash (CommonMark escapes), so customer data shows as typed;
 * control and bidirectional characters are shown visibly.
 */
export function escapeTeamsText(text: string): string {
  return showControls(text).replace(/[\\`*_~[\]()<>&#!|{}]/g, (character) => `\\${character}`);
}
