// Feedbacks & questions API (09-communications.yaml): lists with take/skip paging, counters, the
// "anything new?" poller, and the two write methods whose effect is persisted in the store and
// reflected in every later list and counter.

import { feedbackAnswered, feedbacksAt, feedbackView, type FeedbackDraft } from "../feedbacks";
import { intParam, isRecord, json, readJson, type RequestContext } from "../http";
import { questionAnswered, questionsAt, questionView, type QuestionDraft, type QuestionOverrides } from "../questions";
import type { SandboxAnswer, SandboxAnswerKind } from "../store";
import { DAY_MS, mskDayIndex } from "../time";

const ENVELOPE_OK = { error: false, errorText: "", additionalErrors: null };

/** responseFeedbackQuestionErr: the envelope-style error of the feedbacks API. */
function envelopeError(ctx: RequestContext, status: number, errorText: string): Response {
  return json(status, { data: null, error: true, errorText, additionalErrors: null, requestId: ctx.requestId() });
}

async function answersById(ctx: RequestContext, kind: SandboxAnswerKind): Promise<Map<string, SandboxAnswer>> {
  return new Map((await ctx.store.listAnswers(kind)).map((a) => [a.id, a]));
}

interface ListQuery {
  isAnswered: boolean;
  take: number;
  skip: number;
  nmId: number | null;
  order: "dateAsc" | "dateDesc";
  dateFrom: number | null;
  dateTo: number | null;
}

function parseListQuery(ctx: RequestContext, maxTake: number, check: (take: number, skip: number) => string | null): ListQuery | Response {
  const url = ctx.url;
  const isAnswered = url.searchParams.get("isAnswered");
  if (isAnswered !== "true" && isAnswered !== "false") return envelopeError(ctx, 400, "Не указан или некорректен обязательный параметр isAnswered");
  const take = intParam(url, "take");
  const skip = intParam(url, "skip");
  if (take === null || Number.isNaN(take)) return envelopeError(ctx, 400, "Не указан или некорректен обязательный параметр take");
  if (skip === null || Number.isNaN(skip)) return envelopeError(ctx, 400, "Не указан или некорректен обязательный параметр skip");
  if (take < 1 || take > maxTake || skip < 0) return envelopeError(ctx, 400, `Параметр take должен быть от 1 до ${maxTake}, skip — не меньше 0`);
  const problem = check(take, skip);
  if (problem) return envelopeError(ctx, 400, problem);
  const order = url.searchParams.get("order") ?? "dateDesc";
  if (order !== "dateAsc" && order !== "dateDesc") return envelopeError(ctx, 400, "Параметр order может быть dateAsc или dateDesc");
  const nmId = intParam(url, "nmId");
  const dateFrom = intParam(url, "dateFrom");
  const dateTo = intParam(url, "dateTo");
  if ([nmId, dateFrom, dateTo].some((v) => v !== null && Number.isNaN(v))) return envelopeError(ctx, 400, "Некорректный числовой параметр запроса");
  return { isAnswered: isAnswered === "true", take, skip, nmId, order, dateFrom, dateTo };
}

function applyQuery<T extends { createdMs: number }>(all: T[], q: ListQuery, answered: (x: T) => boolean, nmIdOf: (x: T) => number): T[] {
  let list = all.filter((x) => answered(x) === q.isAnswered);
  if (q.nmId !== null) list = list.filter((x) => nmIdOf(x) === q.nmId);
  const from = q.dateFrom;
  const to = q.dateTo;
  if (from !== null) list = list.filter((x) => x.createdMs >= from * 1000);
  if (to !== null) list = list.filter((x) => x.createdMs <= to * 1000);
  if (q.order === "dateAsc") list = [...list].reverse();
  return list.slice(q.skip, q.skip + q.take);
}

// --- feedbacks -------------------------------------------------------------------------------

async function feedbackState(ctx: RequestContext): Promise<{ all: FeedbackDraft[]; stored: Map<string, SandboxAnswer>; answered: (d: FeedbackDraft) => boolean }> {
  const all = feedbacksAt(ctx.world, ctx.nowMs);
  const stored = await answersById(ctx, "feedback");
  return { all, stored, answered: (d) => feedbackAnswered(d, ctx.nowMs, stored.get(d.id)) };
}

export async function feedbacksListHandler(ctx: RequestContext): Promise<Response> {
  // take ≤ 5 000, skip ≤ 199 990 (the parameters' descriptions in the spec).
  const q = parseListQuery(ctx, 5000, (_take, skip) => (skip > 199_990 ? "Параметр skip не может быть больше 199990" : null));
  if (q instanceof Response) return q;
  const { all, stored, answered } = await feedbackState(ctx);
  const unanswered = all.filter((d) => !answered(d)).length;
  const page = applyQuery(all, q, answered, (d) => d.order.item.nmID);
  return json(200, {
    data: {
      countUnanswered: unanswered,
      countArchive: all.length - unanswered,
      feedbacks: page.map((d) => feedbackView(d, ctx.nowMs, stored.get(d.id))),
    },
    ...ENVELOPE_OK,
  });
}

export async function feedbacksCountHandler(ctx: RequestContext): Promise<Response> {
  const { all, answered } = await feedbackState(ctx);
  const today = mskDayIndex(ctx.nowMs);
  const open = all.filter((d) => !answered(d));
  return json(200, { data: { countUnanswered: open.length, countUnansweredToday: open.filter((d) => mskDayIndex(d.createdMs) === today).length }, ...ENVELOPE_OK });
}

