// Stock per size (chrtID) with days of stock, shared by the dashboard summary (counts) and the
// stocks list (rows), so the two always agree.
//
// Demand per size needs the raw orders of 30 days (the rollups are per card, not per size): on a
// cabinet with a million orders that is ~330,000 rows, far too slow for every dashboard request.
// The window is whole Moscow days ending yesterday, so its demand only changes when orders inside
// it change; it is computed once and kept in this isolate, keyed by a fingerprint of the window's
// cabinet-wide rollups (per-day order and cancel counts) and of the orders sync counters. A sync
// that adds or cancels orders changes them; a new Moscow day moves the window.

import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { moscowDayStart } from "../domain/calendar-day";
import { type DayRange, moscowDayEnd } from "../domain/moscow-periods";
import { DEMAND_WINDOW_DAYS, type SizeStock, type StockThresholds, sizeStock } from "../domain/stock-status";

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

/** Cabinet-wide rollup rows of the window's days, the demand cache's fingerprint. */
export const WINDOW_ROLLUPS_SQL = `
SELECT day, orders_count AS n, cancels_count AS c FROM daily_rollups
WHERE cabinet_id = ?1 AND nm_id = 0 AND day IN (SELECT value FROM json_each(?2))
ORDER BY day`;

/** Stock per size, summed over warehouses. */
export const STOCK_BY_SIZE_SQL = `
SELECT chrt_id AS chrtId, nm_id AS nmId, sum(quantity) AS quantity, sum(in_way_to_client) AS inWayToClient,
       sum(in_way_from_client) AS inWayFromClient
FROM stock_snapshots WHERE cabinet_id = ?1 GROUP BY chrt_id`;

/** The orders dataset's sync counters: part of the fingerprint, for cabinets without rollups yet. */
export interface OrdersSyncMark {
  rowsTotal: number;
  lastSuccessAt: number | null;
}

export function demandFingerprint(
  window: DayRange,
  days: readonly { day: string; n: number; c: number }[],
  ordersSync: OrdersSyncMark | null,
): string {
  const sync = ordersSync ? `${ordersSync.rowsTotal}@${ordersSync.lastSuccessAt ?? ""}` : "-";
  return `${window.from}..${window.to}|${sync}|` + days.map((d) => `${d.day}:${d.n}:${d.c}`).join(",");
}

interface CachedDemand {
  fingerprint: string;
  demand: DemandByChrt;
}

// Bounded so an isolate serving many cabinets keeps only the recently used ones (Map keeps
// insertion order; a hit re-inserts, so the first key is the least recently used).
const CACHE_LIMIT = 256;
const demandCache = new Map<string, CachedDemand>();

export async function sizeDemand(db: Db, auth: AuthorizedCabinet, window: DayRange, fingerprint: string): Promise<DemandByChrt> {
  const key = auth.cabinet.id;
  const hit = demandCache.get(key);
  if (hit && hit.fingerprint === fingerprint) {
    demandCache.delete(key);
    demandCache.set(key, hit);
    return hit.demand;
  }
  const { results } = await db.$client
    .prepare(SIZE_DEMAND_SQL)
    .bind(auth.cabinet.id, moscowDayStart(window.from).getTime(), moscowDayEnd(window.to).getTime())
    .all<{ chrtId: number; nmId: number; techSize: string | null; n: number }>();
  const demand = new Map<number, SizeDemand>();
  for (const r of results) {
    // Two sizes of one card with the same techSize would both match; count the units once each.
    const prev = demand.get(r.chrtId);
    demand.set(r.chrtId, { nmId: r.nmId, techSize: r.techSize, orders: (prev?.orders ?? 0) + r.n });
  }
  demandCache.delete(key);
  demandCache.set(key, { fingerprint, demand });
  while (demandCache.size > CACHE_LIMIT) {
    const oldest = demandCache.keys().next().value;
    if (oldest === undefined) break;
    demandCache.delete(oldest);
  }
  return demand;
}

/** Forgets a cabinet's cached demand (used when the cabinet is disconnected). */
export function forgetDemand(cabinetId: string): void {
  demandCache.delete(cabinetId);
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
}

/**
 * Every size worth a status: those WB reports stock rows for, and those ordered in the window
 * without a stock row (sold out: WB's stock report leaves out what it no longer holds).
 */
export function sizeLevels(stock: readonly StockRowInput[], demand: DemandByChrt, t: StockThresholds): SizeLevel[] {
  const out: SizeLevel[] = [];
  const seen = new Set<number>();
  for (const s of stock) {
    seen.add(s.chrtId);
    const ordersInWindow = demand.get(s.chrtId)?.orders ?? 0;
    out.push({
      chrtId: s.chrtId,
      nmId: s.nmId,
      quantity: s.quantity,
      inWayToClient: s.inWayToClient,
      inWayFromClient: s.inWayFromClient,
      ordersInWindow,
      ...sizeStock({ quantity: s.quantity, inWayToClient: s.inWayToClient, ordersInWindow, windowDays: DEMAND_WINDOW_DAYS }, t),
    });
  }
  for (const [chrtId, d] of demand) {
    if (seen.has(chrtId) || d.orders <= 0) continue;
    out.push({
      chrtId,
      nmId: d.nmId,
      quantity: 0,
      inWayToClient: 0,
      inWayFromClient: 0,
      ordersInWindow: d.orders,
      ...sizeStock({ quantity: 0, inWayToClient: 0, ordersInWindow: d.orders, windowDays: DEMAND_WINDOW_DAYS }, t),
    });
  }
  return out;
}
