// /analytics: a period (7 / 30 / 90 whole days ending yesterday) against the period before it with
// the dynamics and the top products (loadSalesAnalytics), the ABC/XYZ matrix in brief (loadAbcXyz,
// 13 weeks: XYZ needs weeks of history) and unit-economics totals by WB's financial report
// (loadUnitEconomics) with its coverage note and the cards still without a cost price.

import { Composer, InlineKeyboard } from "grammy/web";

import type { AuthorizedCabinet } from "../../../cabinets/access";
import { loadUnitEconomics } from "../../../queries/analytics-economics";
import { defaultPeriod, loadAbcXyz, loadSalesAnalytics } from "../../../queries/analytics-sales";
import { fmtDay } from "../../format";
import { TELEGRAM_TEXT_LIMIT } from "../../html";
import { t, tPlain } from "../../i18n";
import { activeCabinet, cabinetByRef } from "../access";
import { ANALYTICS_PERIODS, type AnalyticsPeriod, cabRef, cb } from "../callback-data";
import { type Screen, type SellerContext, show } from "../context";
import { filterRow, withMenu } from "../keyboards/menu";
import { abcXyzText, dynamicsText, salesSummaryText, topText, unitEconomicsText } from "../screens/analytics";
import { noCabinet } from "./common";
import type { Feature } from "./types";

export const ANALYTICS_TOP = 5;

export async function analyticsScreen(ctx: SellerContext, auth: AuthorizedCabinet, period: AnalyticsPeriod): Promise<Screen> {
  const days = Number(period);
  const now = ctx.svc.now();
  const { db } = ctx.svc;
  const [sales, abc, ue] = await Promise.all([
    loadSalesAnalytics(db, auth, {
      period: defaultPeriod(now, days),
      granularity: days <= 7 ? "day" : "week",
      topLimit: ANALYTICS_TOP,
      cardsLimit: 0,
      now,
    }),
    loadAbcXyz(db, auth, { now }),
    loadUnitEconomics(db, auth, { now }),
  ]);
  const head = [
    t("analytics-title", {
      cabinet: auth.cabinet.name,
      days,
      from: fmtDay(sales.period.from),
      to: fmtDay(sales.period.to),
      pfrom: fmtDay(sales.previous.from),
      pto: fmtDay(sales.previous.to),
    }),
    salesSummaryText(sales),
  ];
  const tail = [topText(sales), abcXyzText(abc), unitEconomicsText(ue)];
  const dynamics = dynamicsText(sales.dynamics, days <= 7);
  // The bars are the first thing to give up when everything would not fit one message.
  const full = [...head, dynamics, ...tail].join("\n\n");
  const text = full.length <= TELEGRAM_TEXT_LIMIT ? full : [...head, ...tail].join("\n\n");
  const cab = cabRef(auth.cabinet.id);
  const kb = filterRow(
    new InlineKeyboard(),
    ANALYTICS_PERIODS,
    period,
    (p) => tPlain("analytics-period", { days: Number(p) }),
    (p) => cb({ a: "analytics", cab, period: p }),
  );
  kb.row().text(tPlain("btn-cost-prices"), cb({ a: "cost_list", cab, offset: 0 }));
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
