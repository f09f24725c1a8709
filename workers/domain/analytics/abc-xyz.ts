// ABC by revenue share and XYZ by the variability of weekly demand, and their 9-cell matrix.
//
// ABC: cards sorted by revenue, largest first; a card is A while the cumulative share BEFORE it
// is below the A threshold (so the card that crosses 80 % is still A), B while below A + B, C
// after. Only positive revenue takes part: a card whose returns exceed its sales in the period has
// no share of revenue to rank (it is C with share 0), and the positive shares sum to exactly 100 %.
//
// XYZ: coefficient of variation (population σ / mean) of weekly orders. Weeks in which the card
// was out of stock for part of the week are scaled up to seven days; weeks with fewer than
// `minInStockDays` days on sale say too little and are skipped. X ≤ 10 %, Y ≤ 25 %, Z above;
// fewer than `minWeeks` usable weeks or no orders at all leave the card unclassified (null).

import { mean, populationStdDev, sum, withDefaults } from "./stats";

export type AbcClass = "A" | "B" | "C";
export type XyzClass = "X" | "Y" | "Z";
export type MatrixCell = `${AbcClass}${XyzClass}`;

export const ABC_CLASSES: readonly AbcClass[] = ["A", "B", "C"];
export const XYZ_CLASSES: readonly XyzClass[] = ["X", "Y", "Z"];

export interface AbcXyzThresholds {
  /** Cumulative revenue share of class A, % (default 80). */
  a: number;
  /** Share of class B, % (default 15); C is the rest. */
  b: number;
  /** CV at most this is X, % (default 10). */
  x: number;
  /** CV at most this is Y, % (default 25); Z above. */
  y: number;
  /** Usable weeks needed for an XYZ class (default 4). */
  minWeeks: number;
  /** Days on sale a week needs to count (default 4). */
  minInStockDays: number;
}

export const DEFAULT_ABC_XYZ: AbcXyzThresholds = { a: 80, b: 15, x: 10, y: 25, minWeeks: 4, minInStockDays: 4 };

/** Throws RangeError with a Russian message when thresholds make no sense (API validation uses it). */
export function checkThresholds(t: AbcXyzThresholds): void {
  if (!(t.a > 0 && t.b >= 0 && t.a + t.b <= 100)) throw new RangeError("Пороги ABC: A больше 0, B не меньше 0, а A + B не больше 100 %.");
  if (!(t.x > 0 && t.y > t.x)) throw new RangeError("Пороги XYZ: X больше 0, а Y больше X.");
}

export interface WeekDemand {
  /** Orders of the week (cancelled excluded). */
  units: number;
  /** Days of the week (0–7) the card was on sale; 7 when unknown. */
  inStockDays: number;
}

export interface AbcXyzInput {
  nmId: number;
  /** Revenue of the period, kopecks (sales minus returns). */
  revenueKopecks: number;
  weeks: readonly WeekDemand[];
}

export interface AbcXyzItem {
  nmId: number;
  revenueKopecks: number;
  /** Share of the period's positive revenue, %. */
  sharePercent: number;
  /** Cumulative share up to and including this card, %. */
  cumulativePercent: number;
  abc: AbcClass;
  /** Weeks used for XYZ. */
  weeksUsed: number;
  meanWeeklyUnits: number;
  /** Coefficient of variation of weekly orders, %; null when unclassified. */
  cvPercent: number | null;
  xyz: XyzClass | null;
}

export interface MatrixCellSummary {
  cell: MatrixCell;
  count: number;
  revenueKopecks: number;
  sharePercent: number;
}

export interface AbcXyzResult {
  items: AbcXyzItem[];
  /** The nine cells, AX … CZ, in reading order. */
  matrix: MatrixCellSummary[];
  /** Cards per ABC class without an XYZ class (too few weeks or no orders). */
  unclassified: Record<AbcClass, number>;
  totalRevenueKopecks: number;
  thresholds: AbcXyzThresholds;
}

