// Derived figures the dashboard shows beside WB's own: pure functions of rollup totals and stock
// levels, so they are unit-tested and computed the same on every page.

/**
 * Buyout rate, %: units bought out against all units whose fate is known in the period —
 * bought out, cancelled (or refused at the pickup point) and returned. null without any.
 */
export function buyoutPercent(t: { salesCount: number; cancelsCount: number; returnsCount: number }): number | null {
  const decided = t.salesCount + t.cancelsCount + t.returnsCount;
  if (decided <= 0) return null;
  return (t.salesCount / decided) * 100;
}

/** How many days of sales a replenishment should cover. */
export const REPLENISH_TARGET_DAYS = 30;

/**
 * Units to send to WB's warehouses so the size lasts `targetDays` at its average daily orders;
 * null when the size had no orders (no demand to plan for), 0 when stock already covers it.
 */
export function replenishUnits(avgDailyOrders: number, units: number, targetDays = REPLENISH_TARGET_DAYS): number | null {
  if (!(avgDailyOrders > 0)) return null;
  return Math.max(0, Math.ceil(avgDailyOrders * targetDays - Math.max(0, units) - 1e-9));
}
