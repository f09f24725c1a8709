// /analytics: a period's orders, cancellations, buyouts and returns against the period before it,
// the day-by-day (or week-by-week) dynamics and the top products — from daily_rollups.

import { Composer, InlineKeyboard } from "grammy/web";

import type { AuthorizedCabinet } from "../../../cabinets/access";
import { addDays } from "../../../domain/calendar-day";
import { growthPercent } from "../../../domain/growth";
import { toMoscowDate } from "../../../domain/moscow-time";
import { type DayPoint, periodAnalytics } from "../../../queries/analytics";
import { bar, fmtDay, fmtGrowth, fmtInt, fmtMoney, fmtShare, safe } from "../../format";
import { escapeHtml, truncate } from "../../html";
import { t, tPlain } from "../../i18n";
import { activeCabinet, cabinetByRef } from "../access";
import { ANALYTICS_PERIODS, type AnalyticsPeriod, cabRef, cb } from "../callback-data";
import { type Screen, type SellerContext, show } from "../context";
import { filterRow, withMenu } from "../keyboards/menu";
import { noCabinet } from "./common";
import type { Feature } from "./types";

/** Days (7) or weeks ending on the last day (30, 90): at most 13 bars. */
function buckets(days: readonly DayPoint[]): { label: string; count: number; sum: number }[] {
  const size = days.length <= 7 ? 1 : 7;
  const out: { label: string; count: number; sum: number }[] = [];
  for (let end = days.length; end > 0; end -= size) {
    const chunk = days.slice(Math.max(0, end - size), end);
    const first = chunk[0];
    const last = chunk[chunk.length - 1];
    if (!first || !last) continue;
    out.unshift({
      label: size === 1 ? fmtDay(first.day) : `${fmtDay(first.day)}–${fmtDay(last.day)}`,
      count: chunk.reduce((s, d) => s + d.ordersCount, 0),
      sum: chunk.reduce((s, d) => s + d.ordersSumKopecks, 0),
    });
  }
  return out;
}

export async function analyticsScreen(ctx: SellerContext, auth: AuthorizedCabinet, period: AnalyticsPeriod): Promise<Screen> {
  const days = Number(period);
  const yesterday = addDays(toMoscowDate(ctx.svc.now()), -1);
  const a = await periodAnalytics(ctx.svc.db, auth, yesterday, days);
  const c = a.current;
  const settled = c.salesCount + c.returnsCount;
  const body = t("analytics-body", {
    orders: fmtInt(c.ordersCount),
    ordersSum: fmtMoney(c.ordersSumKopecks),
    ordersGrowth: fmtGrowth(growthPercent(c.ordersSumKopecks, a.before.ordersSumKopecks)),
    cancels: fmtInt(c.cancelsCount),
    cancelShare: c.ordersCount > 0 ? fmtShare(c.cancelsCount / c.ordersCount) : "—",
    sales: fmtInt(c.salesCount),
    salesSum: fmtMoney(c.salesSumKopecks),
    salesGrowth: fmtGrowth(growthPercent(c.salesSumKopecks, a.before.salesSumKopecks)),
    returns: fmtInt(c.returnsCount),
    returnsSum: fmtMoney(c.returnsSumKopecks),
    forPay: fmtMoney(c.forPayKopecks),
    avgCheck: c.ordersCount > 0 ? fmtMoney(Math.round(c.ordersSumKopecks / c.ordersCount)) : "—",
    buyout: settled > 0 ? fmtShare(c.salesCount / settled) : "—",
  });

  const series = buckets(a.days);
  const max = Math.max(1, ...series.map((b) => b.count));
  const dynamics = series.map((b) => `<code>${escapeHtml(b.label.padEnd(days <= 7 ? 5 : 11))} ${bar(b.count / max, 8)}</code> ${escapeHtml(fmtInt(b.count))} · ${escapeHtml(fmtMoney(b.sum))}`);

  const top = a.top.map((p, i) =>
    t("analytics-top-line", {
      n: i + 1,
      article: truncate(p.vendorCode ?? String(p.nmId), 40),
      title: truncate(p.title ?? "", 40),
      count: fmtInt(p.ordersCount),
      sum: fmtMoney(p.ordersSumKopecks),
    }),
  );

  const text = [
    t("analytics-title", {
      cabinet: auth.cabinet.name,
      days,
      from: fmtDay(a.period.from),
      to: fmtDay(a.period.to),
      pfrom: fmtDay(a.previous.from),
      pto: fmtDay(a.previous.to),
    }),
    body,
    t(days <= 7 ? "analytics-by-day" : "analytics-by-week", { lines: safe(dynamics.join("\n")) }),
    top.length > 0 ? t("analytics-top", { lines: safe(top.join("\n")) }) : t("analytics-no-top"),
  ].join("\n\n");
  const cab = cabRef(auth.cabinet.id);
  const kb = filterRow(new InlineKeyboard(), ANALYTICS_PERIODS, period, (p) => tPlain("analytics-period", { days: Number(p) }), (p) => cb({ a: "analytics", cab, period: p }));
  return { text, keyboard: withMenu(kb) };
}

const commands = new Composer<SellerContext>();
commands.command("analytics", async (ctx) => {
  const auth = await activeCabinet(ctx);
  if (!auth) return noCabinet(ctx);
  await show(ctx, await analyticsScreen(ctx, auth, "7"));
});

export const analyticsFeature: Feature = {
  commands,
  callbacks: {
    analytics: async (ctx, data) => show(ctx, await analyticsScreen(ctx, await cabinetByRef(ctx, data.cab), data.period)),
  },
};
