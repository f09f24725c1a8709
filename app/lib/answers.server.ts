// Replies from the dashboard: the same path as the bot's (claim → gate → one WB call, at most one
// answer per review; workers/reviews/send-answer.ts) with the source recorded as "dashboard" and
// the outcome worded for a web form.

import type { AuthorizedCabinet } from "../../workers/cabinets/access";
import type { Db } from "../../workers/db/client";
import type { AnswerTargetKind } from "../../workers/queries/review-answers";
import { ANSWER_MAX_CHARS, ANSWER_MIN_CHARS, type AnswerOutcome, sendAnswer } from "../../workers/reviews/send-answer";

export interface AnswerResult {
  ok: boolean;
  /** What happened, in Russian, for the seller. */
  message: string;
  /** True when the row now counts as answered (sent, or possibly sent). */
  answered: boolean;
}

function resultOf(outcome: AnswerOutcome, kind: AnswerTargetKind): AnswerResult {
  switch (outcome.kind) {
    case "sent":
      return { ok: true, answered: true, message: "Ответ опубликован на WB." };
    case "too_short":
      return { ok: false, answered: false, message: `Ответ слишком короткий: WB принимает от ${ANSWER_MIN_CHARS} символов.` };
    case "too_long":
      return { ok: false, answered: false, message: `Ответ слишком длинный: WB принимает до ${ANSWER_MAX_CHARS} символов.` };
    case "read_only":
      return { ok: false, answered: false, message: "Токен WB этого кабинета — только на чтение. Замените его в настройках, чтобы отвечать." };
    case "missing":
      return { ok: false, answered: false, message: kind === "feedback" ? "Такого отзыва нет в кабинете." : "Такого вопроса нет в кабинете." };
    case "already_answered":
      return { ok: false, answered: true, message: "На него уже ответили — ответ мог отправить другой участник кабинета." };
    case "rate_limited": {
      const seconds = Math.max(1, Math.ceil(outcome.retryAfterMs / 1000));
      return { ok: false, answered: false, message: `WB разрешит следующий ответ через ${seconds} с. Попробуйте чуть позже — текст сохранится в поле.` };
    }
    case "unavailable":
      return { ok: false, answered: false, message: outcome.message };
    case "failed":
      return { ok: false, answered: false, message: `WB не принял ответ: ${outcome.message}` };
    case "uncertain":
      // WB may have the reply: the claim stays (a second reply must not go out) and the next
      // reviews sync shows what WB really has.
      return { ok: false, answered: true, message: `WB не ответил вовремя (${outcome.message}). Ответ, скорее всего, дошёл — проверим при следующей синхронизации.` };
  }
}

/** `auth` must carry at least the manager role (the caller asked requireCabinetAccess for it). */
export async function sendDashboardAnswer(
  env: Env,
  db: Db,
  auth: AuthorizedCabinet,
  kind: AnswerTargetKind,
  id: string,
  rawText: string,
  now = new Date(),
): Promise<AnswerResult> {
  if (auth.role === "viewer") throw new Error("sendDashboardAnswer: the manager role is required");
  return resultOf(await sendAnswer(env, db, auth, kind, id, rawText, now, "dashboard"), kind);
}
