// Replying to a review or a question by typing: the button asks for the text, the next message is
// the answer, sendAnswer delivers it (once) and the outcome is shown. A refused answer can be
// retried from a button without typing it again (the draft is stashed).

import { InlineKeyboard } from "grammy/web";
import { z } from "zod";

import type { AuthorizedCabinet } from "../../../cabinets/access";
import { requireCabinetAccess } from "../../../cabinets/access";
import { getFeedback, getQuestion } from "../../../queries/review-answers";
import { type AnswerOutcome, ANSWER_MAX_CHARS, ANSWER_MIN_CHARS, sendAnswer } from "../../../reviews/send-answer";
import { fmtInt } from "../../format";
import { truncate } from "../../html";
import { t, tPlain } from "../../i18n";
import { type AnswerTarget, type Pending, setPending, stashGet, stashPut, takePending } from "../../state";
import { cabinetByRef } from "../access";
import { cabRef, cb } from "../callback-data";
import { type SellerContext, answerCallback, show } from "../context";
import { cancelKeyboard, withMenu } from "../keyboards/menu";
import { questionCard, reviewCard } from "../screens/reviews";

const Draft = z.object({
  k: z.literal("answer"),
  target: z.enum(["feedback", "question"]),
  c: z.string(),
  id: z.string().max(64),
  text: z.string().max(ANSWER_MAX_CHARS * 2),
});

/** «✍️ Ответить» pressed: show the item in full and wait for the text. */
export async function startReply(ctx: SellerContext, target: AnswerTarget["target"], ref: string, id: string): Promise<void> {
  const auth = await cabinetByRef(ctx, ref, "manager");
  const item = target === "feedback" ? await getFeedback(ctx.svc.db, auth, id) : await getQuestion(ctx.svc.db, auth, id);
  if (!item) {
    await answerCallback(ctx, tPlain("answer-missing-alert"), true);
    return;
  }
  const card = "rating" in item ? reviewCard(item, { max: 3000 }) : questionCard(item, { max: 3000 });
  if (item.isAnswered) {
    await answerCallback(ctx);
    await show(ctx, { text: [card, t("answer-already-short")].join("\n\n"), keyboard: listKeyboard(auth, target) }, { fresh: true });
    return;
  }
  if (auth.cabinet.tokenReadOnly) {
    await answerCallback(ctx, tPlain("answer-read-only-alert"), true);
    return;
  }
  await setPending(ctx.svc.db, ctx.user.id, { kind: "answer", payload: { target, cabinetId: auth.cabinet.id, id } }, ctx.svc.now());
  await answerCallback(ctx);
  const prompt = t(target === "feedback" ? "answer-prompt-review" : "answer-prompt-question", { min: ANSWER_MIN_CHARS, max: fmtInt(ANSWER_MAX_CHARS) });
  // A new message under the list: the list stays where it was.
  await show(ctx, { text: [card, prompt].join("\n\n"), keyboard: cancelKeyboard() }, { fresh: true });
}

function listKeyboard(auth: AuthorizedCabinet, target: AnswerTarget["target"]): InlineKeyboard {
  const cab = cabRef(auth.cabinet.id);
  const kb = new InlineKeyboard();
  if (target === "feedback") kb.text(tPlain("btn-reviews"), cb({ a: "reviews", cab, filter: "u", page: null }));
  else kb.text(tPlain("btn-questions"), cb({ a: "questions", cab, filter: "u", page: null }));
  return withMenu(kb);
}

/** Sends an answer (typed, retried or an approved AI draft) and shows the outcome. */
export async function deliverAnswer(ctx: SellerContext, auth: AuthorizedCabinet, target: AnswerTarget["target"], id: string, text: string): Promise<AnswerOutcome> {
  const outcome = await sendAnswer(ctx.svc.env, ctx.svc.db, auth, target, id, text, ctx.svc.now());
  const retry = async () => {
    const token = await stashPut(ctx.svc.db, ctx.user.id, { k: "answer", target, c: auth.cabinet.id, id, text });
    return new InlineKeyboard().text(tPlain("btn-retry-answer"), cb({ a: "answer_retry", stash: token })).row().text(tPlain("btn-cancel"), cb({ a: "cancel" }));
  };
  switch (outcome.kind) {
    case "sent":
      await show(ctx, { text: t("answer-sent", { text: truncate(text.trim(), 1000) }), keyboard: listKeyboard(auth, target) }, { fresh: true });
      break;
    case "already_answered":
      await show(ctx, { text: t("answer-already", { text: truncate(outcome.answerText ?? "", 1000) }), keyboard: listKeyboard(auth, target) }, { fresh: true });
      break;
    case "missing":
      await show(ctx, { text: t("answer-missing"), keyboard: listKeyboard(auth, target) }, { fresh: true });
      break;
    case "read_only":
      await show(ctx, { text: t("answer-read-only"), keyboard: listKeyboard(auth, target) }, { fresh: true });
      break;
    case "too_short":
    case "too_long":
      // Keep waiting: the seller just sends a corrected text.
      await setPending(ctx.svc.db, ctx.user.id, { kind: "answer", payload: { target, cabinetId: auth.cabinet.id, id } }, ctx.svc.now());
      await show(ctx, { text: t(`answer-${outcome.kind.replace("_", "-")}`, { min: ANSWER_MIN_CHARS, max: fmtInt(ANSWER_MAX_CHARS) }), keyboard: cancelKeyboard() }, { fresh: true });
      break;
    case "rate_limited":
      await show(ctx, { text: t("answer-rate-limited", { seconds: Math.max(1, Math.ceil(outcome.retryAfterMs / 1000)) }), keyboard: await retry() }, { fresh: true });
      break;
    case "unavailable":
      await show(ctx, { text: t("answer-unavailable", { reason: outcome.message }), keyboard: listKeyboard(auth, target) }, { fresh: true });
      break;
    case "failed":
      await show(ctx, { text: t("answer-failed", { reason: outcome.message }), keyboard: await retry() }, { fresh: true });
      break;
    case "uncertain":
      await show(ctx, { text: t("answer-uncertain", { reason: outcome.message }), keyboard: listKeyboard(auth, target) }, { fresh: true });
      break;
  }
  return outcome;
}

/** The text typed while an answer was awaited. */
export async function handleAnswerText(ctx: SellerContext, pending: Extract<Pending, { kind: "answer" }>, text: string): Promise<void> {
  // Only the message that takes the pending state answers (a racing second message does not).
  if (!(await takePending(ctx.svc.db, ctx.user.id, pending))) return;
  const { target, cabinetId, id } = pending.payload;
  const auth = await requireCabinetAccess(ctx.svc.db, ctx.user.id, cabinetId, "manager");
  await deliverAnswer(ctx, auth, target, id, text);
}

/** «🔁 Отправить ещё раз» with the stashed draft. */
export async function retryAnswer(ctx: SellerContext, stash: string): Promise<void> {
  const parsed = Draft.safeParse(await stashGet(ctx.svc.db, ctx.user.id, stash));
  if (!parsed.success) {
    await answerCallback(ctx, tPlain("stale-button"), true);
    return;
  }
  await answerCallback(ctx);
  const auth = await requireCabinetAccess(ctx.svc.db, ctx.user.id, parsed.data.c, "manager");
  await deliverAnswer(ctx, auth, parsed.data.target, parsed.data.id, parsed.data.text);
}
