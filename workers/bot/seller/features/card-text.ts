// /cardtext <nmID или артикул>: a title and description for a card written by the assistant from
// its characteristics, within WB's limits, in <code> blocks that copy with one tap.

import { Composer } from "grammy/web";

import { limitMessage } from "../../../ai/assistant";
import { generateCardText } from "../../../ai/card-text";
import { findCardByArticle } from "../../../queries/card-lookup";
import { escapeHtml } from "../../html";
import { t } from "../../i18n";
import { activeCabinet } from "../access";
import type { SellerContext } from "../context";
import { withMenu } from "../keyboards/menu";
import { inBackground } from "./ai";
import { noCabinet } from "./common";
import type { Feature } from "./types";

const commands = new Composer<SellerContext>();
commands.command("cardtext", async (ctx) => {
  const auth = await activeCabinet(ctx, "manager");
  if (!auth) return noCabinet(ctx);
  const article = (typeof ctx.match === "string" ? ctx.match : "").trim();
  if (article === "") {
    await ctx.reply(t("cardtext-usage"), { reply_markup: withMenu() });
    return;
  }
  const card = await findCardByArticle(ctx.svc.db, auth, article);
  if (!card) {
    await ctx.reply(t("cardtext-not-found", { article: article.slice(0, 64) }), { reply_markup: withMenu() });
    return;
  }
  inBackground(ctx, async (chatId) => {
    const outcome = await generateCardText(ctx.svc.env, ctx.svc.db, auth, card.nmId, { now: ctx.svc.now() });
    let text: string;
    switch (outcome.kind) {
      case "generated":
        text = t("cardtext-result", {
          nm: card.nmId,
          article: card.vendorCode ?? "—",
          title: outcome.title,
          titleLength: Array.from(outcome.title).length,
          titleLimit: outcome.titleLimit,
          description: outcome.description,
          descriptionLength: Array.from(outcome.description).length,
          descriptionLimit: outcome.descriptionLimit,
          warnings: outcome.warnings.map((w) => `⚠️ ${w}`).join("\n"),
        });
        break;
      case "missing":
        text = t("cardtext-not-found", { article: article.slice(0, 64) });
        break;
      case "limit_reached":
        text = escapeHtml(limitMessage(outcome.limit));
        break;
      case "not_configured":
        text = escapeHtml(outcome.message);
        break;
      case "failed":
        text = t("ai-failed", { reason: outcome.message });
        break;
    }
    await ctx.api.sendMessage(chatId, text, { reply_markup: withMenu() });
  });
});

export const cardTextFeature: Feature = { commands, callbacks: {} };
