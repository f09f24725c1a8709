// Days of stock of one size from its stock position and demand forecast, the alert, and the
// explanation a seller reads. Statuses are the dashboard's (stock-status.ts), so a size is
// "critical" in the same sense everywhere; only the demand figure is better here.

import { type StockStatus, type StockThresholds, classifyStock } from "../stock-status";
import { nonNegative } from "./stats";
import { formatDays, formatInt, formatPercent, formatRate, plural } from "./text";

/** Stock of a size as WB reports it (stocks-report: quantity, inWayToClient, inWayFromClient). */
export interface StockPosition {
  /** Units available to buyers at WB warehouses. */
  quantity: number;
  /** Units on their way to buyers. */
  inWayToClient: number;
  /** Units on their way back (refusals and returns). */
  inWayFromClient: number;
}

/**
 * Units the estimate counts: available + in transit to customers − returns in flight, never below
 * zero. This is the product's definition (issue #6), kept literally; it errs toward an earlier
 * alert, never a later one. The parts are returned beside it so a seller can see them.
 */
export function stockUnits(p: StockPosition): number {
  return Math.max(0, Math.max(0, p.quantity) + Math.max(0, p.inWayToClient) - Math.max(0, p.inWayFromClient));
}

export interface DaysOfStockInput {
  position: StockPosition;
  /** Forecast orders per day over the horizon (SizeForecast.daily). */
  dailyDemand: readonly number[];
  /**
   * Share of the size's orders shipped from the seller's own warehouse (FBS): they do not draw on
   * WB's stock, so they are taken out of the demand WB's stock has to cover. 0 without FBS.
   */
  fbsShare?: number;
  thresholds: StockThresholds;
}

export interface DaysOfStock {
  units: number;
  /** Mean forecast orders per day drawn from WB stock. */
  demandPerDay: number;
  /** null = stock but no demand (it does not run out at this rate). */
  daysOfStock: number | null;
  status: StockStatus;
  /** Below the seller's threshold while someone still buys it (a dead size at zero is no alarm). */
  alert: boolean;
}

export function daysOfStock(input: DaysOfStockInput): DaysOfStock {
  const units = stockUnits(input.position);
  const perDay = input.dailyDemand.length === 0 ? 0 : input.dailyDemand.reduce((a, b) => a + b, 0) / input.dailyDemand.length;
  const demandPerDay = nonNegative(perDay * (1 - Math.min(1, Math.max(0, input.fbsShare ?? 0))));
  const days = units <= 0 ? 0 : demandPerDay > 0 ? units / demandPerDay : null;
  const status = classifyStock(units, days, input.thresholds);
  const alert = demandPerDay > 0 && days !== null && days < input.thresholds.criticalDays;
  return { units, demandPerDay, daysOfStock: days, status, alert };
}

export interface DemandNotes {
  /** Days of the forecast window excluded as out of stock (known and inferred). */
  excludedDays: number;
  /** How much the forecast leans on similar cards (0..1). */
  priorWeight: number;
  /** Trend of the card, % per week. */
  trendPercentPerWeek: number;
}

/** Days shown to one decimal, rounded down: an estimate of stock should never promise more. */
export function floorTenth(days: number): number {
  return Math.floor(days * 10 + 1e-9) / 10;
}

/** The days-of-stock figure in plain Russian, with what it is made of. */
export function explainDaysOfStock(d: DaysOfStock, p: StockPosition, notes: DemandNotes, fbsShare = 0): string {
  const parts: string[] = [];
  const stock = [`на складах WB ${formatInt(Math.max(0, p.quantity))}`];
  if (p.inWayToClient > 0) stock.push(`+ ${formatInt(p.inWayToClient)} в пути к покупателям`);
  if (p.inWayFromClient > 0) stock.push(`− ${formatInt(p.inWayFromClient)} возвращается на склад`);
  const unitsText = `${formatInt(d.units)} шт. (${stock.join(" ")})`;
  if (d.units <= 0) {
    parts.push(d.demandPerDay > 0 ? `Товара нет в наличии, а спрос ≈ ${formatRate(d.demandPerDay)} шт. в день — продажи теряются.` : "Товара нет в наличии; спроса на него тоже нет.");
  } else if (d.daysOfStock === null) {
    parts.push(`Остаток ${unitsText}; заказов нет, поэтому запас не расходуется.`);
  } else if (d.daysOfStock >= 365) {
    // A card that has not sold for months still gets a small non-zero rate from its peers.
    parts.push(`Запаса хватит больше чем на год: ${unitsText}, а спрос почти нулевой (≈ ${formatRate(d.demandPerDay)} шт. в день).`);
  } else {
    parts.push(`Хватит примерно на ${formatDays(floorTenth(d.daysOfStock))}: ${unitsText} при спросе ≈ ${formatRate(d.demandPerDay)} шт. в день.`);
  }
  if (fbsShare > 0.005) parts.push(`${formatPercent(fbsShare, 0)} заказов отгружается с вашего склада (FBS) и не расходует остаток WB.`);
  if (notes.excludedDays > 0) {
    parts.push(
      `Спрос посчитан без ${formatInt(notes.excludedDays)} ${plural(notes.excludedDays, ["дня", "дней", "дней"])}, когда товара не было в наличии: в эти дни его просто не могли заказать.`,
    );
  }
  if (notes.priorWeight >= 0.5) parts.push("Истории продаж мало, поэтому прогноз во многом опирается на похожие товары той же категории.");
  if (Math.abs(notes.trendPercentPerWeek) >= 5) {
    parts.push(notes.trendPercentPerWeek > 0 ? `Спрос растёт (≈ +${formatInt(notes.trendPercentPerWeek)} % в неделю).` : `Спрос снижается (≈ ${formatInt(notes.trendPercentPerWeek)} % в неделю).`);
  }
  return parts.join(" ");
}
