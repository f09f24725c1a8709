// /stocks: every size from loadStockAnalytics — alerts first, days of stock from the demand forecast
// (stock-out days excluded), the quantity to ship — with filters critical / zero / attention and
// offset pages; «🚚 Сколько отгрузить» lists the sizes to ship with the reasoning in Russian.

import { Composer, InlineKeyboard } from "grammy/web";

import type { AuthorizedCabinet } from "../../../cabinets/access";
import type { StockStatus } from "../../../domain/stock-status";
import { loadStockAnalytics } from "../../../queries/analytics-demand";
import { fmtDay, fmtInt, fmtShare } from "../../format";
import { t, tPlain } from "../../i18n";
import { activeCabinet, cabinetByRef } from "../access";
import { STOCK_FILTERS, type StockFilter, cabRef, cb } from "../callback-data";
import { type Screen, type SellerContext, show } from "../context";
import { filterRow, pagerRow, withMenu } from "../keyboards/menu";
import { freshnessLine } from "../screens/freshness";
import { forecastStockLine, shipmentEntry } from "../screens/stocks-forecast";
import { noCabinet } from "./common";
import type { Feature } from "./types";

export const STOCKS_PAGE_SIZE = 10;
export const SHIP_PAGE_SIZE = 5;
const STATUS: Record<StockFilter, StockStatus | undefined> = {
  a: undefined,
  c: "critical",
  z: "zero",
  l: "low",
};

export async function stocksScreen(ctx: SellerContext, auth: AuthorizedCabinet, filter: StockFilter, offset: number): Promise<Screen> {
  const now = ctx.svc.now();
  const a = await loadStockAnalytics(ctx.svc.db, auth, { now });
  const status = STATUS[filter];
  const list = status ? a.sizes.filter((s) => s.days.status === status) : a.sizes;
  const rows = list.slice(offset, offset + STOCKS_PAGE_SIZE);
  const cab = cabRef(auth.cabinet.id);
  const text = [
    t("stocks-fc-title", {
      cabinet: auth.cabinet.name,
      days: a.thresholds.criticalDays,
      alerts: fmtInt(a.counts.alerts),
      critical: fmtInt(a.counts.critical),
      zero: fmtInt(a.counts.zero),
      low: fmtInt(a.counts.low),
      sizes: fmtInt(a.sizes.length),
      toShip: fmtInt(a.counts.toReplenish),
      horizon: a.horizonDays,
      from: fmtDay(a.firstForecastDay),
    }),
    rows.length > 0 ? rows.map(forecastStockLine).join("\n") : t(offset === 0 ? "stocks-empty" : "list-end"),
    t("stocks-fc-footer", {
      from: offset + (rows.length > 0 ? 1 : 0),
      to: offset + rows.length,
      total: fmtInt(list.length),
    }) +
      "\n" +
      freshnessLine(a.freshness, now),
  ].join("\n\n");
  const prev =
    offset > 0
      ? cb({
          a: "stocks",
          cab,
          filter,
          offset: Math.max(0, offset - STOCKS_PAGE_SIZE),
        })
      : null;
  const next = offset + STOCKS_PAGE_SIZE < list.length ? cb({ a: "stocks", cab, filter, offset: offset + STOCKS_PAGE_SIZE }) : null;
  const kb = pagerRow(new InlineKeyboard(), prev, next);
  filterRow(
    kb,
    STOCK_FILTERS,
    filter,
    (f) => tPlain(`stocks-filter-${f}`),
    (f) => cb({ a: "stocks", cab, filter: f, offset: 0 }),
  );
  kb.row().text(tPlain("btn-stocks-ship"), cb({ a: "stocks_ship", cab, offset: 0 }));
  return { text, keyboard: withMenu(kb) };
}

/** Sizes to ship, most urgent first (alerts, then fewest days), with why that many. */
export async function shipmentScreen(ctx: SellerContext, auth: AuthorizedCabinet, offset: number): Promise<Screen> {
  const now = ctx.svc.now();
  const a = await loadStockAnalytics(ctx.svc.db, auth, { now });
  const toShip = a.sizes.filter((s) => s.replenishment.quantity > 0);
  const rows = toShip.slice(offset, offset + SHIP_PAGE_SIZE);
  const cab = cabRef(auth.cabinet.id);
  const text = [
    t("stocks-ship-title", {
      cabinet: auth.cabinet.name,
      lead: a.settings.leadTimeDays,
      target: a.settings.targetDays,
      service: fmtShare(a.settings.serviceLevel),
      count: fmtInt(toShip.length),
      total: fmtInt(toShip.reduce((n, s) => n + s.replenishment.quantity, 0)),
    }),
    rows.length > 0
      ? rows.map((s, i) => shipmentEntry(s, offset + i + 1)).join("\n\n")
      : t(offset === 0 ? "stocks-ship-empty" : "list-end", {
          target: a.settings.targetDays,
        }),
    t("stocks-ship-footer", {
      from: offset + (rows.length > 0 ? 1 : 0),
      to: offset + rows.length,
      total: fmtInt(toShip.length),
    }) +
      "\n" +
      freshnessLine(a.freshness, now),
  ].join("\n\n");
  const prev =
    offset > 0
      ? cb({
          a: "stocks_ship",
          cab,
          offset: Math.max(0, offset - SHIP_PAGE_SIZE),
        })
      : null;
  const next = offset + SHIP_PAGE_SIZE < toShip.length ? cb({ a: "stocks_ship", cab, offset: offset + SHIP_PAGE_SIZE }) : null;
  const kb = pagerRow(new InlineKeyboard(), prev, next);
  kb.row().text(tPlain("btn-stocks"), cb({ a: "stocks", cab, filter: "a", offset: 0 }));
  return { text, keyboard: withMenu(kb) };
}

const commands = new Composer<SellerContext>();
commands.command("stocks", async (ctx) => {
  const auth = await activeCabinet(ctx);
  if (!auth) return noCabinet(ctx);
  await show(ctx, await stocksScreen(ctx, auth, "a", 0));
});

export const stocksFeature: Feature = {
  commands,
  callbacks: {
    stocks: async (ctx, data) => show(ctx, await stocksScreen(ctx, await cabinetByRef(ctx, data.cab), data.filter, data.offset)),
    stocks_ship: async (ctx, data) => show(ctx, await shipmentScreen(ctx, await cabinetByRef(ctx, data.cab), data.offset)),
  },
};
