// /reviews: unanswered first, then newest (listFeedbacks, the REST API's query); filters by
// rating and «без ответа»; a «✍️ N» button per unanswered review starts a reply by typing.

import { Composer, InlineKeyboard } from "grammy/web";
import { z } from "zod";

import { aiProviderFor } from "../../../ai/provider";
import type { AuthorizedCabinet } from "../../../cabinets/access";
import { type ReviewCursor, listFeedbacks } from "../../../queries/reviews";
import { t, tPlain } from "../../i18n";
import { stashGet, stashPut } from "../../state";
import { activeCabinet, cabinetByRef } from "../access";
import { REVIEW_FILTERS, type ReviewFilter, cabRef, cb } from "../callback-data";
import { type Screen, type SellerContext, show } from "../context";
import { filterRow, pagerRow, withMenu } from "../keyboards/menu";
import { reviewCard } from "../screens/reviews";
import { retryAnswer, startReply } from "./answer-flow";
import { noCabinet } from "./common";
import type { Feature } from "./types";

export const REVIEWS_PAGE_SIZE = 5;

export const ReviewCursorSchema = z.object({ answered: z.boolean(), at: z.number().int(), id: z.string().max(200) });
const ReviewsPage = z.object({ k: z.literal("reviews"), c: z.string(), f: z.enum(REVIEW_FILTERS), s: z.array(ReviewCursorSchema).max(10_000) });

const FILTERS: Record<ReviewFilter, { answered?: boolean; ratings?: number[] }> = {
  a: {},
  u: { answered: false },
  n: { ratings: [1, 2] },
  m: { ratings: [3] },
  p: { ratings: [4, 5] },
};

/** The «✍️ Ответить» button under a review (also for new-review notifications). */
export function reviewReplyButton(kb: InlineKeyboard, cabinetId: string, feedbackId: string, label = tPlain("btn-reply")): InlineKeyboard {
  return kb.text(label, cb({ a: "review_reply", cab: cabRef(cabinetId), id: feedbackId }));
}

async function pageButton(ctx: SellerContext, auth: AuthorizedCabinet, filter: ReviewFilter, stack: ReviewCursor[]): Promise<string> {
  const cab = cabRef(auth.cabinet.id);
  if (stack.length === 0) return cb({ a: "reviews", cab, filter, page: null });
  const token = await stashPut(ctx.svc.db, ctx.user.id, { k: "reviews", c: auth.cabinet.id, f: filter, s: stack.map((c) => ({ ...c })) });
  return cb({ a: "reviews", cab, filter, page: token });
}

export async function reviewsScreen(ctx: SellerContext, auth: AuthorizedCabinet, filter: ReviewFilter, stack: ReviewCursor[]): Promise<Screen> {
  const result = await listFeedbacks(ctx.svc.db, auth, { ...FILTERS[filter], limit: REVIEWS_PAGE_SIZE, after: stack[stack.length - 1] });
  const pageNo = stack.length;
  const cab = cabRef(auth.cabinet.id);
  const cards = result.rows.map((f, i) => reviewCard(f, { n: pageNo * REVIEWS_PAGE_SIZE + i + 1 }));
  const text = [
    t("reviews-title", { cabinet: auth.cabinet.name, filter: tPlain(`reviews-filter-${filter}`), page: pageNo + 1 }),
    cards.length > 0 ? cards.join("\n\n") : t(pageNo === 0 ? "reviews-empty" : "list-end"),
  ].join("\n\n");

  const kb = new InlineKeyboard();
  result.rows.forEach((f, i) => {
    if (!f.isAnswered) reviewReplyButton(kb, auth.cabinet.id, f.id, tPlain("btn-reply-n", { n: pageNo * REVIEWS_PAGE_SIZE + i + 1 }));
  });
  // «✨ N»: an AI draft of the answer, for those who may answer, when an AI provider is configured.
  if (auth.role !== "viewer" && aiProviderFor(ctx.svc.env)) {
    kb.row();
    result.rows.forEach((f, i) => {
      if (!f.isAnswered) kb.text(tPlain("btn-ai-draft-n", { n: pageNo * REVIEWS_PAGE_SIZE + i + 1 }), cb({ a: "ai_draft", cab, t: "f", id: f.id }));
    });
  }
  const prev = pageNo === 0 ? null : await pageButton(ctx, auth, filter, stack.slice(0, -1));
  const next = result.next ? await pageButton(ctx, auth, filter, [...stack, result.next]) : null;
  pagerRow(kb, prev, next);
  filterRow(kb, REVIEW_FILTERS, filter, (f) => tPlain(`reviews-filter-${f}`), (f) => cb({ a: "reviews", cab, filter: f, page: null }));
  return { text, keyboard: withMenu(kb) };
}

async function stackFrom(ctx: SellerContext, auth: AuthorizedCabinet, filter: ReviewFilter, token: string | null): Promise<ReviewCursor[]> {
  if (token === null) return [];
  const parsed = ReviewsPage.safeParse(await stashGet(ctx.svc.db, ctx.user.id, token));
  return parsed.success && parsed.data.c === auth.cabinet.id && parsed.data.f === filter ? parsed.data.s : [];
}

const commands = new Composer<SellerContext>();
commands.command("reviews", async (ctx) => {
  const auth = await activeCabinet(ctx);
  if (!auth) return noCabinet(ctx);
  await show(ctx, await reviewsScreen(ctx, auth, "a", []));
});

export const reviewsFeature: Feature = {
  commands,
  callbacks: {
    reviews: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab);
      await show(ctx, await reviewsScreen(ctx, auth, data.filter, await stackFrom(ctx, auth, data.filter, data.page)));
    },
    review_reply: (ctx, data) => startReply(ctx, "feedback", data.cab, data.id),
    answer_retry: (ctx, data) => retryAnswer(ctx, data.stash),
  },
};
