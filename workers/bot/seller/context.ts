// The seller bot's context: grammY's Context plus what every handler needs (D1, env, clock, the
// Telegram user as stored, the bot state), and how a screen is shown — edited in place when it
// answers a button on that screen, a new message otherwise.

import { type Context, GrammyError, type InlineKeyboard } from "grammy/web";

import type { User } from "../../../db/schema";
import type { Db } from "../../db/client";
import { TELEGRAM_TEXT_LIMIT } from "../html";
import type { UserBotState } from "../state";
import type { SellerBotConfig } from "./config";

export interface SellerServices {
  env: Env;
  db: Db;
  config: SellerBotConfig;
  now: () => Date;
  /** The Worker's origin (PUBLIC_URL or the webhook request's), for links and the demo cabinet. */
  origin: string;
  /** Work that may finish after the update is answered (ctx.waitUntil of the request or alarm). */
  waitUntil: (promise: Promise<unknown>) => void;
}

export interface SellerFlavor {
  svc: SellerServices;
  /** The sender, as stored in `users` (set for every update the features see). */
  user: User;
  botState: UserBotState;
  /** Set once the button press has been answered (Telegram accepts one answer per press). */
  callbackAnswered?: boolean;
}

export type SellerContext = Context & SellerFlavor;

export interface Screen {
  text: string;
  keyboard?: InlineKeyboard;
}

/** A text cut at a line boundary to Telegram's limit (our lines never split an HTML tag). */
export function fitText(text: string): string {
  if (text.length <= TELEGRAM_TEXT_LIMIT) return text;
  const cut = text.lastIndexOf("\n", TELEGRAM_TEXT_LIMIT - 2);
  return text.slice(0, cut > 0 ? cut : TELEGRAM_TEXT_LIMIT - 2) + "\n…";
}

function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && /message is not modified/i.test(error.description);
}

/**
 * Shows a screen: a button press edits the message the button is on (no pile of messages);
 * commands and typed input get a new message. `fresh` forces a new message.
 */
export async function show(ctx: SellerContext, screen: Screen, options: { fresh?: boolean } = {}): Promise<void> {
  const text = fitText(screen.text);
  const message = ctx.callbackQuery?.message;
  if (message && !options.fresh) {
    try {
      await ctx.api.editMessageText(message.chat.id, message.message_id, text, { reply_markup: screen.keyboard });
      return;
    } catch (error) {
      if (isNotModified(error)) return;
      // Too old to edit (48 h), deleted, or not a text message: say it in a new message instead.
      if (!(error instanceof GrammyError)) throw error;
    }
  }
  // In a private chat the chat id is the user id: a button without its message (inline mode) still gets an answer.
  const chatId = ctx.chat?.id ?? ctx.from?.id;
  if (chatId === undefined) return;
  await ctx.api.sendMessage(chatId, text, { reply_markup: screen.keyboard });
}

/** Answers the button press (stops the client's spinner); `alert` shows a dialog instead of a toast. */
export async function answerCallback(ctx: SellerContext, text?: string, alert = false): Promise<void> {
  if (!ctx.callbackQuery || ctx.callbackAnswered) return;
  ctx.callbackAnswered = true;
  try {
    await ctx.answerCallbackQuery(text ? { text, show_alert: alert } : undefined);
  } catch (error) {
    // A query older than ~15 minutes can no longer be answered; nothing is lost.
    if (!(error instanceof GrammyError)) throw error;
  }
}
