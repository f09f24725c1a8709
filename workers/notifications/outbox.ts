// notification_outbox as the sender uses it: claiming due rows (atomically, so two sender runs
// never send the same row), and recording each row's fate.
//
// Row lifecycle:
//   pending ──claim──▶ (leased) ──sent──▶ sent
//      ▲  │                 ├─quiet hours─▶ held ──(not_before_at passes)──▶ claimable again
//      │  │                 ├─429, error──▶ pending, not_before_at = retry time
//      │  │                 ├─403─────────▶ skipped (and the user's notifications paused)
//      └──┴─lease expires───┴─settings────▶ skipped;  too many errors / 400 ─▶ failed
//
// The schema has no "sending" status, so a lease is: status still pending/held, `sent_at` set to
// the claim time (the lease marker) and `not_before_at` moved to the lease's end. A run that dies
// mid-way leaves its rows to be claimed again when the lease ends. For a row that was sent,
// `not_before_at` becomes the moment its chat may receive the next message (sent_at + 1.05 s):
// that is how every run knows which chats are still cooling down.

import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { z } from "zod";

import { notificationOutbox, users } from "../../db/schema";
import type { Db } from "../db/client";
import { LEASE_MS, MAX_CHATS_IN_FLIGHT, MAX_ROWS_PER_USER_CLAIM, PER_CHAT_INTERVAL_MS } from "../domain/notifications/delivery";
import { type OutboxItem, type OutboxKind, SYNC_PROBLEMS, isOutboxKind } from "../domain/notifications/types";

/**
 * One statement, so D1 runs it atomically: pick users with due rows that no run is serving (no
 * live lease) and that are not cooling down, at most MAX_CHATS_IN_FLIGHT minus the chats already
 * busy everywhere, and lease their due rows (oldest first, MAX_ROWS_PER_USER_CLAIM each).
 * ?1 now, ?2 lease end, ?3 max chats, ?4 rows per user.
 */
export const CLAIM_SQL = `
WITH busy AS (
  SELECT DISTINCT user_id FROM notification_outbox
  WHERE (status IN ('pending', 'held') AND not_before_at > ?1 AND sent_at IS NOT NULL)
     OR (status = 'sent' AND not_before_at > ?1)
),
cand AS (
  SELECT user_id FROM notification_outbox
  WHERE status IN ('pending', 'held') AND not_before_at <= ?1 AND user_id NOT IN (SELECT user_id FROM busy)
  GROUP BY user_id
  ORDER BY min(not_before_at), user_id
  LIMIT max(0, ?3 - (SELECT count(*) FROM busy))
),
picked AS (
  SELECT id FROM (
    SELECT id, row_number() OVER (PARTITION BY user_id ORDER BY not_before_at, id) AS rn
    FROM notification_outbox
    WHERE status IN ('pending', 'held') AND not_before_at <= ?1 AND user_id IN (SELECT user_id FROM cand)
  ) WHERE rn <= ?4
)
UPDATE notification_outbox SET sent_at = ?1, not_before_at = ?2
WHERE id IN (SELECT id FROM picked)
RETURNING id, user_id AS userId, cabinet_id AS cabinetId, kind, dedupe_key AS dedupeKey, payload, attempts, created_at AS createdAt`;

export interface ClaimedRow {
  id: number;
  userId: number;
  cabinetId: string | null;
  kind: string;
  dedupeKey: string;
  payload: string;
  attempts: number;
  createdAt: number;
}

export interface Claim {
  /** The lease marker written to sent_at (finalizing updates check it). */
  at: number;
  rows: ClaimedRow[];
}

export async function claimDue(db: Db, now: Date, maxChats = MAX_CHATS_IN_FLIGHT): Promise<Claim> {
  const at = now.getTime();
  const { results } = await db.$client.prepare(CLAIM_SQL).bind(at, at + LEASE_MS, maxChats, MAX_ROWS_PER_USER_CLAIM).all<ClaimedRow>();
  return { at, rows: results };
}

// --- payloads ---------------------------------------------------------------------------------------

const str = z.string().nullable().catch(null);
const flag = z.union([z.boolean(), z.number()]).transform((v) => Boolean(v));

const PAYLOADS = {
  new_order: z.object({
    srid: z.string(),
    at: z.number(),
    price: z.number(),
    cancelled: flag,
    article: str,
    nmId: z.number(),
    size: str,
    subject: str,
    brand: str,
    region: str,
    okrug: str,
    country: str,
    warehouse: str,
  }),
  new_review: z.object({
    id: z.string(),
    nmId: z.number(),
    rating: z.number(),
    text: str,
    pros: str,
    cons: str,
    product: str,
    article: str,
    size: str,
    author: str,
    at: z.number(),
  }),
  new_question: z.object({ id: z.string(), nmId: z.number(), text: str, product: str, article: str, at: z.number() }),
  stock_low: z.object({
    chrtId: z.number(),
    nmId: z.number(),
    article: str,
    title: str,
    size: str,
    units: z.number(),
    daysOfStock: z.number().nullable(),
    avgDailyOrders: z.number(),
    thresholdDays: z.number(),
  }),
  sync_problem: z.object({
    problem: z.enum(SYNC_PROBLEMS),
    dataset: str,
    message: str,
    expiresAt: z.number().nullable().catch(null),
    failures: z.number().nullable().catch(null),
  }),
  daily_summary: z.object({ day: z.string() }),
  weekly_digest: z.object({ from: z.string(), to: z.string() }),
} as const;

