// The blocks of /analytics as text: period sales against the period before (loadSalesAnalytics),
// the ABC/XYZ matrix in brief (loadAbcXyz) and unit-economics totals (loadUnitEconomics).

import { ABC_CLASSES, MATRIX_ADVICE, type MatrixCellSummary, XYZ_CLASSES } from "../../../domain/analytics";
import type { Bucket } from "../../../domain/analytics/sales-analytics";
import type { AbcXyzAnalytics } from "../../../queries/analytics-sales";
import type { SalesAnalytics } from "../../../queries/analytics-sales";
import type { UnitEconomicsAnalytics } from "../../../queries/analytics-economics";
import { bar, fmtDay, fmtGrowth, fmtInt, fmtMoney, fmtShare, safe } from "../../format";
import { escapeHtml, truncate } from "../../html";
import { t } from "../../i18n";

const share = (v: number | null) => (v === null ? "—" : fmtShare(v));

/** Totals of the period with growth against the previous one. */
export function salesSummaryText(s: SalesAnalytics): string {
  const c = s.comparison.current;
  const p = s.comparison.previous;
  const g = s.comparison.growth;
  return t("analytics-summary", {
    orders: fmtInt(c.ordersCount),
    ordersSum: fmtMoney(c.ordersSumKopecks),
    ordersGrowth: fmtGrowth(g.ordersSumKopecks),
    cancels: fmtInt(c.cancelsCount),
    sales: fmtInt(c.salesCount),
    salesGrowth: fmtGrowth(g.salesCount),
    revenue: fmtMoney(c.revenueKopecks),
    revenueGrowth: fmtGrowth(g.revenueKopecks),
    returns: fmtInt(c.returnsCount),
    returnsSum: fmtMoney(c.returnsSumKopecks),
    returnRate: share(c.rates.returnRate),
    buyout: share(c.rates.buyoutRate),
    avgCheck: c.averageOrderKopecks === null ? "—" : fmtMoney(c.averageOrderKopecks),
    forPay: fmtMoney(c.forPayKopecks),
    forPayGrowth: fmtGrowth(g.forPayKopecks),
    prevOrders: fmtInt(p.ordersCount),
    prevOrdersSum: fmtMoney(p.ordersSumKopecks),
    prevRevenue: fmtMoney(p.revenueKopecks),
  });
}

/** Orders per bucket (day or week) as bars. */
export function dynamicsText(buckets: readonly Bucket[], byDay: boolean): string {
  const max = Math.max(1, ...buckets.map((b) => b.totals.ordersCount));
  const lines = buckets.map((b) => {
    const label = b.from === b.to ? fmtDay(b.from) : `${fmtDay(b.from)}–${fmtDay(b.to)}`;
    return `<code>${escapeHtml(label.padEnd(byDay ? 5 : 11))} ${bar(b.totals.ordersCount / max, 8)}</code> ${escapeHtml(fmtInt(b.totals.ordersCount))} · ${escapeHtml(fmtMoney(b.totals.ordersSumKopecks))}`;
  });
  return t(byDay ? "analytics-by-day" : "analytics-by-week", {
    lines: safe(lines.join("\n")),
  });
}

export function topText(s: SalesAnalytics): string {
  const top = s.top.revenue;
  if (top.length === 0) return t("analytics-no-top");
  const lines = top.map((p, i) =>
    t("analytics-top-revenue-line", {
      n: i + 1,
      article: truncate(p.vendorCode ?? String(p.nmId), 40),
      title: truncate(p.title ?? "", 40),
      revenue: fmtMoney(p.current.revenueKopecks),
      units: fmtInt(p.current.netUnits),
      growth: fmtGrowth(p.revenueGrowthPercent),
    }),
  );
  return t("analytics-top-revenue", { lines: safe(lines.join("\n")) });
}

/** The 9 cells as a monospace grid: count and revenue share per cell. */
export function abcXyzText(a: AbcXyzAnalytics): string {
  if (a.items.length === 0) return t("analytics-abc-none");
  const cell = (abc: string, xyz: string): MatrixCellSummary | undefined => a.matrix.find((m) => m.cell === `${abc}${xyz}`);
  const col = (s: string) => s.padEnd(10);
  const head = `   ${XYZ_CLASSES.map((x) => col(x)).join("")}`.trimEnd();
  const rows = ABC_CLASSES.map((abc) => {
    const cells = XYZ_CLASSES.map((xyz) => {
      const m = cell(abc, xyz);
      return col(m && m.count > 0 ? `${m.count}·${Math.round(m.sharePercent)}%` : "—");
    });
    return `${abc}  ${cells.join("")}`.trimEnd();
  });
  const unclassified = ABC_CLASSES.reduce((n, c) => n + a.unclassified[c], 0);
  // The advice for the cell that holds the most revenue: where a seller's attention pays most.
  const main = [...a.matrix].filter((m) => m.count > 0).sort((x, y) => y.sharePercent - x.sharePercent)[0];
  return t("analytics-abc", {
    from: fmtDay(a.period.from),
    to: fmtDay(a.period.to),
    weeks: a.weeks.length,
    cards: fmtInt(a.items.length),
    grid: safe(escapeHtml([head, ...rows].join("\n"))),
    unclassified: fmtInt(unclassified),
    hasUnclassified: unclassified > 0 ? 1 : 0,
    cell: main?.cell ?? "",
    cellShare: main ? `${Math.round(main.sharePercent)}` : "",
    advice: main ? MATRIX_ADVICE[main.cell] : "",
  });
}

export function unitEconomicsText(u: UnitEconomicsAnalytics): string {
  const note = u.coverage.note ?? "";
  if (u.rows.length === 0)
    return t("analytics-ue-none", {
      from: fmtDay(u.period.from),
      to: fmtDay(u.period.to),
      note,
    });
  const x = u.totals;
  return t("analytics-ue", {
    from: fmtDay(u.period.from),
    to: fmtDay(u.period.to),
    revenue: fmtMoney(x.revenueKopecks),
    units: fmtInt(x.netUnits),
    commission: fmtMoney(x.commissionKopecks),
    acquiring: fmtMoney(x.acquiringKopecks),
    logistics: fmtMoney(x.logisticsKopecks),
    storage: fmtMoney(x.storageKopecks),
    penalties: fmtMoney(x.penaltiesKopecks),
    other: fmtMoney(x.otherDeductionsKopecks),
    payout: fmtMoney(x.payoutKopecks),
    shared: fmtMoney(u.sharedCostsKopecks),
    hasProfit: x.profitKopecks === null ? 0 : 1,
    cogs: x.costOfGoodsKopecks === null ? "—" : fmtMoney(x.costOfGoodsKopecks),
    profit: x.profitKopecks === null ? "—" : fmtMoney(x.profitKopecks),
    margin: share(x.margin),
    perUnit: x.profitPerUnitKopecks === null ? "—" : fmtMoney(x.profitPerUnitKopecks),
    missing: u.missingCostPrices.length,
    note,
  });
}
