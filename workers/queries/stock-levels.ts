// Stock per size (chrtID) with days of stock, shared by the dashboard summary (counts) and the
// stocks list (rows), so the two always agree.
//
// Both inputs are too big to read on every dashboard request (budget: p95 ≤ 10 ms on a cabinet with
// a million orders and 5,000 sizes): demand per size needs 30 days of raw orders (~330,000 rows; the
// rollups are per card, not per size), and the stock itself is 5,000 rows. Both change only when a
// sync writes them, so the computed levels are kept in this isolate and reused while a cheap
// fingerprint stays the same:
// - demand: the demand window (whole Moscow days ending yesterday, so it moves once a day) and the
//   window's cabinet-wide rollups (per-day order and cancel counts, rebuilt in the same batch as
//   every orders page); without rollups, the orders sync counters instead;
// - stock: the stocks sync counters (every committed page bumps rows_total and last_attempt_at)
//   and the number of stock rows.
// - active cards (summary): the levels above, the cards sync counters and the number of cards.
// Rows written outside the sync pipeline without touching either are not noticed until the next
// sync; nothing in the product writes them that way.

import type { SyncDataset } from "../../db/schema";
import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { moscowDayStart } from "../domain/calendar-day";
import { type DayRange, moscowDayEnd } from "../domain/moscow-periods";
import { DEMAND_WINDOW_DAYS, type SizeStock, type StockThresholds, sizeStock } from "../domain/stock-status";
import { FingerprintCache } from "./fingerprint-cache";

export interface SizeDemand {
  nmId: number;
  techSize: string | null;
  /** Orders in the window, cancellations excluded (a cancelled unit goes back to stock). */
  orders: number;
}

export type DemandByChrt = ReadonlyMap<number, SizeDemand>;

/**
 * Orders per size in the window. Orders carry nmID and techSize, not chrtID, so they are matched
 * to card sizes on (nm_id, tech_size); orders of sizes whose card is not synced yet are left out.
 */
export const SIZE_DEMAND_SQL = `
SELECT ps.chrt_id AS chrtId, ps.nm_id AS nmId, ps.tech_size AS techSize, o.n AS n
FROM (
  SELECT nm_id, tech_size, count(*) AS n FROM orders
  WHERE cabinet_id = ?1 AND ordered_at >= ?2 AND ordered_at < ?3 AND is_cancel = 0
  GROUP BY nm_id, tech_size
) AS o
JOIN product_sizes AS ps ON ps.cabinet_id = ?1 AND ps.nm_id = o.nm_id AND ps.tech_size = o.tech_size`;

/** Cabinet-wide rollup rows of the window's days (the demand fingerprint), one index seek per day. */
export const WINDOW_ROLLUPS_SQL = `
SELECT day, orders_count AS n, cancels_count AS c FROM daily_rollups
WHERE cabinet_id = ?1 AND nm_id = 0 AND day IN (SELECT value FROM json_each(?2))`;

/** Stock per size, summed over warehouses. */
export const STOCK_BY_SIZE_SQL = `
SELECT chrt_id AS chrtId, nm_id AS nmId, sum(quantity) AS quantity, sum(in_way_to_client) AS inWayToClient,
       sum(in_way_from_client) AS inWayFromClient
FROM stock_snapshots WHERE cabinet_id = ?1 GROUP BY chrt_id`;

/** Number of stock rows: part of the stock fingerprint (an index-only count). */
export const STOCK_COUNT_SQL = `SELECT count(*) AS n FROM stock_snapshots WHERE cabinet_id = ?1`;

/** Number of cards: part of the products fingerprint and the summary's total (an index-only count). */
export const PRODUCT_COUNT_SQL = `SELECT count(*) AS n FROM products WHERE cabinet_id = ?1`;

/** The cabinet's card ids: read only when the active-card count below is not cached. */
export const PRODUCT_IDS_SQL = `SELECT nm_id AS nmId FROM products WHERE cabinet_id = ?1`;

/** Every dataset's sync counters: freshness, and the fingerprints above. */
export const SYNC_MARKS_SQL = `
SELECT dataset, last_success_at AS lastSuccessAt, last_attempt_at AS lastAttemptAt, rows_total AS rowsTotal
FROM sync_state WHERE cabinet_id = ?1`;

export interface SyncMark {
  dataset: SyncDataset;
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  rowsTotal: number;
}

export interface WindowDay {
  day: string;
  n: number;
  c: number;
}

const markKey = (m: SyncMark | undefined) => (m ? `${m.rowsTotal}@${m.lastSuccessAt ?? ""}@${m.lastAttemptAt ?? ""}` : "-");

export function demandFingerprint(window: DayRange, windowDays: readonly WindowDay[], marks: readonly SyncMark[]): string {
  const days = [...windowDays].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  // Rollups say exactly when the window's orders change; only without them fall back to the
  // orders sync counters (which also move for today's orders, outside the window).
  const source = days.length > 0 ? days.map((d) => `${d.day}:${d.n}:${d.c}`).join(",") : markKey(marks.find((m) => m.dataset === "orders"));
  return `${window.from}..${window.to}|${source}`;
}

export function stockFingerprint(marks: readonly SyncMark[], stockRows: number): string {
  return `${markKey(marks.find((m) => m.dataset === "stocks"))}|${stockRows}`;
}

