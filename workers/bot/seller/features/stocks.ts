// /stocks: every size with its days of stock, critical first (listStockLevels, the REST API's
// query), filters critical / zero / attention, offset pages.

import { Composer, InlineKeyboard } from "grammy/web";

import type { AuthorizedCabinet } from "../../../cabinets/access";
import type { StockStatus } from "../../../domain/stock-status";
import { listStockLevels } from "../../../queries/stocks";
import { fmtInt } from "../../format";
import { t, tPlain } from "../../i18n";
import { activeCabinet, cabinetByRef } from "../access";
import { STOCK_FILTERS, type StockFilter, cabRef, cb } from "../callback-data";
import { type Screen, type SellerContext, show } from "../context";
import { filterRow, pagerRow, withMenu } from "../keyboards/menu";
import { freshnessLine } from "../screens/freshness";
import { stockLine } from "../screens/stocks";
import { noCabinet } from "./common";
import type { Feature } from "./types";

export const STOCKS_PAGE_SIZE = 10;
const STATUS: Record<StockFilter, StockStatus | undefined> = { a: undefined, c: "critical", z: "zero", l: "low" };

export async function stocksScreen(ctx: SellerContext, auth: AuthorizedCabinet, filter: StockFilter, offset: number): Promise<Screen> {
  const now = ctx.svc.now();
  const list = await listStockLevels(ctx.svc.db, auth, { status: STATUS[filter], limit: STOCKS_PAGE_SIZE, offset, now });
  const cab = cabRef(auth.cabinet.id);
  const text = [
    t("stocks-title", {
      cabinet: auth.cabinet.name,
      days: list.thresholds.criticalDays,
      critical: fmtInt(list.counts.critical),
      zero: fmtInt(list.counts.zero),
      low: fmtInt(list.counts.low),
      sizes: fmtInt(list.counts.sizes),
    }),
    list.rows.length > 0 ? list.rows.map(stockLine).join("\n") : t(offset === 0 ? "stocks-empty" : "list-end"),
    t("stocks-footer", { from: offset + (list.rows.length > 0 ? 1 : 0), to: offset + list.rows.length, total: fmtInt(list.total) }) + "\n" + freshnessLine(list.freshness, now),
  ].join("\n\n");
  const prev = offset > 0 ? cb({ a: "stocks", cab, filter, offset: Math.max(0, offset - STOCKS_PAGE_SIZE) }) : null;
  const next = list.nextOffset !== null ? cb({ a: "stocks", cab, filter, offset: list.nextOffset }) : null;
  const kb = pagerRow(new InlineKeyboard(), prev, next);
  filterRow(kb, STOCK_FILTERS, filter, (f) => tPlain(`stocks-filter-${f}`), (f) => cb({ a: "stocks", cab, filter: f, offset: 0 }));
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
  },
};
