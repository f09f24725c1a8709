// One size's stock as a list row (also used by stock notifications).

import { type StockStatus, displayDays } from "../../../domain/stock-status";
import type { StockListRow } from "../../../queries/stocks";
import { fmtInt, fmtNumber1 } from "../../format";
import { truncate } from "../../html";
import { t } from "../../i18n";

export const STOCK_MARK: Record<StockStatus, string> = { critical: "🔴", zero: "⚫️", low: "🟡", ok: "🟢" };

export function stockLine(row: Pick<StockListRow, "status" | "vendorCode" | "nmId" | "title" | "techSize" | "units" | "daysOfStock" | "avgDailyOrders">): string {
  const days = displayDays(row.daysOfStock);
  return t("stock-line", {
    mark: STOCK_MARK[row.status],
    article: truncate(row.vendorCode ?? String(row.nmId), 40),
    title: truncate(row.title ?? "", 50),
    size: row.techSize && row.techSize !== "0" ? truncate(row.techSize, 20) : "",
    units: fmtInt(row.units),
    zero: row.units <= 0 ? 1 : 0,
    days: days === null ? "" : fmtNumber1(days),
    hasDays: days === null ? 0 : 1,
    perDay: fmtNumber1(Math.round(row.avgDailyOrders * 10) / 10),
  });
}
