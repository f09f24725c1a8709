// Cost prices in the bot: «💰 Себестоимость» lists the cards (those sold without a cost price
// first), a card's button asks for the price in rubles, the next message is stored with
// setCostPrices(source "bot"). Typing a wrong amount keeps the prompt open with a Russian hint.

import { Composer, InlineKeyboard } from "grammy/web";

import type { AuthorizedCabinet } from "../../../cabinets/access";
import { requireCabinetAccess } from "../../../cabinets/access";
import { MAX_COST_KOPECKS, parseRubles } from "../../../domain/analytics/cost-price-csv";
import { type CostPriceEntry, listCostPrices, setCostPrices } from "../../../queries/analytics-cost-prices";
import { loadUnitEconomics } from "../../../queries/analytics-economics";
import { formatRub } from "../../../domain/money";
import { fmtInt } from "../../format";
import { truncate } from "../../html";
import { t, tPlain } from "../../i18n";
import { type Pending, setPending, takePending } from "../../state";
import { activeCabinet, cabinetByRef } from "../access";
import { cabRef, cb } from "../callback-data";
import { type Screen, type SellerContext, answerCallback, show } from "../context";
import { cancelKeyboard, pagerRow, withMenu } from "../keyboards/menu";
import { noCabinet } from "./common";
import type { Feature } from "./types";

export const COST_PAGE_SIZE = 8;

/** What the seller may type: «450», «450,50», «1 200 ₽»; «-» removes the cost price. */
export type CostInput = { kind: "set"; kopecks: number } | { kind: "remove" } | { kind: "invalid" } | { kind: "too_big" };

export function parseCostInput(text: string): CostInput {
  const s = text.trim();
  if (/^(-|—|удалить|нет)$/i.test(s)) return { kind: "remove" };
  const kopecks = parseRubles(s);
  if (kopecks === null || kopecks <= 0) return { kind: "invalid" };
  if (kopecks > MAX_COST_KOPECKS) return { kind: "too_big" };
  return { kind: "set", kopecks };
}

/** «450 ₽», «450,50 ₽»: kopecks only when there are some. */
export const costMoney = (k: number) => formatRub(k, { withKopecks: k % 100 !== 0 });

const article = (c: Pick<CostPriceEntry, "vendorCode" | "nmId">) => truncate(c.vendorCode ?? String(c.nmId), 40);

/** Sold without a cost price first (profit waits for them), then the rest without one, then priced. */
async function orderedCards(ctx: SellerContext, auth: AuthorizedCabinet): Promise<{ cards: CostPriceEntry[]; sold: Set<number> }> {
  const [cards, ue] = await Promise.all([listCostPrices(ctx.svc.db, auth), loadUnitEconomics(ctx.svc.db, auth, { now: ctx.svc.now() })]);
  const rank = new Map(ue.missingCostPrices.map((nm, i) => [nm, i]));
  const key = (c: CostPriceEntry) => (rank.has(c.nmId) ? 0 : c.costKopecks === null ? 1 : 2);
  cards.sort((a, b) => key(a) - key(b) || (rank.get(a.nmId) ?? 0) - (rank.get(b.nmId) ?? 0) || a.nmId - b.nmId);
  return { cards, sold: new Set(rank.keys()) };
}

