/**
 * Characters that must never reach a reader as themselves: control characters (C0, DEL, C1),
 * bidirectional marks, embeddings, overrides and isolates, the line and paragraph separators,
 * and the zero-width no-break space. They colour or clear a terminal, reorder text so that
 * `cust-\u202Egpj.exe` reads as `cust-exe.jpg`, or break one line into two.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const invisible = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069\uFEFF]/g;

/**
 * Shows every such character visibly: C0 controls and DEL as their Unicode control pictures
 * (ESC → ␛, NUL → ␀, LF → ␊), the rest as `[U+202E]`. Everything else, any script and emoji
 * included, stays as it is. Pure.
 */
export function showControls(text: string): string {
  return text.replace(invisible, (character) => {
    const code = character.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `[U+${code.toString(16).toUpperCase().padStart(4, '0')}]`;
  });
}
