// /orders: newest first, keyset pages (listOrders, the REST API's query), filters all / active /
// cancelled. The cursors of visited pages are stashed in D1 so «Назад» and «Вперёд» fit a button.

import { Composer, InlineKeyboard } from "grammy/web";
import { z } from "zod";

import type { AuthorizedCabinet } from "../../../cabinets/access";
import { type TimeIdCursor, listOrders } from "../../../queries/orders";
import { t, tPlain } from "../../i18n";
import { stashGet, stashPut } from "../../state";
import { activeCabinet, cabinetByRef } from "../access";
import { ORDER_FILTERS, type OrderFilter, cabRef, cb } from "../callback-data";
import { type Screen, type SellerContext, show } from "../context";
import { filterRow, pagerRow, withMenu } from "../keyboards/menu";
import { orderLine } from "../screens/orders";
import { noCabinet } from "./common";
import type { Feature } from "./types";

export const ORDERS_PAGE_SIZE = 8;

const Cursor = z.object({ at: z.number().int(), id: z.string().max(200) });
const OrdersPage = z.object({ k: z.literal("orders"), c: z.string(), f: z.enum(ORDER_FILTERS), s: z.array(Cursor).max(10_000) });
type OrdersPage = z.infer<typeof OrdersPage>;

const STATUS: Record<OrderFilter, "all" | "active" | "cancelled"> = { a: "all", c: "active", x: "cancelled" };

async function pageData(ctx: SellerContext, auth: AuthorizedCabinet, filter: OrderFilter, stack: TimeIdCursor[]): Promise<string> {
  const page: OrdersPage = { k: "orders", c: auth.cabinet.id, f: filter, s: stack };
  return cb({ a: "orders", cab: cabRef(auth.cabinet.id), filter, page: await stashPut(ctx.svc.db, ctx.user.id, page) });
}

export async function ordersScreen(ctx: SellerContext, auth: AuthorizedCabinet, filter: OrderFilter, stack: TimeIdCursor[]): Promise<Screen> {
  const result = await listOrders(ctx.svc.db, auth, { status: STATUS[filter], limit: ORDERS_PAGE_SIZE, after: stack[stack.length - 1] });
  const pageNo = stack.length;
  const cab = cabRef(auth.cabinet.id);
  const lines = result.rows.map((o, i) => orderLine(o, pageNo * ORDERS_PAGE_SIZE + i + 1));
  const text = [
    t("orders-title", { cabinet: auth.cabinet.name, filter: tPlain(`orders-filter-${filter}`), page: pageNo + 1 }),
    lines.length > 0 ? lines.join("\n\n") : t(pageNo === 0 ? "orders-empty" : "list-end"),
  ].join("\n\n");

  const prev = pageNo === 0 ? null : pageNo === 1 ? cb({ a: "orders", cab, filter, page: null }) : await pageData(ctx, auth, filter, stack.slice(0, -1));
  const next = result.next ? await pageData(ctx, auth, filter, [...stack, result.next]) : null;
  const kb = pagerRow(new InlineKeyboard(), prev, next);
  filterRow(kb, ORDER_FILTERS, filter, (f) => tPlain(`orders-filter-${f}`), (f) => cb({ a: "orders", cab, filter: f, page: null }));
  return { text, keyboard: withMenu(kb) };
}

/** The stashed page a button points to; null when it is gone or belongs elsewhere (start over). */
async function stackFrom(ctx: SellerContext, auth: AuthorizedCabinet, filter: OrderFilter, token: string | null): Promise<TimeIdCursor[] | null> {
  if (token === null) return [];
  const parsed = OrdersPage.safeParse(await stashGet(ctx.svc.db, ctx.user.id, token));
  if (!parsed.success || parsed.data.c !== auth.cabinet.id || parsed.data.f !== filter) return null;
  return parsed.data.s;
}

const commands = new Composer<SellerContext>();
commands.command("orders", async (ctx) => {
  const auth = await activeCabinet(ctx);
  if (!auth) return noCabinet(ctx);
  await show(ctx, await ordersScreen(ctx, auth, "a", []));
});

export const ordersFeature: Feature = {
  commands,
  callbacks: {
    orders: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab);
      const stack = await stackFrom(ctx, auth, data.filter, data.page);
      await show(ctx, await ordersScreen(ctx, auth, data.filter, stack ?? []));
    },
  },
};
