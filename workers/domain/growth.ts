// Growth of a figure against the previous equal period, in whole percent.

/**
 * (current − previous) / previous × 100, rounded half away from zero to a whole percent
 * (−40.5 → −41, 40.5 → 41; plain Math.round would round −40.5 up to −40).
 * `null` when there is nothing to compare with (previous is 0): growth from zero has no percent,
 * and 0 → 0 is "no change" (0).
 */
export function growthPercent(current: number, previous: number): number | null {
  if (!Number.isFinite(current) || !Number.isFinite(previous)) return null;
  if (previous === 0) return current === 0 ? 0 : null;
  const ratio = ((current - previous) / Math.abs(previous)) * 100;
  // The epsilon absorbs float noise such as 12.4999999 that is really 12.5.
  const rounded = Math.round(Math.abs(ratio) + 1e-9);
  return ratio < 0 && rounded !== 0 ? -rounded : rounded;
}
