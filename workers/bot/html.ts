// Telegram HTML parse mode: every text the bot sends is HTML, so anything that comes from a seller,
// a buyer or WB (product names, review texts, cabinet names) is escaped exactly once, here.

/** A fragment that is already valid Telegram HTML (built by us, never from raw input). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(value: string): Html {
  return new Html(value);
}

/** Escapes the three characters Telegram's HTML parser treats specially. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Plain text cut to `max` characters (by code point, never splitting a surrogate pair), with «…». */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(0, max - 1)).join("").trimEnd() + "…";
}

/** Telegram's limit for a message text, in UTF-16 code units after entity parsing. */
export const TELEGRAM_TEXT_LIMIT = 4096;
