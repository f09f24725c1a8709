// The points of the forecast chart (history + forecast band) for one card or the whole cabinet:
// what the dashboard draws and the bot summarises.

import { addDays } from "../calendar-day";
import type { DemandForecast, DemandHistory } from "./forecast";
import { nonNegative } from "./stats";

export interface ChartPoint {
  day: string;
  /** Orders that stayed (placed − cancelled so far); null on forecast days. */
  orders: number | null;
  /** Share of the card's (cabinet's) sizes out of stock that day, 0..1; null on forecast days. */
  outOfStockShare: number | null;
  /** Expected orders; null on history days. */
  forecast: number | null;
  low: number | null;
  high: number | null;
}

/**
 * The last `historyDays` days of the window and the forecast horizon, for the card `nmId` or, when
 * it is absent, the whole cabinet (bands of several cards combine as independent variances).
 */
export function forecastChart(history: DemandHistory, forecast: DemandForecast, nmId?: number, historyDays = 56): ChartPoint[] {
  const n = forecast.windowDays;
  const sizes = history.sizes.filter((s) => nmId === undefined || s.nmId === nmId);
  const censoredBySize = new Map(forecast.sizes.map((s) => [s.chrtId, s.censored]));
  const points: ChartPoint[] = [];
  for (let i = Math.max(0, n - historyDays); i < n; i++) {
    let orders = 0;
    let out = 0;
    for (const s of sizes) {
      orders += Math.max(0, (s.orders[i] ?? 0) - (s.cancelled?.[i] ?? 0));
      if (censoredBySize.get(s.chrtId)?.[i]) out++;
    }
    points.push({ day: addDays(history.start, i), orders, outOfStockShare: sizes.length > 0 ? out / sizes.length : 0, forecast: null, low: null, high: null });
  }
  const cards = forecast.cards.filter((c) => nmId === undefined || c.nmId === nmId);
  const z = forecast.options.bandZ;
  for (let h = 0; h < forecast.horizonDays; h++) {
    let f = 0;
    let variance = 0;
    for (const c of cards) {
      const daily = c.daily[h] ?? 0;
      f += daily;
      const spread = ((c.high[h] ?? daily) - daily) / z;
      variance += spread * spread;
    }
    const spread = z * Math.sqrt(variance);
    points.push({ day: addDays(forecast.firstDay, h), orders: null, outOfStockShare: null, forecast: f, low: nonNegative(f - spread), high: f + spread });
  }
  return points;
}
