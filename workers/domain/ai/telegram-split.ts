// Long assistant answers as several Telegram messages. Telegram counts a message's length after
// parsing its HTML (tags cost nothing, `&amp;` costs one) in UTF-16 code units, at most 4096.
// Parts end at the best boundary available — a paragraph, a line, a sentence, a word — never
// inside a tag, an entity or a surrogate pair; a tag open at a cut is closed there and reopened
// at the start of the next part, so every part is valid HTML on its own.

export const TELEGRAM_MESSAGE_LIMIT = 4096;

interface Token {
  /** The HTML of the token. */
  raw: string;
  /** Visible length in UTF-16 code units (0 for tags). */
  size: number;
  tag?: { name: string; closing: boolean; raw: string };
}

function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  const re = /<\/?([a-zA-Z][a-zA-Z0-9-]*)[^>]*>|&[a-zA-Z0-9#]+;|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g;
  for (const m of html.matchAll(re)) {
    const raw = m[0];
    if (raw.startsWith("<") && m[1]) tokens.push({ raw, size: 0, tag: { name: m[1].toLowerCase(), closing: raw.startsWith("</"), raw } });
    else tokens.push({ raw, size: raw.startsWith("&") && raw.length > 1 ? 1 : raw.length });
  }
  return tokens;
}

/** How good a cut after `tokens[i]` is: paragraph 4, line 3, sentence 2, word 1. */
function boundaryRank(tokens: readonly Token[], i: number): number {
  const here = tokens[i]?.raw ?? "";
  const next = tokens[i + 1]?.raw ?? "";
  if (here === "\n" && next === "\n") return 3;
  if (here === "\n" && tokens[i - 1]?.raw === "\n") return 4;
  if (here === "\n") return 3;
  if ((here === " " || here === "\n") && /[.!?…]/.test(tokens[i - 1]?.raw ?? "")) return 2;
  if (here === " ") return 1;
  return 0;
}

export function splitForTelegram(html: string, limit = TELEGRAM_MESSAGE_LIMIT): string[] {
  const tokens = tokenize(html);
  const parts: string[] = [];
  let open: { name: string; raw: string }[] = [];
  let start = 0;
  // Room kept for nothing visible: closing and reopening tags cost no visible length.
  while (start < tokens.length) {
    let size = 0;
    let end = start;
    while (end < tokens.length && size + (tokens[end]?.size ?? 0) <= limit) {
      size += tokens[end]?.size ?? 0;
      end++;
    }
    if (end < tokens.length) {
      // Back off to the best boundary in the last half of the part.
      let best = -1;
      let bestRank = 0;
      let visible = size;
      for (let i = end - 1; i > start && visible > limit / 2; i--) {
        const rank = boundaryRank(tokens, i);
        if (rank > bestRank) {
          bestRank = rank;
          best = i;
          if (rank === 4) break;
        }
        visible -= tokens[i]?.size ?? 0;
      }
      if (best > start) end = best + 1;
    }
    const reopen = open.map((t) => t.raw).join("");
    let body = "";
    const stack = [...open];
    for (let i = start; i < end; i++) {
      const token = tokens[i] as Token;
      if (token.tag) {
        if (token.tag.closing) {
          const at = stack.map((t) => t.name).lastIndexOf(token.tag.name);
          if (at >= 0) stack.splice(at, 1);
        } else stack.push({ name: token.tag.name, raw: token.tag.raw });
      }
      body += token.raw;
    }
    const close = [...stack].reverse().map((t) => `</${t.name}>`).join("");
    const text = (reopen + body).replace(/^\s+/, "").replace(/\s+$/, "") + close;
    if (text.replace(/<[^>]*>/g, "").trim() !== "") parts.push(text);
    open = stack;
    start = end;
  }
  return parts;
}

/** Visible length of a Telegram HTML text, as Telegram counts it. */
export function telegramLength(html: string): number {
  return tokenize(html).reduce((n, t) => n + t.size, 0);
}
