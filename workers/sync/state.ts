// sync_state bookkeeping for the pipeline (workers/jobs/): claiming due datasets, the cursor update
// that rides in the same db.batch() as a page's writes, and recording failures in plain Russian.
//
// Lifecycle of a row's columns during a run:
// - in_flight_since: set when a run is claimed (cron or "sync now"), refreshed on every committed
//   page (a heartbeat), cleared when the run completes, is disabled, or ends in the DLQ. A run whose
//   heartbeat and next_due_at are both older than STALE_IN_FLIGHT_MS is considered dead and may be
//   claimed again (its cursor is kept, so the new run resumes where it stopped).
// - next_due_at: when the next page is expected to run: now for a continuation, the gate's or
//   WB's wait for a delayed page, the backoff for a retried page, and now + refreshEveryMs after a
//   completed run.
// - cursor: advanced only together with the page's rows (one transaction). The update asserts the
//   cursor it starts from (compare-and-swap), so of two deliveries of one page only one commits.

import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";

import { type JsonValue, type SyncDataset, type SyncState, cabinets, syncState } from "../../db/schema";
import type { Db } from "../db/client";
import type { PageResult } from "./dataset";
import { cursorKey } from "./messages";

/** A run with no sign of life for this long is presumed dead (its consumer crashed). */
export const STALE_IN_FLIGHT_MS = 15 * 60 * 1000;

export interface SyncKey {
  cabinetId: string;
  dataset: SyncDataset;
}

const keyWhere = (key: SyncKey) => and(eq(syncState.cabinetId, key.cabinetId), eq(syncState.dataset, key.dataset));

export async function loadSyncState(db: Db, key: SyncKey): Promise<SyncState | null> {
  const [row] = await db.select().from(syncState).where(keyWhere(key));
  return row ?? null;
}

/** Creates missing sync_state rows (cabinets connected by workers/cabinets/connect.ts have them all). */
export async function ensureSyncStates(db: Db, cabinetId: string, datasets: readonly SyncDataset[], now: Date): Promise<void> {
  if (datasets.length === 0) return;
  await db
    .insert(syncState)
    .values(datasets.map((dataset) => ({ cabinetId, dataset, nextDueAt: now })))
    .onConflictDoNothing();
}

/** SQL: the row's run is alive (claimed and heard from within STALE_IN_FLIGHT_MS). */
function inFlightAlive(staleBefore: Date) {
  return and(
    sql`${syncState.inFlightSince} IS NOT NULL`,
    or(sql`${syncState.inFlightSince} >= ${staleBefore.getTime()}`, sql`${syncState.nextDueAt} >= ${staleBefore.getTime()}`),
  );
}

export interface ClaimedRow extends SyncKey {
  cursor: JsonValue | null;
}

/**
 * Claims (marks in flight) up to `limit` due rows of active cabinets whose run is not alive, in one
 * UPDATE … RETURNING, so two overlapping cron runs cannot both claim a row.
 */
export async function claimDueSyncs(db: Db, now: Date, datasets: readonly SyncDataset[], limit: number): Promise<ClaimedRow[]> {
  if (datasets.length === 0) return [];
  const staleBefore = new Date(now.getTime() - STALE_IN_FLIGHT_MS);
  const due = db
    .select({ rowid: sql`${syncState}.rowid` })
    .from(syncState)
    .innerJoin(cabinets, eq(cabinets.id, syncState.cabinetId))
    .where(
      and(
        eq(cabinets.status, "active"),
        inArray(syncState.dataset, [...datasets]),
        or(isNull(syncState.nextDueAt), lte(syncState.nextDueAt, now)),
        sql`NOT (${inFlightAlive(staleBefore)})`,
      ),
    )
    .orderBy(syncState.nextDueAt)
    .limit(limit);
  return db
    .update(syncState)
    .set({ inFlightSince: now })
    .where(inArray(sql`rowid`, due))
    .returning({ cabinetId: syncState.cabinetId, dataset: syncState.dataset, cursor: syncState.cursor });
}

/**
 * "Sync now": claims the cabinet's listed datasets that have no live run, due or not, and makes
 * them due now. Returns the claimed rows; the others are in flight.
 */
