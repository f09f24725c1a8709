// «✨ N» under reviews and questions: an AI draft of the answer, shown for approval. «Отправить»
// sends it the same way as a typed answer (once per review, whoever presses); «Изменить» opens the
// usual typing flow with the draft shown to copy; «Другой вариант» asks for a new draft.

import { Composer, InlineKeyboard } from "grammy/web";

import { limitMessage } from "../../../ai/assistant";
import { draftAnswer, getDraft, markDraftSent } from "../../../ai/review-drafts";
import type { AuthorizedCabinet } from "../../../cabinets/access";
import type { AiDraftTarget } from "../../../../db/schema";
import { escapeHtml } from "../../html";
import { t, tPlain } from "../../i18n";
import { cabinetByRef } from "../access";
import { type DraftTargetCode, cabRef, cb } from "../callback-data";
import { type SellerContext, answerCallback, show } from "../context";
import { withMenu } from "../keyboards/menu";
import { deliverAnswer, startReply } from "./answer-flow";
import { inBackground } from "./ai";
import type { Feature } from "./types";

const TARGET: Record<DraftTargetCode, AiDraftTarget> = { f: "feedback", q: "question" };

function draftKeyboard(auth: AuthorizedCabinet, t: DraftTargetCode, id: string): InlineKeyboard {
  const cab = cabRef(auth.cabinet.id);
  return withMenu(
    new InlineKeyboard()
      .text(tPlain("btn-ai-draft-send"), cb({ a: "ai_draft_send", cab, t, id }))
      .row()
      .text(tPlain("btn-ai-draft-edit"), cb({ a: "ai_draft_edit", cab, t, id }))
      .text(tPlain("btn-ai-draft-again"), cb({ a: "ai_draft", cab, t, id })),
  );
}

async function makeDraft(ctx: SellerContext, ref: string, code: DraftTargetCode, id: string): Promise<void> {
  const auth = await cabinetByRef(ctx, ref, "manager");
  await answerCallback(ctx, tPlain("ai-draft-working"));
  inBackground(ctx, async (chatId) => {
    const outcome = await draftAnswer(ctx.svc.env, ctx.svc.db, auth, TARGET[code], id, { now: ctx.svc.now() });
    switch (outcome.kind) {
      case "drafted":
        await ctx.api.sendMessage(chatId, t("ai-draft", { text: outcome.text }), { reply_markup: draftKeyboard(auth, code, id) });
        return;
      case "already_answered":
        await ctx.api.sendMessage(chatId, t("answer-already", { text: outcome.answerText ?? "" }), { reply_markup: withMenu() });
        return;
      case "missing":
        await ctx.api.sendMessage(chatId, t("answer-missing"), { reply_markup: withMenu() });
        return;
      case "limit_reached":
        await ctx.api.sendMessage(chatId, escapeHtml(limitMessage(outcome.limit)), { reply_markup: withMenu() });
        return;
      case "not_configured":
        await ctx.api.sendMessage(chatId, escapeHtml(outcome.message), { reply_markup: withMenu() });
        return;
      case "failed":
        await ctx.api.sendMessage(chatId, t("ai-failed", { reason: outcome.message }), { reply_markup: withMenu() });
        return;
    }
  });
}

export const aiDraftsFeature: Feature = {
  commands: new Composer<SellerContext>(),
  callbacks: {
    ai_draft: (ctx, data) => makeDraft(ctx, data.cab, data.t, data.id),
    ai_draft_send: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab, "manager");
      const draft = await getDraft(ctx.svc.db, auth, TARGET[data.t], data.id);
      if (!draft || draft.status !== "draft") {
        await answerCallback(ctx, tPlain(draft ? "ai-draft-used" : "stale-button"), true);
        return;
      }
      await answerCallback(ctx);
      const outcome = await deliverAnswer(ctx, auth, TARGET[data.t], data.id, draft.text);
      if (outcome.kind === "sent" || outcome.kind === "uncertain") await markDraftSent(ctx.svc.db, auth, TARGET[data.t], data.id, ctx.svc.now());
    },
    ai_draft_edit: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab, "manager");
      const draft = await getDraft(ctx.svc.db, auth, TARGET[data.t], data.id);
      await startReply(ctx, TARGET[data.t], data.cab, data.id);
      if (draft?.status === "draft") await show(ctx, { text: t("ai-draft-copy", { text: draft.text }) }, { fresh: true });
    },
  },
};
