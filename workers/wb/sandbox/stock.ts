// Stock of each size at WB warehouses as a pure function of time: every size is resupplied in
// cycles of 3–8 weeks; stock falls with demand through a cycle and some cycles end with a
// stock-out gap before the next supply arrives. Orders are not placed for a size while it is out
// of stock (orders.ts asks inStock), so the order history shows the same stock-outs that a demand
// forecast has to correct for.

import type { CatalogItem, CatalogSize } from "./catalog";
import { meanDailyRate } from "./demand";
import { keyOf, unit } from "./random";
import { DAY_MS } from "./time";
import type { World } from "./world";

interface Cycle {
  index: number;
  startMs: number;
  lengthMs: number;
  /** Fraction of the cycle at its end during which the size is out of stock (0 = none). */
  gapFrac: number;
}

export function cycleAt(world: World, item: CatalogItem, size: CatalogSize, ms: number): Cycle {
  const seed = world.seed;
  // A third of the cards are restocked as a whole (one cut of fabric for every size), so they run
  // out as a whole too; the rest are restocked size by size.
  const key = unit(seed, "restock-whole", item.nmID) < 0.33 ? item.nmID : size.chrtID;
  const lengthDays = 20 + 35 * unit(seed, "cycle-len", key);
  const phaseDays = lengthDays * unit(seed, "cycle-phase", key);
  const index = Math.floor((ms / DAY_MS + phaseDays) / lengthDays);
  const startMs = (index * lengthDays - phaseDays) * DAY_MS;
  const g = unit(seed, "cycle-gap", key, index);
  const gapFrac = g < 0.3 ? 0.06 + 0.8 * g : 0;
  return { index, startMs, lengthMs: lengthDays * DAY_MS, gapFrac };
}

/** Whether the size can be ordered at `ms`. */
export function inStock(world: World, item: CatalogItem, size: CatalogSize, ms: number): boolean {
  const c = cycleAt(world, item, size, ms);
  return (ms - c.startMs) / c.lengthMs < 1 - c.gapFrac;
}

/** Units available to buyers at WB warehouses at `ms`. */
export function stockQuantity(world: World, item: CatalogItem, size: CatalogSize, ms: number): number {
  const c = cycleAt(world, item, size, ms);
  const p = (ms - c.startMs) / c.lengthMs;
  if (p >= 1 - c.gapFrac) return 0;
  const rate = meanDailyRate(world, item, size.share);
  const daysLeft = (c.lengthMs / DAY_MS) * (1 - c.gapFrac - p);
  const wobble = 0.85 + 0.3 * unit(world.seed, "stock-wobble", size.chrtID, c.index);
  // A floor the seller keeps even for slow sizes, used up over the cycle.
  const baseline = (1 + 5 * unit(world.seed, "stock-base", size.chrtID)) * (1 - p);
  const safety = c.gapFrac === 0 ? 1 + (keyOf(world.seed, "stock-safety", size.chrtID, c.index) % 4) : 0;
  return Math.max(0, Math.round(rate * daysLeft * wobble + baseline + safety));
}

/**
 * `incomeID` (the supply an order's unit came from): the seller ships one supply a week, so every
 * size restocked in the same week shares its number.
 */
export function incomeIdAt(world: World, item: CatalogItem, size: CatalogSize, ms: number): number {
  const c = cycleAt(world, item, size, ms);
  const week = Math.floor(c.startMs / (7 * DAY_MS));
  return 24_500_000 + week * 311 + (keyOf(world.seed, "supply", week) % 97);
}