export async function claimNow(db: Db, cabinetId: string, datasets: readonly SyncDataset[], now: Date): Promise<ClaimedRow[]> {
  if (datasets.length === 0) return [];
  const staleBefore = new Date(now.getTime() - STALE_IN_FLIGHT_MS);
  return db
    .update(syncState)
    .set({ inFlightSince: now, nextDueAt: now })
    .where(
      and(eq(syncState.cabinetId, cabinetId), inArray(syncState.dataset, [...datasets]), sql`NOT (${inFlightAlive(staleBefore)})`),
    )
    .returning({ cabinetId: syncState.cabinetId, dataset: syncState.dataset, cursor: syncState.cursor });
}

/** Gives claimed rows back (their messages could not be sent), so the next cron tick retries them. */
export async function releaseClaims(db: Db, keys: readonly SyncKey[]): Promise<void> {
  const [first, ...rest] = keys.map((key) => db.update(syncState).set({ inFlightSince: null }).where(keyWhere(key)));
  if (first) await db.batch([first, ...rest]);
}

/** The run for `key` is waiting (gate, 429): its next page is due at `nextDueAt`; still in flight. */
export function deferStatement(db: Db, key: SyncKey, nextDueAt: Date, note?: { message: string; now: Date }) {
  return db
    .update(syncState)
    .set({ nextDueAt, ...(note ? { lastError: note.message, lastErrorAt: note.now, lastAttemptAt: note.now } : {}) })
    .where(keyWhere(key));
}

export interface FailureRecord {
  /** Russian, for the seller. */
  message: string;
  now: Date;
  nextDueAt: Date;
  /** The run ends here (disabled dataset, revoked token, DLQ); otherwise it stays in flight. */
  endRun: boolean;
  /** Counts towards consecutive_failures (a refusal that is not WB's fault does not). */
  countFailure: boolean;
}

export function failureStatement(db: Db, key: SyncKey, f: FailureRecord) {
  return db
    .update(syncState)
    .set({
      lastError: f.message,
      lastErrorAt: f.now,
      lastAttemptAt: f.now,
      nextDueAt: f.nextDueAt,
      ...(f.countFailure ? { consecutiveFailures: sql`${syncState.consecutiveFailures} + 1` } : {}),
      ...(f.endRun ? { inFlightSince: null } : {}),
    })
    .where(keyWhere(key));
}

export interface PageCommit {
  key: SyncKey;
  /** The cursor the page started from; the update fails (and with it the batch) if the row moved on. */
  fromCursor: JsonValue | null;
  page: PageResult;
  now: Date;
  /** When the run completes with this page: now + refreshEveryMs(tier). */
  nextRunAt: Date;
  /** When the continuation is due (now, or later when the gate says wait); ignored on completion. */
  continueAt: Date;
}

/**
 * The sync_state update for a committed page, for the same db.batch() as the page's writes.
 *
 * It doubles as the batch's guard: if sync_state.cursor is no longer the cursor the page started
 * from (another delivery of the same page committed first), rows_total is set to NULL, the NOT NULL
 * constraint fails, and D1 rolls back the whole batch, page writes included. SQLite evaluates every
 * SET expression against the old row, so the CASE sees the cursor before this update.
 */
export function pageCommitStatement(db: Db, c: PageCommit): BatchItem<"sqlite"> {
  const complete = c.page.nextCursor === null;
  const startsRun = c.fromCursor === null;
  const expected = cursorKey(c.fromCursor);
  return db
    .update(syncState)
    .set({
      cursor: c.page.nextCursor,
      rowsTotal: sql`CASE WHEN ${syncState.cursor} IS ${expected} THEN ${syncState.rowsTotal} + ${c.page.rows} ELSE NULL END`,
      lastRunRows: startsRun ? c.page.rows : sql`${syncState.lastRunRows} + ${c.page.rows}`,
      ...(c.page.backfillProgress !== undefined ? { backfillProgress: Math.min(1, Math.max(0, c.page.backfillProgress)) } : {}),
      ...(c.page.backfillDone ? { backfillDone: true, backfillProgress: 1 } : {}),
      lastAttemptAt: c.now,
      lastError: null,
      lastErrorAt: null,
      consecutiveFailures: 0,
      ...(complete
        ? { lastSuccessAt: c.now, nextDueAt: c.nextRunAt, inFlightSince: null }
        : { nextDueAt: c.continueAt, inFlightSince: c.now }),
    })
    .where(keyWhere(c.key));
}
