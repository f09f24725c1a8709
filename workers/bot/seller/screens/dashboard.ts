// The dashboard summary as a Telegram message: the substance of the original bot's screen
// (orders today vs yesterday with growth, stocks critical / zero / needing attention, reviews),
// plus 7/30-day figures and how fresh each block is. Reused by the daily summary notification.

import type { Cabinet } from "../../../../db/schema";
import type { DashboardSummary } from "../../../domain/dashboard-summary";
import { fmtDateTime, fmtGrowth, fmtInt, fmtMoney, moscowParts } from "../../format";
import { t } from "../../i18n";
import { freshnessLine } from "./freshness";

const rating = new Intl.NumberFormat("ru-RU", { minimumFractionDigits: 1, maximumFractionDigits: 2 });

export function dashboardText(cabinet: Pick<Cabinet, "name" | "isDemo">, s: DashboardSummary, now: Date): string {
  const o = s.orders;
  const parts = [
    t("dash-title", { cabinet: cabinet.name, at: fmtDateTime(now), demo: cabinet.isDemo ? 1 : 0 }),
    t("dash-orders", {
      time: moscowParts(now).time,
      count: fmtInt(o.today.count),
      sum: fmtMoney(o.today.sumKopecks),
      prevCount: fmtInt(o.today.previous.count),
      prevSum: fmtMoney(o.today.previous.sumKopecks),
      growth: fmtGrowth(o.today.countGrowthPercent),
      sumGrowth: fmtGrowth(o.today.sumGrowthPercent),
      yCount: fmtInt(o.yesterday.count),
      yCountN: o.yesterday.count,
      ySum: fmtMoney(o.yesterday.sumKopecks),
      yGrowth: fmtGrowth(o.yesterday.countGrowthPercent),
      w7Count: fmtInt(o.last7.count),
      w7Sum: fmtMoney(o.last7.sumKopecks),
      w7Growth: fmtGrowth(o.last7.countGrowthPercent),
      m30Count: fmtInt(o.last30.count),
      m30Sum: fmtMoney(o.last30.sumKopecks),
      m30Growth: fmtGrowth(o.last30.countGrowthPercent),
    }) +
      "\n" +
      freshnessLine(o.freshness, now),
    t("dash-stocks", {
      days: s.stocks.criticalDays,
      critical: fmtInt(s.stocks.critical),
      zero: fmtInt(s.stocks.zero),
      attention: fmtInt(s.stocks.needsAttention),
    }) +
      "\n" +
      freshnessLine(s.stocks.freshness, now),
    t("dash-reviews", {
      avg: s.reviews.averageRating === null ? "—" : rating.format(s.reviews.averageRating),
      unanswered: fmtInt(s.reviews.unanswered),
      total: fmtInt(s.reviews.total),
    }) +
      "\n" +
      freshnessLine(s.reviews.freshness, now),
    t("dash-products", { total: fmtInt(s.products.total), active: fmtInt(s.products.active) }),
  ];
  return parts.join("\n\n");
}