/** The cards sync counters (every committed page bumps them) and the number of cards. */
export function productsFingerprint(marks: readonly SyncMark[], productRows: number): string {
  return `${markKey(marks.find((m) => m.dataset === "cards"))}|${productRows}`;
}


const demandCache = new FingerprintCache<DemandByChrt>(256);
const levelsCache = new FingerprintCache<SizeLevel[]>(256);

async function sizeDemand(db: Db, auth: AuthorizedCabinet, window: DayRange, fingerprint: string): Promise<DemandByChrt> {
  const cached = demandCache.get(auth.cabinet.id, fingerprint);
  if (cached) return cached;
  const { results } = await db.$client
    .prepare(SIZE_DEMAND_SQL)
    .bind(auth.cabinet.id, moscowDayStart(window.from).getTime(), moscowDayEnd(window.to).getTime())
    .all<{ chrtId: number; nmId: number; techSize: string | null; n: number }>();
  const demand = new Map<number, SizeDemand>();
  for (const r of results) {
    const prev = demand.get(r.chrtId);
    demand.set(r.chrtId, { nmId: r.nmId, techSize: r.techSize, orders: (prev?.orders ?? 0) + r.n });
  }
  demandCache.set(auth.cabinet.id, fingerprint, demand);
  return demand;
}

export interface LevelsRequest {
  window: DayRange;
  demandFingerprint: string;
  stockFingerprint: string;
  thresholds: StockThresholds;
}

/** Every size's level, from the isolate cache while both fingerprints hold. Do not mutate the result. */
export async function cabinetSizeLevels(db: Db, auth: AuthorizedCabinet, req: LevelsRequest): Promise<readonly SizeLevel[]> {
  const fingerprint = `${req.demandFingerprint}|${req.stockFingerprint}|${req.thresholds.criticalDays}/${req.thresholds.attentionDays}`;
  const cached = levelsCache.get(auth.cabinet.id, fingerprint);
  if (cached) return cached;
  const [demand, stock] = await Promise.all([
    sizeDemand(db, auth, req.window, req.demandFingerprint),
    db.$client.prepare(STOCK_BY_SIZE_SQL).bind(auth.cabinet.id).all<StockRowInput>(),
  ]);
  const levels = sizeLevels(stock.results, demand, req.thresholds);
  levelsCache.set(auth.cabinet.id, fingerprint, levels);
  return levels;
}

/**
 * Active cards among the cabinet's known cards (products): those with a size in stock now or
 * ordered in the demand window. Kept per levels array (a new array whenever the levels are
 * recomputed) while the products fingerprint holds, so the card ids are read only after a cards
 * sync or a change of the levels, not on every summary.
 */
const activeCardsCache = new WeakMap<readonly SizeLevel[], { fingerprint: string; active: number }>();

export async function activeProductCount(db: Db, auth: AuthorizedCabinet, levels: readonly SizeLevel[], productsFingerprint: string): Promise<number> {
  const hit = activeCardsCache.get(levels);
  if (hit && hit.fingerprint === productsFingerprint) return hit.active;
  const { results } = await db.$client.prepare(PRODUCT_IDS_SQL).bind(auth.cabinet.id).all<{ nmId: number }>();
  const activeNm = new Set<number>();
  for (const l of levels) if (l.units > 0 || l.ordersInWindow > 0) activeNm.add(l.nmId);
  let active = 0;
  for (const r of results) if (activeNm.has(r.nmId)) active++;
  activeCardsCache.set(levels, { fingerprint: productsFingerprint, active });
  return active;
}

/** Forgets a cabinet's cached levels (used when the cabinet is disconnected). */
export function forgetCabinetLevels(cabinetId: string): void {
  demandCache.delete(cabinetId);
  levelsCache.delete(cabinetId);
}

export interface StockRowInput {
  chrtId: number;
  nmId: number;
  quantity: number;
  inWayToClient: number;
  inWayFromClient: number;
}

export interface SizeLevel extends SizeStock {
  chrtId: number;
  nmId: number;
  quantity: number;
  inWayToClient: number;
  inWayFromClient: number;
  ordersInWindow: number;
  techSize: string | null;
}

/**
 * Every size worth a status: those WB reports stock rows for, and those ordered in the window
 * without a stock row (sold out: WB's stock report leaves out what it no longer holds).
 */
export function sizeLevels(stock: readonly StockRowInput[], demand: DemandByChrt, t: StockThresholds): SizeLevel[] {
  const out: SizeLevel[] = [];
  const seen = new Set<number>();
  const level = (s: StockRowInput, ordersInWindow: number, techSize: string | null): SizeLevel => ({
    ...s,
    ordersInWindow,
    techSize,
    ...sizeStock({ quantity: s.quantity, inWayToClient: s.inWayToClient, ordersInWindow, windowDays: DEMAND_WINDOW_DAYS }, t),
  });
  for (const s of stock) {
    seen.add(s.chrtId);
    const d = demand.get(s.chrtId);
    out.push(level(s, d?.orders ?? 0, d?.techSize ?? null));
  }
  for (const [chrtId, d] of demand) {
    if (seen.has(chrtId) || d.orders <= 0) continue;
    out.push(level({ chrtId, nmId: d.nmId, quantity: 0, inWayToClient: 0, inWayFromClient: 0 }, d.orders, d.techSize));
  }
  return out;
}
