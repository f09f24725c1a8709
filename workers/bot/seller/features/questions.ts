// /questions: buyers' questions, unanswered first (listQuestions, the REST API's query), answered
// by typing like reviews.

import { Composer, InlineKeyboard } from "grammy/web";
import { z } from "zod";

import { aiProviderFor } from "../../../ai/provider";
import type { AuthorizedCabinet } from "../../../cabinets/access";
import { type ReviewCursor, listQuestions } from "../../../queries/reviews";
import { t, tPlain } from "../../i18n";
import { stashGet, stashPut } from "../../state";
import { activeCabinet, cabinetByRef } from "../access";
import { QUESTION_FILTERS, type QuestionFilter, cabRef, cb } from "../callback-data";
import { type Screen, type SellerContext, show } from "../context";
import { filterRow, pagerRow, withMenu } from "../keyboards/menu";
import { questionCard } from "../screens/reviews";
import { startReply } from "./answer-flow";
import { noCabinet } from "./common";
import { ReviewCursorSchema } from "./reviews";
import type { Feature } from "./types";

export const QUESTIONS_PAGE_SIZE = 5;
const QuestionsPage = z.object({ k: z.literal("questions"), c: z.string(), f: z.enum(QUESTION_FILTERS), s: z.array(ReviewCursorSchema).max(10_000) });

/** The «✍️ Ответить» button under a question (also for new-question notifications). */
export function questionReplyButton(kb: InlineKeyboard, cabinetId: string, questionId: string, label = tPlain("btn-reply")): InlineKeyboard {
  return kb.text(label, cb({ a: "question_reply", cab: cabRef(cabinetId), id: questionId }));
}

async function pageButton(ctx: SellerContext, auth: AuthorizedCabinet, filter: QuestionFilter, stack: ReviewCursor[]): Promise<string> {
  const cab = cabRef(auth.cabinet.id);
  if (stack.length === 0) return cb({ a: "questions", cab, filter, page: null });
  const token = await stashPut(ctx.svc.db, ctx.user.id, { k: "questions", c: auth.cabinet.id, f: filter, s: stack.map((c) => ({ ...c })) });
  return cb({ a: "questions", cab, filter, page: token });
}

export async function questionsScreen(ctx: SellerContext, auth: AuthorizedCabinet, filter: QuestionFilter, stack: ReviewCursor[]): Promise<Screen> {
  const result = await listQuestions(ctx.svc.db, auth, {
    answered: filter === "u" ? false : undefined,
    limit: QUESTIONS_PAGE_SIZE,
    after: stack[stack.length - 1],
  });
  const pageNo = stack.length;
  const cab = cabRef(auth.cabinet.id);
  const cards = result.rows.map((q, i) => questionCard(q, { n: pageNo * QUESTIONS_PAGE_SIZE + i + 1 }));
  const text = [
    t("questions-title", { cabinet: auth.cabinet.name, filter: tPlain(`questions-filter-${filter}`), page: pageNo + 1 }),
    cards.length > 0 ? cards.join("\n\n") : t(pageNo === 0 ? "questions-empty" : "list-end"),
  ].join("\n\n");
  const kb = new InlineKeyboard();
  result.rows.forEach((q, i) => {
    if (!q.isAnswered) questionReplyButton(kb, auth.cabinet.id, q.id, tPlain("btn-reply-n", { n: pageNo * QUESTIONS_PAGE_SIZE + i + 1 }));
  });
  // «✨ N»: an AI draft of the answer, for those who may answer, when an AI provider is configured.
  if (auth.role !== "viewer" && aiProviderFor(ctx.svc.env)) {
    kb.row();
    result.rows.forEach((q, i) => {
      if (!q.isAnswered) kb.text(tPlain("btn-ai-draft-n", { n: pageNo * QUESTIONS_PAGE_SIZE + i + 1 }), cb({ a: "ai_draft", cab, t: "q", id: q.id }));
    });
  }
  const prev = pageNo === 0 ? null : await pageButton(ctx, auth, filter, stack.slice(0, -1));
  const next = result.next ? await pageButton(ctx, auth, filter, [...stack, result.next]) : null;
  pagerRow(kb, prev, next);
  filterRow(kb, QUESTION_FILTERS, filter, (f) => tPlain(`questions-filter-${f}`), (f) => cb({ a: "questions", cab, filter: f, page: null }));
  return { text, keyboard: withMenu(kb) };
}

async function stackFrom(ctx: SellerContext, auth: AuthorizedCabinet, filter: QuestionFilter, token: string | null): Promise<ReviewCursor[]> {
  if (token === null) return [];
  const parsed = QuestionsPage.safeParse(await stashGet(ctx.svc.db, ctx.user.id, token));
  return parsed.success && parsed.data.c === auth.cabinet.id && parsed.data.f === filter ? parsed.data.s : [];
}

const commands = new Composer<SellerContext>();
commands.command("questions", async (ctx) => {
  const auth = await activeCabinet(ctx);
  if (!auth) return noCabinet(ctx);
  await show(ctx, await questionsScreen(ctx, auth, "a", []));
});

export const questionsFeature: Feature = {
  commands,
  callbacks: {
    questions: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab);
      await show(ctx, await questionsScreen(ctx, auth, data.filter, await stackFrom(ctx, auth, data.filter, data.page)));
    },
    question_reply: (ctx, data) => startReply(ctx, "question", data.cab, data.id),
  },
};
