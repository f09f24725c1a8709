// The seller bot's configuration from the environment, and the test-only seam that lets tests in
// workerd record Telegram calls and set the bot's secrets without a real token.

import type { Transformer } from "grammy/web";
import type { UserFromGetMe } from "grammy/types";
import { z } from "zod";

export interface SellerBotConfig {
  token: string;
  /** X-Telegram-Bot-Api-Secret-Token; also the admin routes' bearer secret. Null = webhook refused. */
  webhookSecret: string | null;
  /** TELEGRAM_API_ROOT, e.g. a local telegram-test-api; undefined = https://api.telegram.org. */
  apiRoot: string | undefined;
  botInfo: UserFromGetMe;
  /** PUBLIC_URL: the Worker's public origin, for the webhook URL and links; null = take the request's. */
  publicUrl: string | null;
}

type ConfigEnv = Pick<
  Env,
  "TELEGRAM_SELLER_BOT_TOKEN" | "TELEGRAM_SELLER_WEBHOOK_SECRET" | "TELEGRAM_API_ROOT" | "TELEGRAM_SELLER_BOT_INFO" | "TELEGRAM_SELLER_BOT_USERNAME" | "PUBLIC_URL"
>;

export interface SellerBotTestHooks {
  /** Installed on every bot the factory builds (records calls, answers them without a network). */
  transformer?: Transformer;
  /** Values that win over the Worker's env (the test env cannot be changed from a test file). */
  env?: Partial<ConfigEnv>;
}

let testHooks: SellerBotTestHooks | null = null;

/** Test-only: install (or with null, remove) hooks for every bot built after this call. */
export function setSellerBotTestHooks(hooks: SellerBotTestHooks | null): void {
  testHooks = hooks;
}

export function sellerBotTestHooks(): SellerBotTestHooks | null {
  return testHooks;
}

const BotInfoSchema = z
  .object({
    id: z.number().int().positive(),
    is_bot: z.literal(true).default(true),
    first_name: z.string().min(1),
    username: z.string().min(1),
    can_join_groups: z.boolean().default(false),
    can_read_all_group_messages: z.boolean().default(false),
    supports_inline_queries: z.boolean().default(false),
    can_connect_to_business: z.boolean().default(false),
    has_main_web_app: z.boolean().default(false),
    has_topics_enabled: z.boolean().default(false),
    allows_users_to_create_topics: z.boolean().default(false),
    can_manage_bots: z.boolean().default(false),
    supports_join_request_queries: z.boolean().default(false),
  })
  .loose();

function value(env: ConfigEnv, key: keyof ConfigEnv): string | undefined {
  const v = testHooks?.env?.[key] ?? env[key];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

/**
 * The bot's own description without a getMe call: TELEGRAM_SELLER_BOT_INFO (getMe's JSON) when
 * set, else a minimal one from the token (its part before ":" is the bot id) and
 * TELEGRAM_SELLER_BOT_USERNAME. grammY needs the username to accept "/cmd@username" in groups,
 * and invite links need it.
 */
export function botInfoFrom(token: string, infoJson: string | undefined, username: string | undefined): UserFromGetMe {
  if (infoJson) {
    try {
      const parsed = BotInfoSchema.safeParse(JSON.parse(infoJson));
      if (parsed.success) return parsed.data as UserFromGetMe;
      console.error("TELEGRAM_SELLER_BOT_INFO does not look like getMe's result; using a minimal bot info");
    } catch {
      console.error("TELEGRAM_SELLER_BOT_INFO is not JSON; using a minimal bot info");
    }
  }
  const id = Number(token.split(":")[0]);
  return BotInfoSchema.parse({
    id: Number.isSafeInteger(id) && id > 0 ? id : 1,
    first_name: "WB Assist",
    username: (username ?? "wb_assist_bot").replace(/^@/, ""),
  }) as UserFromGetMe;
}

/** The bot's configuration, or null when no bot token is configured (the bot is off). */
export function sellerBotConfig(env: ConfigEnv): SellerBotConfig | null {
  const token = value(env, "TELEGRAM_SELLER_BOT_TOKEN");
  if (!token) return null;
  const publicUrl = value(env, "PUBLIC_URL");
  return {
    token,
    webhookSecret: value(env, "TELEGRAM_SELLER_WEBHOOK_SECRET") ?? null,
    apiRoot: value(env, "TELEGRAM_API_ROOT")?.replace(/\/+$/, ""),
    botInfo: botInfoFrom(token, value(env, "TELEGRAM_SELLER_BOT_INFO"), value(env, "TELEGRAM_SELLER_BOT_USERNAME")),
    publicUrl: publicUrl ? publicUrl.replace(/\/+$/, "") : null,
  };
}
