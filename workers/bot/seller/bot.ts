// The seller bot factory. One grammY Bot per update (construction is cheap; the bot info is
// preloaded, so no getMe), with every feature's commands and buttons, session-free state in D1,
// HTML parse mode by default, and one error boundary that turns failures into a Russian message.
//
// The notification sender reuses this: createSellerBot(env).api.sendMessage(chatId, text, …) with
// texts from ../i18n (t) and screens/keyboards from ./screens and ./features (e.g. orderLine,
// reviewCard, reviewReplyButton) — the same apiRoot, parse mode and test hooks apply.

import { eq } from "drizzle-orm";
import { Bot, BotError, type Transformer } from "grammy/web";
import type { BotCommand, Update } from "grammy/types";

import { users } from "../../../db/schema";
import { createDb, type Db } from "../../db/client";
import { ProblemError } from "../../http/problem";
import { upsertUser } from "../../users/users";
import { t, tPlain } from "../i18n";
import { claimUpdate, clearPending, loadUserState } from "../state";
import { type CallbackHandler, type CallbackHandlers } from "./features/types";
import { decodeCallback } from "./callback-data";
import { type SellerBotConfig, sellerBotConfig, sellerBotTestHooks } from "./config";
import { type SellerContext, type SellerServices, answerCallback } from "./context";
import { handleAnswerText } from "./features/answer-flow";
import { aiFeature, handleAiText } from "./features/ai";
import { aiDraftsFeature } from "./features/ai-drafts";
import { aiSettingsFeature, handleSignatureText } from "./features/ai-settings";
import { analyticsFeature } from "./features/analytics";
import { cardTextFeature } from "./features/card-text";
import { cabinetsFeature } from "./features/cabinets";
import { costPricesFeature, handleCostPriceText } from "./features/cost-prices";
import { connectFeature, handleTokenText, looksLikeWbToken } from "./features/connect";
import { dashboardFeature } from "./features/dashboard";
import { helpFeature } from "./features/help";
import { ordersFeature } from "./features/orders";
import { questionsFeature } from "./features/questions";
import { reviewsFeature } from "./features/reviews";
import { handleQuietText, settingsFeature } from "./features/settings";
import { startFeature } from "./features/start";
import { stocksFeature } from "./features/stocks";
import { syncFeature } from "./features/sync";
import { webFeature } from "./features/web";
import { withMenu } from "./keyboards/menu";

export const SELLER_BOT = "seller";

const FEATURES = [
  startFeature,
  connectFeature,
  dashboardFeature,
  ordersFeature,
  stocksFeature,
  reviewsFeature,
  questionsFeature,
  analyticsFeature,
  costPricesFeature,
  syncFeature,
  cabinetsFeature,
  settingsFeature,
  helpFeature,
  webFeature,
  aiFeature,
  aiDraftsFeature,
  aiSettingsFeature,
  cardTextFeature,
];

/** Every button's handler, by action (a unit test checks that none is missing). */
export const CALLBACK_HANDLERS: CallbackHandlers = Object.assign({}, ...FEATURES.map((f) => f.callbacks));

/** The command menu (setMyCommands), in the order Telegram shows it; descriptions in ru.ftl. */
export const SELLER_COMMANDS = ["dashboard", "orders", "stocks", "reviews", "questions", "analytics", "ai", "cardtext", "cost", "sync", "cabinets", "connect", "settings", "web", "help", "start"] as const;

export function sellerCommandMenu(): BotCommand[] {
  return SELLER_COMMANDS.map((command) => ({ command, description: tPlain(`cmd-${command}`) }));
}

export class SellerBotNotConfiguredError extends Error {
  override name = "SellerBotNotConfiguredError";
  constructor() {
    super("The seller bot is not configured: set TELEGRAM_SELLER_BOT_TOKEN");
  }
}

export interface SellerBotOptions {
  /** An extra transformer (e.g. a sender's own rate limiting); installed inside the defaults. */
  transformer?: Transformer;
  /** The Worker's public origin for links and the demo cabinet; default PUBLIC_URL or localhost. */
  origin?: string;
  /** Where work that outlives the update goes (the request's or alarm's waitUntil). */
  waitUntil?: (promise: Promise<unknown>) => void;
  now?: () => Date;
  db?: Db;
  /** HTTP timeout of Bot API calls (long polling needs more than its own timeout). Default 10 s. */
  timeoutSeconds?: number;
}

