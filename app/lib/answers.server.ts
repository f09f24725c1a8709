// Sending a reply to a review or a question from the dashboard: the same protocol as the bot's
// (workers/bot/answers.ts) — claim the row in D1 so only one answer can ever go out, ask the
// cabinet's gate for WB's budget, one WB call, release the claim when WB clearly refused — but
// recorded with source "dashboard". (The bot's sendAnswer records "bot"; once it takes the
// source as a parameter this module can become a call to it.)

import type { AuthorizedCabinet } from "../../workers/cabinets/access";
import { wbClientForCabinet } from "../../workers/cabinets/wb-connection";
import type { Db } from "../../workers/db/client";
import { type AnswerTargetKind, claimAnswer, releaseAnswer } from "../../workers/queries/review-answers";
import { gateFor, tierOf } from "../../workers/sync/gate";
import { WbApiError, WbMalformedResponseError, WbNetworkError, WbTimeoutError } from "../../workers/wb/errors";
import { ANSWER_MAX_CHARS, ANSWER_MIN_CHARS } from "./limits";

const ANSWER_TIMEOUT_MS = 8_000;

export interface AnswerResult {
  ok: boolean;
  /** What happened, in Russian, for the seller. */
  message: string;
  /** True when the row now counts as answered (sent, or possibly sent). */
  answered: boolean;
}

/** `auth` must carry at least the manager role (the caller asked requireCabinetAccess for it). */
export async function sendDashboardAnswer(env: Env, db: Db, auth: AuthorizedCabinet, kind: AnswerTargetKind, id: string, rawText: string, now = new Date()): Promise<AnswerResult> {
  if (auth.role === "viewer") throw new Error("sendDashboardAnswer: the manager role is required");
  const text = rawText.trim();
  const length = Array.from(text).length;
  if (length < ANSWER_MIN_CHARS) return { ok: false, answered: false, message: "Ответ слишком короткий: WB принимает от 2 символов." };
  if (length > ANSWER_MAX_CHARS) return { ok: false, answered: false, message: `Ответ слишком длинный: WB принимает до ${ANSWER_MAX_CHARS} символов.` };
  if (auth.cabinet.tokenReadOnly) {
    return { ok: false, answered: false, message: "Токен WB этого кабинета — только на чтение. Замените его в настройках, чтобы отвечать." };
  }

  const claim = await claimAnswer(db, auth, kind, id, text, "dashboard", now);
  if (claim.status === "missing") return { ok: false, answered: false, message: kind === "feedback" ? "Такого отзыва нет в кабинете." : "Такого вопроса нет в кабинете." };
  if (claim.status === "answered") return { ok: false, answered: true, message: "На него уже ответили — ответ мог отправить другой участник кабинета." };
  const release = () => releaseAnswer(db, auth, kind, id, claim.at, "dashboard");

  const methodId = kind === "feedback" ? "feedbackAnswer" : "questionAnswer";
  const tier = tierOf(auth.cabinet);
  const gate = gateFor(env, auth.cabinet.id);
  const decision = await gate.acquire([methodId], tier, now.getTime());
  if (!decision.granted) {
    await release();
    if (decision.reason === "wait") {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      return { ok: false, answered: false, message: `WB разрешит следующий ответ через ${seconds} с. Попробуйте чуть позже — текст сохранится в поле.` };
    }
    return { ok: false, answered: false, message: decision.message };
  }

  const observations: Promise<unknown>[] = [];
  const client = await wbClientForCabinet(env, auth.cabinet, {
    timeoutMs: ANSWER_TIMEOUT_MS,
    maxRetries: 0,
    onRateLimitHeaders: (method, info) => {
      if (method === "ping") return;
      const observation = { status: info.status, remaining: info.remaining, retrySeconds: info.retrySeconds, resetSeconds: info.resetSeconds };
      observations.push(gate.observe(method, tier, observation, Date.now()).catch((error: unknown) => console.warn("answer: gate.observe failed", error)));
    },
  });
  try {
    if (kind === "feedback") await client.answerFeedback(id, text);
    else await client.answerQuestion(id, text);
    return { ok: true, answered: true, message: "Ответ опубликован на WB." };
  } catch (error) {
    if (error instanceof WbMalformedResponseError && error.status >= 200 && error.status < 300) {
      return { ok: true, answered: true, message: "Ответ опубликован на WB." };
    }
    // No answer from WB: it may have the reply. Keep the claim (a second reply must not go out);
    // the next sync of reviews shows what WB really has.
    if (error instanceof WbTimeoutError || error instanceof WbNetworkError) {
      return { ok: false, answered: true, message: `WB не ответил вовремя (${error.userMessage}). Ответ, скорее всего, дошёл — проверим при следующей синхронизации.` };
    }
    await release();
    if (error instanceof WbApiError) return { ok: false, answered: false, message: `WB не принял ответ: ${error.userMessage}` };
    throw error;
  } finally {
    await Promise.all(observations);
  }
}
