// Shared by the bot-*.test.ts files: a fake Telegram Bot API installed as a grammY transformer
// through the bot factory's test hook (every call is recorded and answered in-process), update
// builders, and a poster that goes through the Worker's real entry point (exports.default.fetch),
// so routing, the secret check, dedupe, and the bot itself are all exercised.

import { env, exports } from "cloudflare:workers";
import type { Transformer } from "grammy/web";
import type { Update } from "grammy/types";

import { setSellerBotTestHooks } from "../../workers/bot/seller/config";
import { createDb } from "../../workers/db/client";

export const db = createDb(env.DB);
export const SECRET = "test-webhook-secret-0123456789";
export const BOT_TOKEN = "7000000001:TEST-TOKEN-not-real";
export const BOT_USERNAME = "wb_assist_test_bot";

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

/** A Bot API that answers like Telegram (message ids, chat echo) and records every call. */
export class FakeTelegram {
  calls: ApiCall[] = [];
  private messageId = 5000;
  private failures: { method: string; code: number; description: string }[] = [];

  readonly transformer: Transformer = async (_prev, method, payload) => {
    const p = { ...((payload ?? {}) as Record<string, unknown>) };
    this.calls.push({ method, payload: p });
    const failure = this.failures.findIndex((f) => f.method === method);
    if (failure >= 0) {
      const [f] = this.failures.splice(failure, 1);
      // grammY turns { ok: false } into a GrammyError, as with the real API.
      return { ok: false, error_code: f?.code ?? 400, description: f?.description ?? "Bad Request" } as never;
    }
    if (method === "sendMessage") {
      const result = { message_id: ++this.messageId, date: Math.floor(Date.now() / 1000), chat: { id: p.chat_id, type: "private" }, text: p.text };
      return { ok: true, result } as never;
    }
    if (method === "getMe") return { ok: true, result: { id: 7000000001, is_bot: true, first_name: "WB Assist", username: BOT_USERNAME } } as never;
    if (method === "getUpdates") return { ok: true, result: [] } as never;
    return { ok: true, result: true } as never;
  };

  /** The next call of `method` fails with this Telegram error. */
  failNext(method: string, code: number, description: string): void {
    this.failures.push({ method, code, description });
  }

  reset(): void {
    this.calls = [];
  }

  /** Texts the bot sent or edited in, in order (for one chat when given). */
  texts(chatId?: number): string[] {
    return this.calls
      .filter((c) => (c.method === "sendMessage" || c.method === "editMessageText") && (chatId === undefined || c.payload.chat_id === chatId))
      .map((c) => String(c.payload.text ?? ""));
  }

  last(method: string): ApiCall | undefined {
    return [...this.calls].reverse().find((c) => c.method === method);
  }

  /** The inline buttons of a sent/edited message: [label, callback_data]. */
  static buttons(call: ApiCall | undefined): [string, string][] {
    const markup = call?.payload.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined;
    return (markup?.inline_keyboard ?? []).flat().map((b) => [b.text, b.callback_data ?? ""]);
  }
}

export function installFakeTelegram(extraEnv: Record<string, string> = {}): FakeTelegram {
  const fake = new FakeTelegram();
  setSellerBotTestHooks({
    transformer: fake.transformer,
    env: { TELEGRAM_SELLER_BOT_TOKEN: BOT_TOKEN, TELEGRAM_SELLER_WEBHOOK_SECRET: SECRET, TELEGRAM_SELLER_BOT_USERNAME: BOT_USERNAME, ...extraEnv },
  });
  return fake;
}

let updateId = Math.floor(Math.random() * 1e6) * 1000;
let messageId = 1;

export function nextUpdateId(): number {
  return ++updateId;
}

/** A Telegram user id in the range real ids use, different per test file run. */
export function newTelegramUserId(): number {
  return 5_000_000_000 + Math.floor(Math.random() * 1e9);
}

export function from(userId: number) {
  return { id: userId, is_bot: false, first_name: "Анна", username: `seller${userId % 100000}`, language_code: "ru" };
}

export function textUpdate(userId: number, text: string): Update {
  const entities = text.startsWith("/") ? [{ type: "bot_command" as const, offset: 0, length: text.split(" ")[0]?.length ?? text.length }] : undefined;
  return {
    update_id: nextUpdateId(),
    message: {
      message_id: ++messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: "private", first_name: "Анна" },
      from: from(userId),
      text,
      ...(entities ? { entities } : {}),
    },
  } as Update;
}

export function callbackUpdate(userId: number, data: string, onMessageId = 4999): Update {
  return {
    update_id: nextUpdateId(),
    callback_query: {
      id: String(nextUpdateId()),
      from: from(userId),
      chat_instance: "ci",
      data,
      message: { message_id: onMessageId, date: Math.floor(Date.now() / 1000), chat: { id: userId, type: "private", first_name: "Анна" }, text: "…" },
    },
  } as Update;
}

export async function postUpdate(update: unknown, options: { secret?: string | null; raw?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const secret = options.secret === undefined ? SECRET : options.secret;
  if (secret !== null) headers["X-Telegram-Bot-Api-Secret-Token"] = secret;
  return exports.default.fetch(
    new Request("https://wb-assist.test/tg/seller", { method: "POST", headers, body: options.raw ?? JSON.stringify(update) }),
  );
}

/** Posts and expects 200: the common case. */
export async function send(update: Update): Promise<void> {
  const res = await postUpdate(update);
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  await res.arrayBuffer();
}

/** The callback_data of the first button whose label contains `label`, in the bot's latest message (of `method`). */
export function button(fake: FakeTelegram, label: string, method?: string, chatId?: number): string {
  const call = [...fake.calls]
    .reverse()
    .find(
      (c) =>
        (method ? c.method === method : c.method === "sendMessage" || c.method === "editMessageText") &&
        (chatId === undefined || c.payload.chat_id === chatId),
    );
  const hit = FakeTelegram.buttons(call).find(([text]) => text.includes(label));
  if (!hit) throw new Error(`no button "${label}" in the bot's latest message`);
  return hit[1];
}

/** ru-RU formatting uses non-breaking spaces; tests compare with plain ones. */
export function plainText(s: string): string {
  return s.replace(/[\u00a0\u202f]/g, " ");
}