export function xyzOf(weeks: readonly WeekDemand[], t: AbcXyzThresholds): { weeksUsed: number; mean: number; cvPercent: number | null; xyz: XyzClass | null } {
  const scaled = weeks.filter((w) => w.inStockDays >= t.minInStockDays).map((w) => (w.units * 7) / Math.min(7, w.inStockDays));
  const m = mean(scaled);
  if (scaled.length < t.minWeeks || !(m > 0)) return { weeksUsed: scaled.length, mean: m, cvPercent: null, xyz: null };
  // σ × 100 / mean, in this order: a CV of exactly 10 % must not come out as 10.000000000000002.
  const cv = (populationStdDev(scaled) * 100) / m;
  return { weeksUsed: scaled.length, mean: m, cvPercent: cv, xyz: cv <= t.x ? "X" : cv <= t.y ? "Y" : "Z" };
}

export function abcXyz(inputs: readonly AbcXyzInput[], thresholds: Partial<AbcXyzThresholds> = {}): AbcXyzResult {
  const t = withDefaults(DEFAULT_ABC_XYZ, thresholds);
  checkThresholds(t);
  const sorted = [...inputs].sort((p, q) => q.revenueKopecks - p.revenueKopecks || p.nmId - q.nmId);
  const total = sum(sorted.map((i) => Math.max(0, i.revenueKopecks)));
  let before = 0;
  const items: AbcXyzItem[] = sorted.map((i) => {
    const positive = Math.max(0, i.revenueKopecks);
    const share = total > 0 ? (positive / total) * 100 : 0;
    const abc: AbcClass = positive <= 0 ? "C" : before < t.a ? "A" : before < t.a + t.b ? "B" : "C";
    before += share;
    const x = xyzOf(i.weeks, t);
    return {
      nmId: i.nmId,
      revenueKopecks: i.revenueKopecks,
      sharePercent: share,
      cumulativePercent: Math.min(100, before),
      abc,
      weeksUsed: x.weeksUsed,
      meanWeeklyUnits: x.mean,
      cvPercent: x.cvPercent,
      xyz: x.xyz,
    };
  });
  const matrix: MatrixCellSummary[] = [];
  for (const a of ABC_CLASSES) {
    for (const x of XYZ_CLASSES) {
      const inCell = items.filter((i) => i.abc === a && i.xyz === x);
      matrix.push({
        cell: `${a}${x}`,
        count: inCell.length,
        revenueKopecks: sum(inCell.map((i) => i.revenueKopecks)),
        sharePercent: sum(inCell.map((i) => i.sharePercent)),
      });
    }
  }
  const unclassified = { A: 0, B: 0, C: 0 };
  for (const i of items) if (i.xyz === null) unclassified[i.abc]++;
  return { items, matrix, unclassified, totalRevenueKopecks: total, thresholds: t };
}

/** What a cell means for the seller, in Russian (the dashboard's matrix tooltips, the bot's legend). */
export const MATRIX_ADVICE: Record<MatrixCell, string> = {
  AX: "Главные и стабильные товары: держите постоянный запас, не допускайте нулевых остатков.",
  AY: "Главные товары с колебаниями спроса: запас с запасом прочности, следите за сезоном и акциями.",
  AZ: "Много выручки, но спрос скачет: планируйте поставки по прогнозу и чаще пересматривайте.",
  BX: "Середина ассортимента, спрос ровный: пополняйте по графику.",
  BY: "Середина ассортимента с колебаниями: умеренный страховой запас.",
  BZ: "Середина ассортимента, спрос непредсказуем: небольшие частые поставки.",
  CX: "Мало выручки, но продаётся стабильно: минимальный запас, проверьте цену и продвижение.",
  CY: "Мало выручки, спрос колеблется: держите минимум, пересмотрите ассортимент.",
  CZ: "Мало выручки и случайный спрос: кандидаты на вывод или распродажу.",
};