export async function costListScreen(ctx: SellerContext, auth: AuthorizedCabinet, offset: number, note?: string): Promise<Screen> {
  const { cards, sold } = await orderedCards(ctx, auth);
  const rows = cards.slice(offset, offset + COST_PAGE_SIZE);
  const cab = cabRef(auth.cabinet.id);
  const lines = rows.map((c, i) =>
    t("cost-line", {
      n: offset + i + 1,
      article: article(c),
      title: truncate(c.title ?? "", 40),
      has: c.costKopecks === null ? 0 : 1,
      cost: c.costKopecks === null ? "" : costMoney(c.costKopecks),
      sold: sold.has(c.nmId) ? 1 : 0,
    }),
  );
  const editable = auth.role !== "viewer";
  const text = [
    ...(note ? [note] : []),
    t("cost-title", {
      cabinet: auth.cabinet.name,
      set: fmtInt(cards.filter((c) => c.costKopecks !== null).length),
      total: fmtInt(cards.length),
      missing: sold.size,
      editable: editable ? 1 : 0,
    }),
    rows.length > 0 ? lines.join("\n") : t(offset === 0 ? "cost-empty" : "list-end"),
  ].join("\n\n");
  const kb = new InlineKeyboard();
  // Viewers see the prices but get no buttons to change them (the handler refuses them anyway).
  if (editable)
    rows.forEach((c, i) => {
      if (i > 0 && i % 2 === 0) kb.row();
      kb.text(
        tPlain("cost-btn-item", {
          n: offset + i + 1,
          article: truncate(c.vendorCode ?? String(c.nmId), 20),
        }),
        cb({ a: "cost_set", cab, nm: c.nmId }),
      );
    });
  const prev =
    offset > 0
      ? cb({
          a: "cost_list",
          cab,
          offset: Math.max(0, offset - COST_PAGE_SIZE),
        })
      : null;
  const next = offset + COST_PAGE_SIZE < cards.length ? cb({ a: "cost_list", cab, offset: offset + COST_PAGE_SIZE }) : null;
  pagerRow(kb, prev, next);
  kb.row().text(tPlain("btn-analytics"), cb({ a: "analytics", cab, period: "30" }));
  return { text, keyboard: withMenu(kb) };
}

/** A card's button: show what is stored and wait for the price (managers and owners only). */
async function startCostInput(ctx: SellerContext, ref: string, nmId: number): Promise<void> {
  const auth = await cabinetByRef(ctx, ref, "manager");
  const card = (await listCostPrices(ctx.svc.db, auth)).find((c) => c.nmId === nmId);
  if (!card) {
    await answerCallback(ctx, tPlain("cost-missing-alert"), true);
    return;
  }
  await setPending(ctx.svc.db, ctx.user.id, { kind: "cost_price", payload: { cabinetId: auth.cabinet.id, nmId } }, ctx.svc.now());
  await answerCallback(ctx);
  const text = t("cost-prompt", {
    article: article(card),
    title: truncate(card.title ?? "", 60),
    nmId: String(nmId),
    has: card.costKopecks === null ? 0 : 1,
    cost: card.costKopecks === null ? "" : costMoney(card.costKopecks),
  });
  await show(ctx, { text, keyboard: cancelKeyboard() }, { fresh: true });
}

/** The text typed after «введите себестоимость». */
export async function handleCostPriceText(ctx: SellerContext, pending: Extract<Pending, { kind: "cost_price" }>, text: string): Promise<void> {
  const input = parseCostInput(text);
  if (input.kind === "invalid" || input.kind === "too_big") {
    // Keep waiting: the seller just sends a corrected amount.
    await ctx.reply(
      t(input.kind === "invalid" ? "cost-invalid" : "cost-too-big", {
        text: truncate(text.trim(), 40),
      }),
      { reply_markup: cancelKeyboard() },
    );
    return;
  }
  if (!(await takePending(ctx.svc.db, ctx.user.id, pending))) return;
  const { cabinetId, nmId } = pending.payload;
  const auth = await requireCabinetAccess(ctx.svc.db, ctx.user.id, cabinetId, "manager");
  await setCostPrices(ctx.svc.db, auth, [{ nmId, costKopecks: input.kind === "set" ? input.kopecks : null }], "bot", ctx.svc.now());
  const card = (await listCostPrices(ctx.svc.db, auth)).find((c) => c.nmId === nmId);
  const name = card ? article(card) : String(nmId);
  const note = input.kind === "set" ? t("cost-saved", { article: name, cost: costMoney(input.kopecks) }) : t("cost-removed", { article: name });
  await show(ctx, await costListScreen(ctx, auth, 0, note));
}

const commands = new Composer<SellerContext>();
commands.command("cost", async (ctx) => {
  const auth = await activeCabinet(ctx);
  if (!auth) return noCabinet(ctx);
  await show(ctx, await costListScreen(ctx, auth, 0));
});

export const costPricesFeature: Feature = {
  commands,
  callbacks: {
    cost_list: async (ctx, data) => show(ctx, await costListScreen(ctx, await cabinetByRef(ctx, data.cab), data.offset)),
    cost_set: async (ctx, data) => startCostInput(ctx, data.cab, data.nm),
  },
};
