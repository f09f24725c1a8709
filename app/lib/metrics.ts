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
