// Telegram routes: the seller bot's webhook and its admin routes.
//
//   POST /tg/seller                      the webhook (X-Telegram-Bot-Api-Secret-Token checked in
//                                        constant time; wrong or missing → 401)
//   GET  /tg/seller/admin/bot-info       getMe, to paste into TELEGRAM_SELLER_BOT_INFO
//   POST /tg/seller/admin/webhook        setWebhook(<origin>/tg/seller, secret) + setMyCommands
//   GET  /tg/seller/admin/webhook        getWebhookInfo;  DELETE: deleteWebhook
//   POST /tg/seller/admin/commands       setMyCommands only
//   POST /tg/seller/admin/polling/start  long polling from the Worker (SellerBotPoller); …/stop; GET …/polling
//
// Admin routes take `Authorization: Bearer <TELEGRAM_SELLER_WEBHOOK_SECRET>`. See docs/telegram-bot.md.

import { type Context, Hono } from "hono";
import { GrammyError } from "grammy/web";

import { ALLOWED_UPDATES, type SellerBotPoller } from "../bot/seller/poller";
import { createSellerBot, handleSellerUpdate, sellerCommandMenu } from "../bot/seller/bot";
import { type SellerBotConfig, sellerBotConfig } from "../bot/seller/config";

const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
/** Telegram's updates are a few kilobytes; anything near this is not from Telegram. */
const MAX_UPDATE_BYTES = 1_000_000;

type TgContext = Context<{ Bindings: Env }>;

/** Constant-time equality, so the secret cannot be guessed byte by byte from response times. */
export function secretMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

function originOf(c: TgContext, config: SellerBotConfig): string {
  return config.publicUrl ?? new URL(c.req.url).origin;
}

function waitUntilOf(c: TgContext): (p: Promise<unknown>) => void {
  try {
    const ctx = c.executionCtx;
    return (p) => ctx.waitUntil(p);
  } catch {
    // No execution context (a direct app.fetch in a script): let the promise run on its own.
    return (p) => void p.catch(() => undefined);
  }
}

async function sellerWebhook(c: TgContext): Promise<Response> {
  const config = sellerBotConfig(c.env);
  if (!config) return c.json({ error: "the seller bot is not configured (TELEGRAM_SELLER_BOT_TOKEN)" }, 404);
  // No secret configured = no webhook accepted: an open webhook would let anyone act as any user.
  if (!config.webhookSecret || !secretMatches(c.req.header(SECRET_HEADER), config.webhookSecret)) return c.body(null, 401);
  const raw = await c.req.text();
  if (raw.length > MAX_UPDATE_BYTES) return c.body(null, 413);
  let update: unknown;
  try {
    update = JSON.parse(raw);
  } catch {
    return c.body(null, 400);
  }
  const started = Date.now();
  try {
    const outcome = await handleSellerUpdate(c.env, update, { origin: originOf(c, config), waitUntil: waitUntilOf(c) });
    if (outcome === "invalid") return c.body(null, 400);
  } catch (error) {
    // Already reported to the user where possible. 200 all the same: Telegram would re-deliver the
    // update, it would fail the same way, and the updates behind it would wait.
    console.error("seller webhook: update failed", error instanceof Error ? `${error.name}: ${error.message}` : error);
  }
  return c.body(null, 200, { "Server-Timing": `handle;dur=${Date.now() - started}` });
}

function pollerOf(env: Env): DurableObjectStub<SellerBotPoller> {
  // wrangler types cannot see the class behind the binding; this is the one place that says it.
  const ns = env.SELLER_BOT_POLLER as unknown as DurableObjectNamespace<SellerBotPoller>;
  return ns.get(ns.idFromName("seller"));
}

async function telegramCall<T>(c: TgContext, call: () => Promise<T>): Promise<Response> {
  try {
    return c.json({ ok: true, result: await call() });
  } catch (error) {
    if (error instanceof GrammyError) return c.json({ ok: false, error: `${error.error_code}: ${error.description}` }, 502);
    throw error;
  }
}

export function telegramRoutes() {
  const r = new Hono<{ Bindings: Env }>();

  r.post("/seller", sellerWebhook);
  r.on(["GET", "PUT", "PATCH", "DELETE"], "/seller", (c) => c.body(null, 405, { Allow: "POST" }));

  r.use("/seller/admin/*", async (c, next) => {
    const config = sellerBotConfig(c.env);
    if (!config) return c.json({ ok: false, error: "the seller bot is not configured (TELEGRAM_SELLER_BOT_TOKEN)" }, 404);
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("Authorization") ?? "");
    if (!config.webhookSecret || !secretMatches(match?.[1], config.webhookSecret)) {
      return c.json({ ok: false, error: "Authorization: Bearer <TELEGRAM_SELLER_WEBHOOK_SECRET> required" }, 401);
    }
    await next();
  });

  r.get("/seller/admin/bot-info", (c) => telegramCall(c, () => createSellerBot(c.env).api.getMe()));

  r.get("/seller/admin/webhook", (c) => telegramCall(c, () => createSellerBot(c.env).api.getWebhookInfo()));

  r.post("/seller/admin/webhook", async (c) => {
    const config = sellerBotConfig(c.env) as SellerBotConfig;
    const body = (await c.req.json().catch(() => ({}))) as { url?: unknown };
    const url = typeof body.url === "string" && body.url ? body.url : `${originOf(c, config)}/tg/seller`;
    const api = createSellerBot(c.env).api;
    return telegramCall(c, async () => {
      await api.setWebhook(url, { secret_token: config.webhookSecret ?? undefined, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false, max_connections: 40 });
      await api.setMyCommands(sellerCommandMenu());
      return { webhook: await api.getWebhookInfo(), commands: sellerCommandMenu() };
    });
  });

  r.delete("/seller/admin/webhook", (c) => telegramCall(c, () => createSellerBot(c.env).api.deleteWebhook({ drop_pending_updates: false })));

  r.post("/seller/admin/commands", (c) => {
    const api = createSellerBot(c.env).api;
    return telegramCall(c, async () => {
      await api.setMyCommands(sellerCommandMenu());
      return sellerCommandMenu();
    });
  });

  r.post("/seller/admin/polling/start", (c) => telegramCall(c, () => pollerOf(c.env).start(originOf(c, sellerBotConfig(c.env) as SellerBotConfig))));
  r.post("/seller/admin/polling/stop", (c) => telegramCall(c, () => pollerOf(c.env).stop()));
  r.get("/seller/admin/polling", (c) => telegramCall(c, () => pollerOf(c.env).status()));

  return r;
}
