// The seller bot's @username, for "open the bot" links and invite links; null when no bot is configured.

export function sellerBotUsername(env: Env): string | null {
  if (!env.TELEGRAM_SELLER_BOT_TOKEN?.trim()) return null;
  const fromInfo = (() => {
    try {
      const info = JSON.parse(env.TELEGRAM_SELLER_BOT_INFO ?? "") as { username?: unknown };
      return typeof info.username === "string" ? info.username : null;
    } catch {
      return null;
    }
  })();
  const name = (fromInfo ?? env.TELEGRAM_SELLER_BOT_USERNAME ?? "").trim().replace(/^@/, "");
  return /^[A-Za-z0-9_]{3,64}$/.test(name) ? name : null;
}