/** Every text message is HTML with link previews off, unless a call says otherwise. */
const htmlByDefault: Transformer = (prev, method, payload, signal) => {
  if (method === "sendMessage" || method === "editMessageText") {
    const p = payload as Record<string, unknown>;
    if (p.parse_mode === undefined) p.parse_mode = "HTML";
    if (p.link_preview_options === undefined) p.link_preview_options = { is_disabled: true };
  }
  return prev(method, payload, signal);
};

export function createSellerBot(env: Env, options: SellerBotOptions = {}): Bot<SellerContext> {
  const config = sellerBotConfig(env);
  if (!config) throw new SellerBotNotConfiguredError();
  return buildBot(env, config, options);
}

function buildBot(env: Env, config: SellerBotConfig, options: SellerBotOptions): Bot<SellerContext> {
  const bot = new Bot<SellerContext>(config.token, {
    botInfo: config.botInfo,
    client: { apiRoot: config.apiRoot, timeoutSeconds: options.timeoutSeconds ?? 10 },
  });
  // grammY runs the last installed transformer first: the defaults wrap whatever records or paces calls.
  const hooks = sellerBotTestHooks();
  if (hooks?.transformer) bot.api.config.use(hooks.transformer);
  if (options.transformer) bot.api.config.use(options.transformer);
  bot.api.config.use(htmlByDefault);

  const svc: SellerServices = {
    env,
    db: options.db ?? createDb(env.DB),
    config,
    now: options.now ?? (() => new Date()),
    origin: (options.origin ?? config.publicUrl ?? "http://localhost:8787").replace(/\/+$/, ""),
    waitUntil: options.waitUntil ?? ((p) => void p.catch((error: unknown) => console.warn("seller bot: background work failed", error))),
  };

  bot.use(async (ctx, next) => {
    ctx.svc = svc;
    await next();
  });
  bot.on("my_chat_member", trackBlocking);
  bot.use(loadUser);
  bot.use(clearPendingOnCommand);
  for (const feature of FEATURES) bot.use(feature.commands);
  bot.on("callback_query:data", routeCallback);
  bot.on("callback_query", (ctx) => answerCallback(ctx, tPlain("stale-button"), true));
  bot.on("message:text", routeText);
  bot.on("message", (ctx) => ctx.reply(t("fallback-not-text"), { reply_markup: withMenu() }));
  // Edited messages, reactions and every other update type are deliberately ignored.
  bot.catch(handleError);
  return bot;
}

function isTelegramId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}

/** Private chats only, with a well-formed sender; stores the sender and loads their bot state. */
async function loadUser(ctx: SellerContext, next: () => Promise<void>): Promise<void> {
  const from = ctx.from;
  if (!from || from.is_bot || !isTelegramId(from.id)) return;
  if (ctx.chat && ctx.chat.type !== "private") return;
  const db = ctx.svc.db;
  const [user, state] = await Promise.all([
    upsertUser(db, {
      id: from.id,
      username: typeof from.username === "string" ? from.username.slice(0, 64) : null,
      firstName: typeof from.first_name === "string" ? from.first_name.slice(0, 128) : "",
      language: typeof from.language_code === "string" ? from.language_code.slice(0, 16) : null,
    }),
    loadUserState(db, from.id, ctx.svc.now()),
  ]);
  if (user.notificationsPaused && user.notificationsPausedReason === "blocked") {
    // Writing to the bot again means they unblocked it.
    await db.update(users).set({ notificationsPaused: false, notificationsPausedReason: null, notificationsPausedAt: null }).where(eq(users.id, user.id));
    user.notificationsPaused = false;
  }
  ctx.user = user;
  ctx.botState = state;
  await next();
}

/** A user who blocks the bot gets no notifications until they come back (and vice versa). */
async function trackBlocking(ctx: SellerContext): Promise<void> {
  const update = ctx.myChatMember;
  if (!update || update.chat.type !== "private" || !isTelegramId(update.from?.id)) return;
  const status = update.new_chat_member?.status;
  const blocked = status === "kicked";
  if (!blocked && status !== "member") return;
  await upsertUser(ctx.svc.db, { id: update.from.id, username: update.from.username ?? null, firstName: update.from.first_name ?? "" });
  await ctx.svc.db
    .update(users)
    .set(
      blocked
        ? { notificationsPaused: true, notificationsPausedReason: "blocked", notificationsPausedAt: ctx.svc.now() }
        : { notificationsPaused: false, notificationsPausedReason: null, notificationsPausedAt: null },
    )
    .where(eq(users.id, update.from.id));
}

