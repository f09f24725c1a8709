// Days of stock and the stock status of one size. A deliberately simple estimate: units on hand
// divided by the average daily orders of the last 30 days. It ignores out-of-stock days (a size that
// sold out three weeks ago looks slow); the forecasting work replaces the demand figure, not this
// interface.

/** Days of orders the demand average is taken over. */
export const DEMAND_WINDOW_DAYS = 30;
/** Fewer days of stock than this is critical, unless the user chose another threshold. */
export const DEFAULT_CRITICAL_DAYS = 7;

export type StockStatus = "critical" | "zero" | "low" | "ok";

/** How statuses sort in lists: the ones a seller can still save first, then sold out, then the rest. */
export const STOCK_STATUS_ORDER: Record<StockStatus, number> = { critical: 0, zero: 1, low: 2, ok: 3 };

export interface StockThresholds {
  /** daysOfStock < criticalDays → critical. */
  criticalDays: number;
  /** daysOfStock < attentionDays → low (needs attention soon). Twice the critical threshold. */
  attentionDays: number;
}

export function stockThresholds(criticalDays: number = DEFAULT_CRITICAL_DAYS): StockThresholds {
  return { criticalDays, attentionDays: criticalDays * 2 };
}

export interface SizeStockInput {
  quantity: number;
  inWayToClient: number;
  /** Orders of this size in the demand window (cancelled ones excluded). */
  ordersInWindow: number;
  windowDays?: number;
}

export interface SizeStock {
  /** quantity + inWayToClient: what the estimate counts as stock. */
  units: number;
  avgDailyOrders: number;
  /** null when the size has stock but no orders in the window (it will not run out by this estimate). */
  daysOfStock: number | null;
  status: StockStatus;
}

export function daysOfStock(units: number, avgDailyOrders: number): number | null {
  if (units <= 0) return 0;
  if (avgDailyOrders <= 0) return null;
  return units / avgDailyOrders;
}

export function classifyStock(units: number, days: number | null, t: StockThresholds): StockStatus {
  if (units <= 0) return "zero";
  if (days === null) return "ok";
  if (days < t.criticalDays) return "critical";
  if (days < t.attentionDays) return "low";
  return "ok";
}

export function sizeStock(input: SizeStockInput, t: StockThresholds): SizeStock {
  const units = Math.max(0, input.quantity) + Math.max(0, input.inWayToClient);
  const avgDailyOrders = Math.max(0, input.ordersInWindow) / (input.windowDays ?? DEMAND_WINDOW_DAYS);
  const days = daysOfStock(units, avgDailyOrders);
  return { units, avgDailyOrders, daysOfStock: days, status: classifyStock(units, days, t) };
}

/** Days of stock for display: one decimal, rounded down so the estimate never promises more. */
export function displayDays(days: number | null): number | null {
  return days === null ? null : Math.floor(days * 10 + 1e-9) / 10;
}

export interface StockCounts {
  /** Sizes considered: those WB reports stock rows for, plus those ordered in the window. */
  sizes: number;
  critical: number;
  zero: number;
  low: number;
  ok: number;
  /** critical + zero + low: what the seller should look at. */
  needsAttention: number;
}

export function countStockStatuses(statuses: Iterable<StockStatus>): StockCounts {
  const c = { sizes: 0, critical: 0, zero: 0, low: 0, ok: 0 };
  for (const s of statuses) {
    c.sizes++;
    c[s]++;
  }
  return { ...c, needsAttention: c.critical + c.zero + c.low };
}
