// How many orders the sandbox seller gets and when: a daily level around 200 orders, weekly and
// yearly seasonality, a day-to-day wobble, and an intraday curve with an evening peak (Moscow
// time). Per-card demand follows the card's popularity and its subject's season (jackets in
// autumn, dresses in summer).

import type { CatalogItem } from "./catalog";
import { cumulative, rngFor } from "./random";
import { dayOfYear, mskDayStart, weekdayOfDay } from "./time";
import type { World } from "./world";

/** Mean orders per day before stock-outs drop some (they remove a few percent). */
export const BASE_DAILY_ORDERS = 205;

/** Monday … Sunday: Sunday evenings are the busiest, Friday and Saturday the quietest. */
const WEEKDAY = [1.03, 1.01, 1.0, 0.98, 0.95, 0.93, 1.08];

/** Relative orders per Moscow hour on working days: quiet nights, lunch bump, peak at 20–22. */
const HOURS_WEEKDAY = normalize([1.2, 0.7, 0.45, 0.3, 0.25, 0.3, 0.6, 1.4, 2.6, 3.6, 4.4, 4.9, 5.2, 5.3, 5.2, 5.1, 5.2, 5.6, 6.1, 6.8, 7.4, 7.6, 6.6, 4.3]);
/** Weekends start later and stay busy through the afternoon. */
const HOURS_WEEKEND = normalize([1.6, 1.0, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.6, 2.8, 4.0, 5.0, 5.6, 5.8, 5.7, 5.5, 5.5, 5.7, 6.1, 6.7, 7.2, 7.3, 6.4, 4.6]);

function normalize(xs: number[]): number[] {
  const total = xs.reduce((a, b) => a + b, 0);
  return xs.map((x) => x / total);
}

/** Expected orders on a Moscow day. */
export function dailyOrderRate(seed: number, day: number): number {
  const annual = 1 + 0.05 * Math.cos((2 * Math.PI * (dayOfYear(day) - 330)) / 365);
  const wobble = Math.exp(rngFor(seed, "day-level", day).normal(0, 0.05));
  return BASE_DAILY_ORDERS * (WEEKDAY[weekdayOfDay(day)] as number) * annual * wobble;
}

/** Share of a day's orders placed in a Moscow hour. */
export function hourShare(day: number, hour: number): number {
  const curve = weekdayOfDay(day) >= 5 ? HOURS_WEEKEND : HOURS_WEEKDAY;
  return curve[hour] as number;
}

/** Demand multiplier of a subject on a day of the year. */
export function seasonFactor(item: CatalogItem, day: number): number {
  const s = item.subject;
  return 1 + s.seasonAmp * Math.cos((2 * Math.PI * (dayOfYear(day) - s.seasonPeakDoy)) / 365);
}

/** Cumulative card weights for a day (cached): popularity × season, zero before the card exists. */
export function cardWeightsForDay(world: World, day: number): Float64Array {
  let cum = world.dayWeights.get(day);
  if (!cum) {
    const dayEndMs = mskDayStart(day + 1);
    cum = cumulative(world.catalog.items.map((i) => (i.createdMs < dayEndMs ? i.popularity * seasonFactor(i, day) : 0)));
    if (world.dayWeights.size > 400) world.dayWeights.clear();
    world.dayWeights.set(day, cum);
  }
  return cum;
}

/** Average orders per day of one size of a card, ignoring seasons (sizes the stock model). */
export function meanDailyRate(world: World, item: CatalogItem, sizeShare: number): number {
  return BASE_DAILY_ORDERS * (item.popularity / world.totalPopularity) * sizeShare;
}
