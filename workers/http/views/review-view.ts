import { z } from "@hono/zod-openapi";

import type { Feedback, Question } from "../../../db/schema";

const base = {
  id: z.string(),
  nmId: z.number().int(),
  productName: z.string().nullable(),
  supplierArticle: z.string().nullable(),
  text: z.string().nullable(),
  createdAt: z.string().openapi({ description: "ISO 8601 UTC" }),
  answered: z.boolean(),
  answer: z
    .object({ text: z.string(), answeredAt: z.string().nullable(), source: z.enum(["wb", "bot", "dashboard", "ai"]).nullable() })
    .nullable(),
};

export const FeedbackSchema = z
  .object({
    ...base,
    rating: z.number().int().openapi({ description: "Оценка 1–5" }),
    pros: z.string().nullable(),
    cons: z.string().nullable(),
    userName: z.string().nullable(),
    size: z.string().nullable(),
    orderStatus: z.string().nullable(),
    photoCount: z.number().int(),
    hasVideo: z.boolean(),
  })
  .openapi("Review");

export const QuestionSchema = z.object(base).openapi("Question");

function answerOf(r: Feedback | Question) {
  if (!r.isAnswered && !r.answerText) return null;
  return { text: r.answerText ?? "", answeredAt: r.answeredAt?.toISOString() ?? null, source: r.answerSource };
}

export function feedbackView(f: Feedback): z.infer<typeof FeedbackSchema> {
  return {
    id: f.id,
    nmId: f.nmId,
    productName: f.productName,
    supplierArticle: f.supplierArticle,
    text: f.text,
    createdAt: f.createdAt.toISOString(),
    answered: f.isAnswered,
    answer: answerOf(f),
    rating: f.rating,
    pros: f.pros,
    cons: f.cons,
    userName: f.userName,
    size: f.size,
    orderStatus: f.orderStatus,
    photoCount: f.photoCount,
    hasVideo: f.hasVideo,
  };
}

export function questionView(q: Question): z.infer<typeof QuestionSchema> {
  return {
    id: q.id,
    nmId: q.nmId,
    productName: q.productName,
    supplierArticle: q.supplierArticle,
    text: q.text,
    createdAt: q.createdAt.toISOString(),
    answered: q.isAnswered,
    answer: answerOf(q),
  };
}
