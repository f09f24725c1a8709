// A review or a question as the seller reads it in lists, in the reply prompt and in
// new-review notifications (negative ones are marked).

import type { Feedback, Question } from "../../../../db/schema";
import { fmtShortDateTime, safe, stars } from "../../format";
import { escapeHtml, truncate } from "../../html";
import { t } from "../../i18n";

export function isNegative(rating: number): boolean {
  return rating <= 2;
}

function quote(text: string | null, max: number): string {
  return text && text.trim() ? escapeHtml(truncate(text.trim(), max)) : "";
}

/** `max` bounds each free text (lists keep it short; the reply prompt shows everything). */
export function reviewCard(f: Feedback, options: { n?: number; max?: number } = {}): string {
  const max = options.max ?? 300;
  const lines = [
    t("review-head", {
      n: options.n === undefined ? "" : `${options.n}. `,
      negative: isNegative(f.rating) ? 1 : 0,
      stars: stars(f.rating),
      product: truncate(f.productName ?? String(f.nmId), 60),
      article: truncate(f.supplierArticle ?? "", 40),
      size: truncate(f.size ?? "", 20),
    }),
    t("review-meta", { when: fmtShortDateTime(f.createdAt), author: truncate(f.userName || "", 40) }),
  ];
  const text = quote(f.text, max);
  const pros = quote(f.pros, max);
  const cons = quote(f.cons, max);
  if (text) lines.push(t("review-text", { text: safe(text) }));
  if (pros) lines.push(t("review-pros", { text: safe(pros) }));
  if (cons) lines.push(t("review-cons", { text: safe(cons) }));
  if (!text && !pros && !cons) lines.push(t("review-no-text"));
  lines.push(answerLine(f));
  return lines.join("\n");
}

export function questionCard(q: Question, options: { n?: number; max?: number } = {}): string {
  const max = options.max ?? 300;
  return [
    t("question-head", {
      n: options.n === undefined ? "" : `${options.n}. `,
      product: truncate(q.productName ?? String(q.nmId), 60),
      article: truncate(q.supplierArticle ?? "", 40),
    }),
    t("review-meta", { when: fmtShortDateTime(q.createdAt), author: "" }),
    t("review-text", { text: safe(quote(q.text, max) || "—") }),
    answerLine(q),
  ].join("\n");
}

function answerLine(r: Feedback | Question): string {
  if (!r.isAnswered) return t("review-unanswered");
  return t("review-answered", { text: truncate(r.answerText ?? "", 200), source: r.answerSource ?? "" });
}
