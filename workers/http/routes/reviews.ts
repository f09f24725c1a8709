import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";

import { requireCabinetAccess } from "../../cabinets/access";
import { type ReviewCursor, listFeedbacks, listQuestions } from "../../queries/reviews";
import type { AppEnv } from "../app-env";
import { errorResponses } from "../schemas";
import { cursorProblem, decodeCursor, encodeCursor } from "../views/cursor";
import { FeedbackSchema, QuestionSchema, feedbackView, questionView } from "../views/review-view";
import { CabinetPathParam, booleanParam, cursorParam, limitParam, nmIdParam } from "./params";

const RATING_ERROR = "rating: оценки от 1 до 5 через запятую, например 1,2";

// One value (`rating=1,2`) or a repeated parameter (`rating=1&rating=2`); Hono passes the latter as an array.
const ratingParam = z
  .union([z.string(), z.array(z.string())], { error: RATING_ERROR })
  .transform((v, ctx) => {
    const parts = (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);
    const ratings = parts.map(Number);
    if (ratings.length === 0 || ratings.some((r) => !Number.isInteger(r) || r < 1 || r > 5)) {
      ctx.issues.push({ code: "custom", message: RATING_ERROR, input: v });
      return z.NEVER;
    }
    return [...new Set(ratings)];
  })
  .optional()
  .openapi({ type: "string", description: "Оценки через запятую (1–5), например 1,2 — только негативные", example: "1,2" });

const answeredParam = booleanParam("true — только отвеченные, false — только без ответа");
const nextCursor = z.string().nullable().openapi({ description: "Курсор следующей страницы; null — это последняя страница" });

const reviewsRoute = createRoute({
  method: "get",
  path: "/cabinets/{cabinetId}/reviews",
  tags: ["Отзывы и вопросы"],
  summary: "Отзывы: сначала без ответа, затем новые",
  request: {
    params: CabinetPathParam,
    query: z.object({ answered: answeredParam, rating: ratingParam, nmId: nmIdParam, limit: limitParam(), cursor: cursorParam }),
  },
  responses: {
    200: {
      description: "Страница отзывов",
      content: { "application/json": { schema: z.object({ items: z.array(FeedbackSchema), nextCursor }).openapi("ReviewsPage") } },
    },
    ...errorResponses,
  },
});

const questionsRoute = createRoute({
  method: "get",
  path: "/cabinets/{cabinetId}/questions",
  tags: ["Отзывы и вопросы"],
  summary: "Вопросы покупателей: сначала без ответа, затем новые",
  request: {
    params: CabinetPathParam,
    query: z.object({ answered: answeredParam, nmId: nmIdParam, limit: limitParam(), cursor: cursorParam }),
  },
  responses: {
    200: {
      description: "Страница вопросов",
      content: { "application/json": { schema: z.object({ items: z.array(QuestionSchema), nextCursor }).openapi("QuestionsPage") } },
    },
    ...errorResponses,
  },
});

function decodeReviewCursor(kind: string, cursor: string | undefined): ReviewCursor | undefined {
  if (!cursor) return undefined;
  const [answered, at, id, ...rest] = decodeCursor(kind, cursor);
  if (typeof answered !== "boolean" || typeof at !== "number" || !Number.isSafeInteger(at) || typeof id !== "string" || rest.length > 0) {
    throw cursorProblem();
  }
  return { answered, at, id };
}

const encodeReviewCursor = (kind: string, c: ReviewCursor | null) => (c ? encodeCursor(kind, [c.answered, c.at, c.id]) : null);

export function reviewRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(reviewsRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
      const q = c.req.valid("query");
      const result = await listFeedbacks(c.var.db, auth, {
        answered: q.answered,
        ratings: q.rating,
        nmId: q.nmId,
        limit: q.limit,
        after: decodeReviewCursor("reviews", q.cursor),
      });
      return c.json({ items: result.rows.map(feedbackView), nextCursor: encodeReviewCursor("reviews", result.next) }, 200);
    })
    .openapi(questionsRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
      const q = c.req.valid("query");
      const result = await listQuestions(c.var.db, auth, {
        answered: q.answered,
        nmId: q.nmId,
        limit: q.limit,
        after: decodeReviewCursor("questions", q.cursor),
      });
      return c.json({ items: result.rows.map(questionView), nextCursor: encodeReviewCursor("questions", result.next) }, 200);
    });
}
