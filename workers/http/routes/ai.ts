// The AI assistant in the REST API: chat (JSON, or a text/event-stream of the answer as it is
// written), history and the daily quota, answer drafts, reply settings and card texts. Chat,
// history and usage are for any member; drafts, settings changes and card texts for managers.

import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";

import { type AssistantOutcome, QUESTION_MAX_CHARS, askAssistant, assistantHistory, assistantUsage, limitMessage, resetAssistant } from "../../ai/assistant";
import { generateCardText } from "../../ai/card-text";
import { type DraftOutcome, SIGNATURE_MAX_CHARS, draftAnswer, getReplySettings, updateReplySettings } from "../../ai/review-drafts";
import { AI_REPLY_TONES } from "../../../db/schema";
import { requireCabinetAccess } from "../../cabinets/access";
import type { AppEnv } from "../app-env";
import { ProblemError, problemResponse, problems } from "../problem";
import { errorResponses, problemContent } from "../schemas";
import { CabinetPathParam } from "./params";

const tags = ["ИИ-ассистент"];

const aiErrors = {
  ...errorResponses,
  429: { description: "Дневной лимит запросов к ИИ исчерпан (заголовок Retry-After)", content: problemContent },
  502: { description: "ИИ-сервис не ответил или ответил ошибкой", content: problemContent },
  503: { description: "ИИ-ассистент не настроен на этом сервере", content: problemContent },
} as const;

const ToolUseSchema = z.object({ name: z.string(), arguments: z.record(z.string(), z.unknown()), result: z.unknown() }).openapi("AiToolUse");
const SourceSchema = z.object({ kind: z.enum(["card", "feedback", "question", "kb"]), key: z.string(), nmId: z.number().int().nullable(), title: z.string() }).openapi("AiSource");
const AnswerSchema = z
  .object({
    answer: z.string(),
    toolUses: z.array(ToolUseSchema).openapi({ description: "Инструменты, которые вызвал ИИ, и цифры, которые они вернули" }),
    sources: z.array(SourceSchema),
    remaining: z.number().int(),
    limit: z.number().int(),
  })
  .openapi("AiAnswer");
const UsageSchema = z.object({ used: z.number().int(), limit: z.number().int(), remaining: z.number().int(), resetsAt: z.string() }).openapi("AiUsage");
const TurnSchema = z.object({ role: z.enum(["user", "assistant"]), content: z.string(), at: z.string() });
const SettingsSchema = z.object({ tone: z.enum(AI_REPLY_TONES), signature: z.string().nullable(), autoSendPositive: z.boolean() }).openapi("AiReplySettings");

