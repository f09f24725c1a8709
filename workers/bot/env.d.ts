// Bot settings beside the secrets of workers/env-extra.d.ts (the interface merges with it).
// Documented in .dev.vars.example and docs/telegram-bot.md.
interface WbAssistSecrets {
  /** JSON of the bot's getMe result, so no update needs a getMe call (GET /tg/seller/admin/bot-info prints it). */
  TELEGRAM_SELLER_BOT_INFO?: string;
  /** The bot's @username when TELEGRAM_SELLER_BOT_INFO is not set (invite links need it). */
  TELEGRAM_SELLER_BOT_USERNAME?: string;
}