/** standardizedFQError: the newer problem-style 400 of the answer method. */
function fqError(ctx: RequestContext, detail: string): Response {
  return json(400, { title: "bad request", requestId: ctx.requestId(), origin: "fbapi", detail });
}

export async function feedbackAnswerHandler(ctx: RequestContext): Promise<Response> {
  const contentType = ctx.request.headers.get("Content-Type");
  if (contentType === null || contentType.trim() === "") return fqError(ctx, "content-type header not specified");
  const mime = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(mime)) return fqError(ctx, `content-type is not a valid mime-type: ${contentType}`);
  if (mime !== "application/json") return fqError(ctx, `not a json content-type: ${mime}`);
  const body = await readJson(ctx.request);
  if (!isRecord(body)) return fqError(ctx, "Неверный синтаксис JSON");
  if (typeof body.id !== "string" || body.id === "") return fqError(ctx, "Не указан id отзыва");
  if (typeof body.text !== "string" || body.text.trim().length < 2 || body.text.length > 5000) return fqError(ctx, "Текст ответа должен содержать от 2 до 5000 символов");
  // WB does not validate the id ("ID отзыва не валидируется"): unknown ids succeed and change nothing.
  await ctx.store.saveAnswer({ kind: "feedback", id: body.id, text: body.text, answeredAt: ctx.nowMs });
  return new Response(null, { status: 204 });
}

// --- questions -------------------------------------------------------------------------------

async function questionState(ctx: RequestContext): Promise<{ all: QuestionDraft[]; overrides: (q: QuestionDraft) => QuestionOverrides }> {
  const all = questionsAt(ctx.world, ctx.nowMs);
  const [answers, rejected, viewed] = await Promise.all([answersById(ctx, "question"), answersById(ctx, "questionRejected"), answersById(ctx, "questionViewed")]);
  return { all, overrides: (q) => ({ answer: answers.get(q.id), rejected: rejected.get(q.id), viewed: viewed.get(q.id) }) };
}

export async function questionsListHandler(ctx: RequestContext): Promise<Response> {
  // take + skip ≤ 10 000 (the parameters' descriptions in the spec).
  const q = parseListQuery(ctx, 10_000, (take, skip) => (take + skip > 10_000 ? "Сумма параметров take и skip не должна превышать 10000" : null));
  if (q instanceof Response) return q;
  const { all, overrides } = await questionState(ctx);
  const answered = (x: QuestionDraft) => questionAnswered(x, ctx.nowMs, overrides(x));
  const unanswered = all.filter((x) => !answered(x)).length;
  const page = applyQuery(all, q, answered, (x) => x.item.nmID);
  return json(200, {
    data: { countUnanswered: unanswered, countArchive: all.length - unanswered, questions: page.map((x) => questionView(x, ctx.nowMs, overrides(x))) },
    ...ENVELOPE_OK,
  });
}

export async function questionsCountHandler(ctx: RequestContext): Promise<Response> {
  const { all, overrides } = await questionState(ctx);
  const today = mskDayIndex(ctx.nowMs);
  const open = all.filter((x) => !questionAnswered(x, ctx.nowMs, overrides(x)));
  return json(200, { data: { countUnanswered: open.length, countUnansweredToday: open.filter((x) => mskDayIndex(x.createdMs) === today).length }, ...ENVELOPE_OK });
}

export async function questionPatchHandler(ctx: RequestContext): Promise<Response> {
  const body = await readJson(ctx.request);
  if (!isRecord(body) || typeof body.id !== "string") return envelopeError(ctx, 400, "Некорректное тело запроса");
  const { all, overrides } = await questionState(ctx);
  const question = all.find((x) => x.id === body.id);
  if (!question) return envelopeError(ctx, 404, "Не найден вопрос");
  if ("wasViewed" in body && !("answer" in body)) {
    if (typeof body.wasViewed !== "boolean") return envelopeError(ctx, 400, "Некорректное значение wasViewed");
    if (body.wasViewed) await ctx.store.saveAnswer({ kind: "questionViewed", id: question.id, text: "", answeredAt: ctx.nowMs });
    return json(200, { data: null, ...ENVELOPE_OK });
  }
  const answer = body.answer;
  if (!isRecord(answer) || typeof answer.text !== "string" || answer.text.trim() === "") return envelopeError(ctx, 400, "Не указан текст ответа");
  if (body.state !== "wbRu" && body.state !== "none") return envelopeError(ctx, 400, "Параметр state может быть wbRu или none");
  // An answer can be edited within 60 days of sending it.
  const current = questionView(question, ctx.nowMs, overrides(question)).answer;
  if (current && Date.parse(current.createDate) < ctx.nowMs - 60 * DAY_MS) return envelopeError(ctx, 422, "Не удалось отредактировать вопрос");
  await ctx.store.saveAnswer({ kind: body.state === "wbRu" ? "question" : "questionRejected", id: question.id, text: answer.text, answeredAt: ctx.nowMs });
  return json(200, { data: null, ...ENVELOPE_OK });
}

export async function newFeedbacksQuestionsHandler(ctx: RequestContext): Promise<Response> {
  const [fb, qs] = await Promise.all([feedbackState(ctx), questionState(ctx)]);
  const hasNewFeedbacks = fb.all.some((d) => !feedbackView(d, ctx.nowMs, fb.stored.get(d.id)).wasViewed);
  const hasNewQuestions = qs.all.some((x) => !questionView(x, ctx.nowMs, qs.overrides(x)).wasViewed);
  return json(200, { data: { hasNewQuestions, hasNewFeedbacks }, ...ENVELOPE_OK });
}
