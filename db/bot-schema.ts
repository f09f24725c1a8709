// Telegram bot state in D1 (re-exported from schema.ts). The bot keeps no grammY session: these
// three small tables are all it remembers between updates, so any isolate (webhook or the polling
// Durable Object) can handle any update.
//
// References to users/cabinets are lazy closures: schema.ts re-exports this file, so the two
// modules import each other and the tables must not be touched while the modules evaluate.

import { sql } from "drizzle-orm";
import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { type JsonValue, cabinets, users } from "./schema";

const nowMs = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/** What the bot waits for the user to type next (null = nothing: texts are read as commands). */
export const BOT_PENDING_KINDS = ["wb_token", "answer", "quiet_hours", "cost_price", "ai_chat", "ai_signature"] as const;
export type BotPendingKind = (typeof BOT_PENDING_KINDS)[number];

/** Per Telegram user: the cabinet the screens show, and the one input the bot is waiting for. */
export const botUserState = sqliteTable("bot_user_state", {
  userId: integer("user_id")
    .primaryKey({ autoIncrement: false })
    .references((): AnySQLiteColumn => users.id, { onDelete: "cascade" }),
  /** NULL or a cabinet the user left: the screens fall back to the user's first cabinet. */
  activeCabinetId: text("active_cabinet_id").references((): AnySQLiteColumn => cabinets.id, { onDelete: "set null" }),
  pendingKind: text("pending_kind", { enum: BOT_PENDING_KINDS }),
  /** Kind-specific JSON (e.g. which review an answer is for). */
  pendingPayload: text("pending_payload", { mode: "json" }).$type<JsonValue>(),
  pendingAt: integer("pending_at", { mode: "timestamp_ms" }),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
});

/**
 * Updates already taken (Telegram re-delivers an update it thinks was not handled). At most once:
 * a row is written before the update is handled, so a re-delivery never repeats an action.
 */
export const botUpdates = sqliteTable(
  "bot_updates",
  {
    /** Which bot ("seller", later "fitting"): update ids are per bot. */
    bot: text("bot").notNull(),
    updateId: integer("update_id").notNull(),
    receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [primaryKey({ columns: [t.bot, t.updateId] }), index("bot_updates_received_idx").on(t.receivedAt)],
);

/**
 * Payloads too big for a button's 64-byte callback_data (list cursors, a reply draft to retry),
 * kept under a short random token that only its user may redeem. Pruned after a month.
 */
export const botCallbackStash = sqliteTable(
  "bot_callback_stash",
  {
    token: text("token").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references((): AnySQLiteColumn => users.id, { onDelete: "cascade" }),
    payload: text("payload", { mode: "json" }).$type<JsonValue>().notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [index("bot_callback_stash_created_idx").on(t.createdAt)],
);

export type BotUserState = typeof botUserState.$inferSelect;
export type NewBotUserState = typeof botUserState.$inferInsert;
export type BotUpdate = typeof botUpdates.$inferSelect;
export type BotCallbackStash = typeof botCallbackStash.$inferSelect;
