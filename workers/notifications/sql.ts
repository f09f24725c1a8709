// SQL building blocks shared by the detection statements: who receives a kind (fan-out), and the
// outbox insert itself. Every insert is ON CONFLICT(dedupe_key) DO NOTHING.

import { type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";

import { type JsonValue, notificationOutbox } from "../../db/schema";
import type { NotificationKind } from "../bot/notification-prefs";
import type { Db } from "../db/client";

/**
 * Members (owner, manager, viewer alike) who get `setting`: not paused (blocked the bot), and the
 * kind not switched off for that cabinet (a missing key means on, as in effectiveSettings). Columns
 * `uid`, `cid`. The sender applies the full settings again when it sends (quiet hours, changes
 * made since), so this only keeps rows nobody will receive out of the outbox.
 */
export function recipientsSql(setting: NotificationKind, cabinetId: string | null): SQL {
  return sql`(SELECT m.user_id AS uid, m.cabinet_id AS cid
      FROM cabinet_members AS m
      JOIN users AS u ON u.id = m.user_id
      LEFT JOIN notification_settings AS ns ON ns.user_id = m.user_id AND ns.cabinet_id = m.cabinet_id
      WHERE ${cabinetId === null ? sql`1` : sql`m.cabinet_id = ${cabinetId}`}
        AND u.notifications_paused = 0
        AND coalesce(json_extract(ns.enabled_kinds, ${`$.${setting}`}), 1) <> 0)`;
}

/**
 * `INSERT INTO notification_outbox SELECT …` for one db.batch(). `select` must yield, in order:
 * user_id, cabinet_id, kind, dedupe_key, payload (JSON text); the rest is filled in here.
 */
export function outboxInsert(db: Db, select: { columns: SQL; from: SQL }, now: Date): BatchItem<"sqlite"> {
  const at = now.getTime();
  // Column order is the table's: id, user_id, cabinet_id, kind, dedupe_key, payload, status,
  // not_before_at, attempts, last_error, created_at, sent_at. The WHERE in `from` (or `where 1`)
  // also settles SQLite's INSERT … SELECT … ON CONFLICT parsing ambiguity.
  return db
    .insert(notificationOutbox)
    .select(sql`select NULL, ${select.columns}, 'pending', ${at}, 0, NULL, ${at}, NULL ${select.from}`)
    .onConflictDoNothing({ target: notificationOutbox.dedupeKey });
}

/** Rows a batch's statements inserted, from D1's results (meta.changes). */
export function insertedRows(results: readonly unknown[]): number {
  let n = 0;
  for (const r of results) {
    const changes = (r as { meta?: { changes?: unknown } } | null)?.meta?.changes;
    if (typeof changes === "number") n += changes;
  }
  return n;
}

/** A payload object as the outbox's JSON column type (payload types hold only JSON values). */
export function jsonPayload<T extends object>(payload: T): JsonValue {
  return payload as unknown as JsonValue;
}