function schemaOf(kind: OutboxKind): z.ZodType {
  return kind === "stock_zero" ? PAYLOADS.stock_low : PAYLOADS[kind];
}

/** A claimed row as a typed item, or null when it cannot be read (unknown kind, bad payload, no cabinet). */
export function parseClaimed(row: ClaimedRow): OutboxItem | null {
  if (!isOutboxKind(row.kind) || row.cabinetId === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(row.payload);
  } catch {
    return null;
  }
  const parsed = schemaOf(row.kind).safeParse(json);
  if (!parsed.success) return null;
  // The schema table is keyed by kind, so the payload matches the row's kind.
  return { id: row.id, userId: row.userId, cabinetId: row.cabinetId, kind: row.kind, payload: parsed.data, createdAt: row.createdAt, attempts: row.attempts } as OutboxItem;
}

// --- fates ------------------------------------------------------------------------------------------

const ids = (list: readonly number[]) => sql`${notificationOutbox.id} IN (SELECT value FROM json_each(${JSON.stringify(list)}))`;
const open = sql`${notificationOutbox.status} IN ('pending', 'held')`;

/** Sent: the chat may receive its next message PER_CHAT_INTERVAL_MS later (see the header). */
export function markSent(db: Db, rowIds: readonly number[], sentAt: Date): BatchItem<"sqlite"> {
  return db
    .update(notificationOutbox)
    .set({ status: "sent", sentAt, notBeforeAt: new Date(sentAt.getTime() + PER_CHAT_INTERVAL_MS), lastError: null })
    .where(sql`${ids(rowIds)} AND ${open}`);
}

/** Quiet hours: due again when they end. */
export function markHeld(db: Db, rowIds: readonly number[], until: Date): BatchItem<"sqlite"> {
  return db.update(notificationOutbox).set({ status: "held", notBeforeAt: until, sentAt: null }).where(sql`${ids(rowIds)} AND ${open}`);
}

export function markSkipped(db: Db, rowIds: readonly number[], reason: string): BatchItem<"sqlite"> {
  return db.update(notificationOutbox).set({ status: "skipped", lastError: reason, sentAt: null }).where(sql`${ids(rowIds)} AND ${open}`);
}

export function markFailed(db: Db, rowIds: readonly number[], error: string, attempts: number): BatchItem<"sqlite"> {
  return db.update(notificationOutbox).set({ status: "failed", lastError: error, attempts, sentAt: null }).where(sql`${ids(rowIds)} AND ${open}`);
}

/** Back to the queue (lease given up): due at `at`; `attempts`/`error` when a send failed. */
export function markRetry(db: Db, rowIds: readonly number[], at: Date, failure?: { attempts: number; error: string }): BatchItem<"sqlite"> {
  return db
    .update(notificationOutbox)
    .set({ notBeforeAt: at, sentAt: null, ...(failure ? { attempts: failure.attempts, lastError: failure.error } : {}) })
    .where(sql`${ids(rowIds)} AND ${open}`);
}

/**
 * Telegram said the user blocked the bot: pause their notifications (the bot lifts the pause when
 * they write again) and drop everything queued for them, so nothing old floods in on return.
 */
export function pauseUserStatements(db: Db, userId: number, now: Date, reason: string): [BatchItem<"sqlite">, BatchItem<"sqlite">] {
  return [
    db.update(users).set({ notificationsPaused: true, notificationsPausedReason: "blocked", notificationsPausedAt: now }).where(sql`${users.id} = ${userId}`),
    db
      .update(notificationOutbox)
      .set({ status: "skipped", lastError: reason, sentAt: null })
      .where(sql`${notificationOutbox.userId} = ${userId} AND ${open}`),
  ];
}

export async function runAll(db: Db, statements: BatchItem<"sqlite">[]): Promise<void> {
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/** The earliest time any queued row is due (leases included: a dead run's rows are due at its lease end). */
export async function nextDueAt(db: Db): Promise<Date | null> {
  const row = await db.$client
    .prepare(
      `SELECT min(at) AS at FROM (
         SELECT min(not_before_at) AS at FROM notification_outbox WHERE status = 'pending'
         UNION ALL SELECT min(not_before_at) FROM notification_outbox WHERE status = 'held')`,
    )
    .first<{ at: number | null }>();
  return row?.at === null || row?.at === undefined ? null : new Date(row.at);
}

/** Rows older than this are deleted by the daily cron, whatever their status. */
export const OUTBOX_RETENTION_MS = 35 * 24 * 60 * 60 * 1000;

/**
 * Deletes rows older than the retention, in slices: finished ones, and ones that could never be
 * sent (no bot configured for a month) — news that old is no news. Keys of orders, reviews and
 * questions cannot come back after that (they are detected only when first stored); stock and
 * summary keys carry their day, token keys outlive the 14-day warning window.
 */
export async function pruneOutbox(db: Db, now: Date, maxSlices = 20): Promise<number> {
  const before = now.getTime() - OUTBOX_RETENTION_MS;
  let deleted = 0;
  for (let i = 0; i < maxSlices; i++) {
    const res = await db.$client
      .prepare(
        `DELETE FROM notification_outbox WHERE id IN (
           SELECT id FROM notification_outbox
           WHERE status IN ('sent', 'skipped', 'failed', 'pending', 'held') AND not_before_at < ?1 LIMIT 5000)`,
      )
      .bind(before)
      .run();
    deleted += res.meta.changes;
    if (res.meta.changes < 5000) break;
  }
  return deleted;
}
