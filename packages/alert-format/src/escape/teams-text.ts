import { showControls } from './visible-controls.ts';

/**
 * Text for an Adaptive Card TextBlock in Microsoft Teams, which reads a subset of Markdown
 * (`**bold**`, `_italic_`, `[label](url)`, lists) and `<at>` mention tags. Every character that
 * could open such markup inside a line gets a backslash (CommonMark escapes: with `[` and `]`
 * escaped no link can form), so customer data shows as typed; control and bidirectional
 * characters are shown visibly, so no customer text can start a line of its own (a list).
 */
export function escapeTeamsText(text: string): string {
  return showControls(text).replace(/[\\`*_~[\]<>&]/g, (character) => `\\${character}`);
}
