// /dashboard: the cabinet summary (the REST API's getDashboardSummary, so both always agree).

import { Composer, InlineKeyboard } from "grammy/web";

import type { AuthorizedCabinet } from "../../../cabinets/access";
import { getDashboardSummary } from "../../../queries/dashboard";
import { tPlain } from "../../i18n";
import { activeCabinet, cabinetByRef } from "../access";
import { cabRef, cb } from "../callback-data";
import { type Screen, type SellerContext, show } from "../context";
import { withMenu } from "../keyboards/menu";
import { dashboardText } from "../screens/dashboard";
import { noCabinet } from "./common";
import type { Feature } from "./types";

export async function dashboardScreen(ctx: SellerContext, auth: AuthorizedCabinet): Promise<Screen> {
  const now = ctx.svc.now();
  const summary = await getDashboardSummary(ctx.svc.db, auth, { now });
  const cab = cabRef(auth.cabinet.id);
  const kb = new InlineKeyboard()
    .text(tPlain("btn-refresh"), cb({ a: "dashboard", cab }))
    .text(tPlain("btn-orders"), cb({ a: "orders", cab, filter: "a", page: null }))
    .row()
    .text(tPlain("btn-stocks"), cb({ a: "stocks", cab, filter: "a", offset: 0 }))
    .text(tPlain("btn-reviews-count", { n: summary.reviews.unanswered }), cb({ a: "reviews", cab, filter: "a", page: null }))
    .row()
    .text(tPlain("btn-analytics"), cb({ a: "analytics", cab, period: "7" }))
    .text(tPlain("btn-sync"), cb({ a: "sync", cab }));
  return { text: dashboardText(auth.cabinet, summary, now), keyboard: withMenu(kb) };
}

const commands = new Composer<SellerContext>();
commands.command("dashboard", async (ctx) => {
  const auth = await activeCabinet(ctx);
  if (!auth) return noCabinet(ctx);
  await show(ctx, await dashboardScreen(ctx, auth));
});

export const dashboardFeature: Feature = {
  commands,
  callbacks: {
    dashboard: async (ctx, data) => show(ctx, await dashboardScreen(ctx, await cabinetByRef(ctx, data.cab))),
  },
};