/** A command means the user moved on: whatever input was awaited is no longer. */
async function clearPendingOnCommand(ctx: SellerContext, next: () => Promise<void>): Promise<void> {
  const text = ctx.message?.text;
  if (typeof text === "string" && text.startsWith("/") && (ctx.botState.pending || ctx.botState.expired)) {
    await clearPending(ctx.svc.db, ctx.user.id);
    ctx.botState.pending = null;
    ctx.botState.expired = null;
  }
  await next();
}

async function routeCallback(ctx: SellerContext): Promise<void> {
  const data = decodeCallback(ctx.callbackQuery?.data);
  const handler = data ? (CALLBACK_HANDLERS[data.a] as CallbackHandler<typeof data.a> | undefined) : undefined;
  if (!data || !handler) {
    await answerCallback(ctx, tPlain("stale-button"), true);
    return;
  }
  // Pressing any button abandons a half-typed input; the handlers that ask for one set it again.
  if (ctx.botState.pending && data.a !== "answer_retry") {
    await clearPending(ctx.svc.db, ctx.user.id);
    ctx.botState.pending = null;
  }
  await handler(ctx, data);
  await answerCallback(ctx);
}

async function routeText(ctx: SellerContext): Promise<void> {
  const text = ctx.message?.text;
  if (typeof text !== "string") return;
  if (text.startsWith("/")) {
    await ctx.reply(t("unknown-command"), { reply_markup: withMenu() });
    return;
  }
  // A token is never an answer to a buyer: whatever was awaited, it is deleted and connected.
  if (looksLikeWbToken(text)) return handleTokenText(ctx, text.trim());
  const pending = ctx.botState.pending;
  if (pending?.kind === "answer") return handleAnswerText(ctx, pending, text);
  if (pending?.kind === "quiet_hours") return handleQuietText(ctx, pending, text);
  if (pending?.kind === "cost_price") return handleCostPriceText(ctx, pending, text);
  if (pending?.kind === "ai_chat") return handleAiText(ctx, pending, text);
  if (pending?.kind === "ai_signature") return handleSignatureText(ctx, pending, text);
  if (pending?.kind === "wb_token") {
    await ctx.reply(t("connect-not-a-token"), { reply_markup: withMenu() });
    return;
  }
  if (ctx.botState.expired?.kind === "answer") {
    await clearPending(ctx.svc.db, ctx.user.id);
    await ctx.reply(t("answer-expired"), { reply_markup: withMenu() });
    return;
  }
  await ctx.reply(t("fallback"), { reply_markup: withMenu() });
}

/** Failures become a short Russian message (the problem's own text for access and input errors). */
async function handleError(err: BotError<SellerContext>): Promise<void> {
  const ctx = err.ctx;
  const error = err.error;
  let message: string;
  if (error instanceof ProblemError) {
    message = error.problem.detail;
  } else {
    console.error(`seller bot: update ${ctx.update.update_id} failed:`, error instanceof Error ? `${error.name}: ${error.message}` : error);
    message = tPlain("error-generic");
  }
  try {
    if (ctx.callbackQuery && !ctx.callbackAnswered) await answerCallback(ctx, message.slice(0, 190), true);
    else if (ctx.chat) await ctx.reply(t("error-wrap", { message }));
  } catch (reportError) {
    console.error("seller bot: could not report a failure to the user", reportError instanceof Error ? reportError.message : reportError);
  }
}

export type HandleUpdateOptions = SellerBotOptions;

export type HandleOutcome = "handled" | "duplicate" | "invalid";

/**
 * One update from the webhook or the poller: validated, taken at most once (a re-delivery is
 * skipped), handled. Never throws for anything inside the update; errors are reported to the user.
 */
export async function handleSellerUpdate(env: Env, update: unknown, options: HandleUpdateOptions = {}): Promise<HandleOutcome> {
  if (typeof update !== "object" || update === null || Array.isArray(update)) return "invalid";
  const updateId = (update as { update_id?: unknown }).update_id;
  if (typeof updateId !== "number" || !Number.isSafeInteger(updateId) || updateId < 0) return "invalid";
  const db = options.db ?? createDb(env.DB);
  if (!(await claimUpdate(db, SELLER_BOT, updateId))) return "duplicate";
  const bot = createSellerBot(env, { ...options, db });
  try {
    await bot.handleUpdate(update as Update);
  } catch (error) {
    // grammY hands middleware errors back wrapped (bot.catch only serves bot.start's loop).
    if (!(error instanceof BotError)) throw error;
    await handleError(error as BotError<SellerContext>);
  }
  return "handled";
}
