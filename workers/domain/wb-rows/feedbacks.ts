// WB feedbacks and questions (`GET /api/v1/feedbacks`, `GET /api/v1/questions`) → rows keyed by
// WB's string id. Their dates carry an offset ("2024-09-26T10:20:48+03:00"), honoured as sent.
//
// A row counts as answered when it carries a non-empty answer text, whatever list it came from.
// WB does not say who answered or (for feedbacks) when: a row first seen answered gets
// answerSource "wb"; answers we send ourselves are recorded by the answering code, and the sync
// never overwrites answerSource (see workers/sync/datasets/reviews.ts).

import type { NewFeedback, NewQuestion } from "../../../db/schema";
import type { WbFeedback, WbQuestion } from "../../wb/types";
import { int, optionalInt, text, wbDateTime, wbOptionalDateTime } from "./common";

function hasText(value: string | null | undefined): value is string {
  return value !== null && value !== undefined && value.trim() !== "";
}

export function wbFeedbackToRow(cabinetId: string, f: WbFeedback, syncedAt: Date): NewFeedback {
  const details = f.productDetails;
  const answerText = f.answer?.text;
  const isAnswered = hasText(answerText);
  return {
    cabinetId,
    id: f.id,
    nmId: int(details?.nmId),
    imtId: optionalInt(details?.imtId),
    productName: text(details?.productName),
    supplierArticle: text(details?.supplierArticle),
    size: text(details?.size),
    rating: int(f.productValuation),
    text: text(f.text),
    pros: text(f.pros),
    cons: text(f.cons),
    userName: text(f.userName),
    createdAt: wbDateTime(f.createdDate ?? ""),
    state: text(f.state),
    answerText: isAnswered ? answerText : null,
    answerState: text(f.answer?.state),
    answeredAt: null,
    answerSource: isAnswered ? "wb" : null,
    isAnswered,
    orderStatus: text(f.orderStatus),
    photoCount: f.photoLinks?.length ?? 0,
    hasVideo: f.video !== null && f.video !== undefined,
    wasViewed: f.wasViewed ?? false,
    syncedAt,
  };
}

export function wbQuestionToRow(cabinetId: string, q: WbQuestion, syncedAt: Date): NewQuestion {
  const details = q.productDetails;
  const answerText = q.answer?.text;
  const isAnswered = hasText(answerText);
  return {
    cabinetId,
    id: q.id,
    nmId: int(details?.nmId),
    imtId: optionalInt(details?.imtId),
    productName: text(details?.productName),
    supplierArticle: text(details?.supplierArticle),
    text: q.text ?? "",
    createdAt: wbDateTime(q.createdDate ?? ""),
    state: text(q.state),
    answerText: isAnswered ? answerText : null,
    answeredAt: isAnswered ? wbOptionalDateTime(q.answer?.createDate) : null,
    answerSource: isAnswered ? "wb" : null,
    isAnswered,
    wasViewed: q.wasViewed ?? false,
    syncedAt,
  };
}