const chatRoute = createRoute({
  method: "post",
  path: "/cabinets/{cabinetId}/ai/chat",
  tags,
  summary: "Вопрос ИИ-ассистенту о кабинете",
  description: "С заголовком `Accept: text/event-stream` ответ приходит потоком: события `delta` ({text}), затем `done` (как JSON-ответ) или `error` (problem).",
  request: {
    params: CabinetPathParam,
    body: {
      content: {
        "application/json": {
          schema: z.object({
            question: z
              .string({ error: "question: нужен текст вопроса" })
              .openapi({ description: `Вопрос, до ${QUESTION_MAX_CHARS} символов`, example: "Сколько заказов за 7 дней?" }),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      description: "Ответ ассистента (или поток text/event-stream)",
      content: { "application/json": { schema: AnswerSchema }, "text/event-stream": { schema: z.string() } },
    },
    ...aiErrors,
  },
});

const historyRoute = createRoute({
  method: "get",
  path: "/cabinets/{cabinetId}/ai/history",
  tags,
  summary: "История диалога с ассистентом (ваша, по этому кабинету)",
  request: { params: CabinetPathParam },
  responses: { 200: { description: "Реплики, старые сначала", content: { "application/json": { schema: z.object({ items: z.array(TurnSchema) }) } } }, ...errorResponses },
});

const resetRoute = createRoute({
  method: "delete",
  path: "/cabinets/{cabinetId}/ai/history",
  tags,
  summary: "Очистить историю диалога",
  request: { params: CabinetPathParam },
  responses: { 204: { description: "История очищена" }, ...errorResponses },
});

const usageRoute = createRoute({
  method: "get",
  path: "/cabinets/{cabinetId}/ai/usage",
  tags,
  summary: "Сколько запросов к ИИ осталось сегодня",
  request: { params: CabinetPathParam },
  responses: { 200: { description: "Лимит на сегодня (сброс в 00:00 МСК)", content: { "application/json": { schema: UsageSchema } } }, ...errorResponses },
});

const draftRoute = createRoute({
  method: "post",
  path: "/cabinets/{cabinetId}/ai/drafts",
  tags,
  summary: "Черновик ответа на отзыв или вопрос",
  description: "Черновик не отправляется: отправьте его (или исправленный текст) обычным ответом. Нужна роль менеджера или владельца.",
  request: {
    params: CabinetPathParam,
    body: {
      content: {
        "application/json": {
          schema: z.object({
            kind: z.enum(["feedback", "question"], { error: "kind: feedback или question" }).openapi({ example: "feedback" }),
            id: z.string({ error: "id: идентификатор отзыва или вопроса WB" }).min(1).max(64).openapi({ example: "fb" }),
          }),
        },
      },
      required: true,
    },
  },
  responses: { 200: { description: "Черновик", content: { "application/json": { schema: z.object({ text: z.string() }).openapi("AiDraft") } } }, 409: { description: "На отзыв уже ответили", content: problemContent }, ...aiErrors },
});

const getSettingsRoute = createRoute({
  method: "get",
  path: "/cabinets/{cabinetId}/ai/reply-settings",
  tags,
  summary: "Настройки ИИ-ответов на отзывы",
  request: { params: CabinetPathParam },
  responses: { 200: { description: "Настройки", content: { "application/json": { schema: SettingsSchema } } }, ...errorResponses },
});

const putSettingsRoute = createRoute({
  method: "put",
  path: "/cabinets/{cabinetId}/ai/reply-settings",
  tags,
  summary: "Изменить настройки ИИ-ответов (тон, подпись, автоответ на 4–5★)",
  description: "Отзывы на 1–3★ никогда не отправляются автоматически. Автоответ касается только отзывов, пришедших после включения.",
  request: {
    params: CabinetPathParam,
    body: {
      content: {
        "application/json": {
          schema: z.object({
            tone: z.enum(AI_REPLY_TONES, { error: "tone: friendly, formal или brief" }).optional().openapi({ example: "friendly" }),
            signature: z
              .string()
              .max(SIGNATURE_MAX_CHARS, { error: `signature: не длиннее ${SIGNATURE_MAX_CHARS} символов` })
              .nullable()
              .optional()
              .openapi({ example: "С уважением, команда бренда" }),
            autoSendPositive: z.boolean({ error: "autoSendPositive: true или false" }).optional().openapi({ example: false }),
          }),
        },
      },
      required: true,
    },
  },
  responses: { 200: { description: "Сохранённые настройки", content: { "application/json": { schema: SettingsSchema } } }, ...errorResponses },
});

const cardTextRoute = createRoute({
  method: "post",
  path: "/cabinets/{cabinetId}/ai/card-texts/{nmId}",
  tags,
  summary: "Название и описание карточки от ИИ (в пределах лимитов WB)",
  request: {
    params: CabinetPathParam.extend({
      nmId: z.coerce
        .number({ error: "nmId должен быть числом" })
        .int()
        .positive({ error: "nmId должен быть положительным" })
        .openapi({ param: { name: "nmId", in: "path" }, example: 100 }),
    }),
  },
  responses: {
    200: {
      description: "Сгенерированный текст",
      content: {
        "application/json": {
          schema: z
            .object({ nmId: z.number().int(), title: z.string(), description: z.string(), titleLimit: z.number().int(), descriptionLimit: z.number().int(), warnings: z.array(z.string()) })
            .openapi("AiCardText"),
        },
      },
    },
    ...aiErrors,
  },
});

type Failure = Extract<AssistantOutcome | DraftOutcome, { kind: "limit_reached" | "not_configured" | "failed" | "invalid" | "missing" | "already_answered" }>;

/** An outcome that is not an answer, as the problem a client gets. */
function failureResponse(outcome: Failure, now = new Date()): Response {
  switch (outcome.kind) {
    case "limit_reached": {
      const seconds = Math.max(1, Math.ceil((outcome.resetsAt.getTime() - now.getTime()) / 1000));
      return problemResponse(problems.tooManyRequests(limitMessage(outcome.limit), seconds).problem, { "Retry-After": String(seconds) });
    }
    case "not_configured":
      return problemResponse(new ProblemError(503, "ai-not-configured", "AI not configured", outcome.message).problem);
    case "failed":
      return problemResponse(new ProblemError(502, "ai-unavailable", "AI provider error", outcome.message).problem);
    case "invalid":
      return problemResponse(problems.badRequest(outcome.message).problem);
    case "missing":
      return problemResponse(problems.notFound("Такого отзыва или вопроса нет в этом кабинете.").problem);
    case "already_answered":
      return problemResponse(problems.conflict("На этот отзыв или вопрос уже есть ответ.").problem);
  }
}

function answerBody(outcome: Extract<AssistantOutcome, { kind: "answered" }>) {
  return { answer: outcome.text, toolUses: outcome.toolUses, sources: outcome.sources, remaining: outcome.remaining, limit: outcome.limit };
}

export function aiRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(chatRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
      const { question } = c.req.valid("json");
      if ((c.req.header("Accept") ?? "").includes("text/event-stream")) {
        return streamSSE(c, async (stream) => {
          const outcome = await askAssistant(c.env, c.var.db, auth, question, {
            onDelta: (text) => void stream.writeSSE({ event: "delta", data: JSON.stringify({ text }) }),
          });
          if (outcome.kind === "answered") await stream.writeSSE({ event: "done", data: JSON.stringify(answerBody(outcome)) });
          else await stream.writeSSE({ event: "error", data: await failureResponse(outcome).text() });
        }) as never;
      }
      const outcome = await askAssistant(c.env, c.var.db, auth, question);
      if (outcome.kind !== "answered") return failureResponse(outcome) as never;
      return c.json(answerBody(outcome), 200);
    })
    .openapi(historyRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
      const turns = await assistantHistory(c.env, auth);
      return c.json({ items: turns.map((t) => ({ role: t.role, content: t.content, at: new Date(t.at).toISOString() })) }, 200);
    })
    .openapi(resetRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
      await resetAssistant(c.env, auth);
      return c.body(null, 204);
    })
    .openapi(usageRoute, async (c) => {
      await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
      const usage = await assistantUsage(c.env, c.var.userId);
      return c.json({ ...usage, resetsAt: new Date(usage.resetsAt).toISOString() }, 200);
    })
    .openapi(draftRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId, "manager");
      const { kind, id } = c.req.valid("json");
      const outcome = await draftAnswer(c.env, c.var.db, auth, kind, id);
      if (outcome.kind !== "drafted") return failureResponse(outcome) as never;
      return c.json({ text: outcome.text }, 200);
    })
    .openapi(getSettingsRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
      const s = await getReplySettings(c.var.db, auth);
      return c.json({ tone: s.tone, signature: s.signature, autoSendPositive: s.autoSendPositive }, 200);
    })
    .openapi(putSettingsRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId, "manager");
      const s = await updateReplySettings(c.var.db, auth, c.req.valid("json"), new Date());
      return c.json({ tone: s.tone, signature: s.signature, autoSendPositive: s.autoSendPositive }, 200);
    })
    .openapi(cardTextRoute, async (c) => {
      const params = c.req.valid("param");
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, params.cabinetId, "manager");
      const outcome = await generateCardText(c.env, c.var.db, auth, params.nmId);
      if (outcome.kind === "missing") throw problems.notFound("Такой карточки нет в этом кабинете.");
      if (outcome.kind !== "generated") return failureResponse(outcome) as never;
      const { kind: _kind, ...body } = outcome;
      return c.json(body, 200);
    });
}
