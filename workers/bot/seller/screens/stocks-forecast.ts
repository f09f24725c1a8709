// Sizes of loadStockAnalytics as /stocks lines (days of stock from the demand forecast) and as
// «Сколько отгрузить» entries with the replenishment quantity and its reasoning.

import type { SizeStockAnalytics } from "../../../queries/analytics-demand";
import { fmtInt, fmtNumber1 } from "../../format";
import { truncate } from "../../html";
import { t } from "../../i18n";
import { STOCK_MARK } from "./stocks";

/** Days as shown everywhere: one decimal, rounded down (never promise more than there is). */
export function shownDays(days: number | null): string {
  return days === null ? "" : fmtNumber1(Math.floor(days * 10 + 1e-9) / 10);
}

function sizeLabel(s: SizeStockAnalytics): string {
  const size = s.techSize && s.techSize !== "0" ? s.techSize : (s.wbSize ?? "");
  return truncate(size, 20);
}

export function forecastStockLine(s: SizeStockAnalytics): string {
  return t("stock-fc-line", {
    mark: STOCK_MARK[s.days.status],
    alert: s.days.alert ? 1 : 0,
    article: truncate(s.vendorCode ?? String(s.nmId), 40),
    size: sizeLabel(s),
    units: fmtInt(s.days.units),
    hasDays: s.days.daysOfStock === null ? 0 : 1,
    days: shownDays(s.days.daysOfStock),
    perDay: fmtNumber1(Math.round(s.days.demandPerDay * 10) / 10),
    ship: s.replenishment.quantity,
    shipText: fmtInt(s.replenishment.quantity),
  });
}

export function shipmentEntry(s: SizeStockAnalytics, n: number): string {
  return t("stocks-ship-line", {
    n,
    mark: STOCK_MARK[s.days.status],
    article: truncate(s.vendorCode ?? String(s.nmId), 40),
    title: truncate(s.title ?? "", 40),
    size: sizeLabel(s),
    qty: fmtInt(s.replenishment.quantity),
    reasoning: s.replenishment.reasoning,
  });
}
