// Errors of the WB client. Every failure of a WB call surfaces as a WbApiError subclass carrying
// the HTTP status, our method id, WB's own diagnostics (title/detail/requestId) for logs and
// support, and `userMessage`: a Russian sentence a seller can act on (shown by the bot/dashboard).

import { z } from "zod";

import { WB_CATEGORY_LABELS } from "./categories";
import { WB_METHODS, type WbCategory, type WbMethodId } from "./methods";

/** The method a call was made for; `ping` is the per-host health check, not in WB_METHODS. */
export type WbCallId = WbMethodId | "ping";

export interface WbErrorDetails {
  title?: string;
  detail?: string;
  requestId?: string;
  code?: string;
  origin?: string;
}

export interface WbErrorInit extends WbErrorDetails {
  /** HTTP status; 0 when no response was received (timeout, network failure). */
  status: number;
  methodId: WbCallId;
  userMessage: string;
  /** Developer-facing message; defaults to a summary of status, method and WB's detail. */
  message?: string;
  cause?: unknown;
}

export class WbApiError extends Error {
  override name = "WbApiError";
  readonly status: number;
  readonly methodId: WbCallId;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  readonly code: string | undefined;
  readonly origin: string | undefined;
  /** Russian, for the seller. */
  readonly userMessage: string;

  constructor(init: WbErrorInit) {
    super(init.message ?? summary(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.methodId = init.methodId;
    this.title = init.title;
    this.detail = init.detail;
    this.requestId = init.requestId;
    this.code = init.code;
    this.origin = init.origin;
    this.userMessage = init.userMessage;
  }
}

type SubInit = Omit<WbErrorInit, "userMessage" | "status"> & { userMessage?: string };

/** 401: token missing, expired, malformed, or without the method's category. */
export class WbUnauthorizedError extends WbApiError {
  override name = "WbUnauthorizedError";
  /** Set when WB said the token's scope does not cover the method. */
  readonly missingCategory: WbCategory | undefined;
  readonly reason: "scope" | "expired" | "other";

  constructor(init: SubInit) {
    const reason = classify401(init.detail ?? init.title);
    const category = categoryOf(init.methodId);
    const missingCategory = reason === "scope" && category !== "common" ? category : undefined;
    super({
      ...init,
      status: 401,
      userMessage: init.userMessage ?? unauthorizedMessage(reason, missingCategory),
    });
    this.reason = reason;
    this.missingCategory = missingCategory;
  }
}

/** 403: e.g. "base token is not allowed", a deleted user's token, a blocked method, no Jam subscription. */
export class WbForbiddenError extends WbApiError {
  override name = "WbForbiddenError";
  readonly baseTokenNotAllowed: boolean;

  constructor(init: SubInit) {
    const baseTokenNotAllowed = /base token/i.test(init.detail ?? "");
    super({
      ...init,
      status: 403,
      userMessage:
        init.userMessage ??
        (baseTokenNotAllowed
          ? "WB не открывает этот раздел для базового токена. Нужен сервисный токен или базовый токен вместе с секретом сервиса."
          : `WB запретил доступ к этому методу (403)${init.detail ? `: ${init.detail}` : ""}. Проверьте, что токен не отозван и у магазина есть нужная подписка.`),
    });
    this.baseTokenNotAllowed = baseTokenNotAllowed;
  }
}

/** 404 whose detail says WB switched the method off ("This method is deprecated. Link: …"). */
export class WbDeprecatedMethodError extends WbApiError {
  override name = "WbDeprecatedMethodError";

  constructor(init: SubInit) {
    super({
      ...init,
      status: 404,
      userMessage: init.userMessage ?? "WB отключил метод API, которым мы пользовались. Мы уже знаем об этом и переходим на новый.",
    });
  }
}

/** 429 that outlived our retries, or whose wait is longer than we may sleep inside one call. */
export class WbRateLimitedError extends WbApiError {
  override name = "WbRateLimitedError";
  /** How long WB asked us to wait (X-Ratelimit-Retry), when it said so. */
  readonly retryAfterMs: number | null;

  constructor(init: SubInit & { retryAfterMs: number | null }) {
    const wait = init.retryAfterMs === null ? null : formatDurationRu(init.retryAfterMs);
    super({
      ...init,
      status: 429,
      userMessage:
        init.userMessage ??
        (wait
          ? `WB временно ограничил частоту запросов. Повторим примерно через ${wait}.`
          : "WB временно ограничил частоту запросов. Повторим чуть позже."),
    });
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** 5xx that outlived our retries. */
export class WbServerError extends WbApiError {
  override name = "WbServerError";

  constructor(init: SubInit & { status: number }) {
    super({ ...init, userMessage: init.userMessage ?? "Сервер WB сейчас не отвечает как надо. Повторим позже." });
  }
}

/** No response within the per-attempt timeout, on every attempt. */
export class WbTimeoutError extends WbApiError {
  override name = "WbTimeoutError";
  readonly timeoutMs: number;

  constructor(init: SubInit & { timeoutMs: number }) {
    super({ ...init, status: 0, userMessage: init.userMessage ?? "WB не ответил вовремя. Повторим позже." });
    this.timeoutMs = init.timeoutMs;
  }
}

/** The request never got an HTTP response (DNS, connection reset …), on every attempt. */
export class WbNetworkError extends WbApiError {
  override name = "WbNetworkError";

  constructor(init: SubInit) {
    super({ ...init, status: 0, userMessage: init.userMessage ?? "Не удалось связаться с WB. Повторим позже." });
  }
}

/**
 * The body is not JSON or lacks the fields we rely on. Callers must treat the whole response as
 * unusable: nothing from it may be written, and no cursor may advance.
 */
export class WbMalformedResponseError extends WbApiError {
  override name = "WbMalformedResponseError";

  constructor(init: SubInit & { status: number }) {
    super({ ...init, userMessage: init.userMessage ?? "WB прислал ответ в неожиданном формате. Данные не сохранены, повторим позже." });
  }
}

/** An asynchronous WB report task ended without a result (canceled, purged, or never ready). */
export class WbReportTaskError extends WbApiError {
  override name = "WbReportTaskError";
  readonly taskId: string;
  readonly taskStatus: string;

  constructor(init: SubInit & { taskId: string; taskStatus: string }) {
    super({
      ...init,
      status: 200,
      userMessage:
        init.userMessage ??
        (init.taskStatus === "canceled" || init.taskStatus === "purged"
          ? "WB отменил подготовку отчёта. Запросим его заново позже."
          : "WB слишком долго готовит отчёт. Запросим его заново позже."),
    });
    this.taskId = init.taskId;
    this.taskStatus = init.taskStatus;
  }
}

// ---------------------------------------------------------------------------------------------

// WB answers errors either as application/problem+json ({title, detail, requestId, …}), as the
// Content/Prices/Feedbacks envelope ({error: true, errorText, additionalErrors}) or, on Statistics
// 400s, as {errors: [..]}. We only read strings out of it, so a loose schema suffices.
const optionalString = z.string().optional().catch(undefined);
const ErrorBody = z.looseObject({
  title: optionalString,
  detail: optionalString,
  message: optionalString,
  requestId: optionalString,
  code: optionalString,
  origin: optionalString,
  errorText: optionalString,
  errors: z.array(z.string()).optional().catch(undefined),
  additionalErrors: z.array(z.string()).nullish().catch(undefined),
});

/** Extracts WB's diagnostics from an error body; tolerant of anything, including non-JSON. */
export function parseWbErrorBody(text: string): WbErrorDetails {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const trimmed = text.trim();
    return trimmed ? { detail: trimmed.slice(0, 300) } : {};
  }
  const parsed = ErrorBody.safeParse(json);
  if (!parsed.success) return {};
  const b = parsed.data;
  const extra = [...(b.errors ?? []), ...(b.additionalErrors ?? [])].filter(Boolean).join("; ");
  const detail = b.detail || b.errorText || b.message || extra || undefined;
  return {
    ...(b.title ? { title: b.title } : {}),
    ...(detail ? { detail } : {}),
    ...(b.requestId ? { requestId: b.requestId } : {}),
    ...(b.code ? { code: b.code } : {}),
    ...(b.origin ? { origin: b.origin } : {}),
  };
}

/** The error for a final (not retried, or retries exhausted) non-2xx response. */
export function errorFromResponse(
  methodId: WbCallId,
  status: number,
  details: WbErrorDetails,
  retryAfterMs: number | null = null,
): WbApiError {
  const init = { methodId, ...details };
  if (status === 401) return new WbUnauthorizedError(init);
  if (status === 403) return new WbForbiddenError(init);
  if (status === 404 && /deprecated/i.test(`${details.detail ?? ""} ${details.title ?? ""}`)) {
    return new WbDeprecatedMethodError(init);
  }
  if (status === 429) return new WbRateLimitedError({ ...init, retryAfterMs });
  if (status >= 500) return new WbServerError({ ...init, status });
  return new WbApiError({ ...init, status, userMessage: genericMessage(status, details.detail) });
}

function genericMessage(status: number, detail: string | undefined): string {
  const suffix = detail ? `: ${detail}` : ".";
  switch (status) {
    case 400:
      return `WB отклонил запрос (400)${suffix}`;
    case 402:
      return "WB требует оплату для этого метода (402): пополните баланс сервиса в кабинете WB.";
    case 404:
      return `WB не нашёл метод или объект (404)${suffix}`;
    case 409:
      return `WB сообщил о конфликте (409)${suffix}`;
    case 413:
      return "Запрос к WB получился слишком большим (413).";
    case 422:
      return `WB не принял данные (422)${suffix}`;
    default:
      return `WB ответил ошибкой ${status}${suffix}`;
  }
}

function classify401(text: string | undefined): "scope" | "expired" | "other" {
  if (!text) return "other";
  if (/scope/i.test(text)) return "scope";
  if (/expired/i.test(text)) return "expired";
  return "other";
}

function unauthorizedMessage(reason: "scope" | "expired" | "other", category: WbCategory | undefined): string {
  if (reason === "scope" && category) {
    return `У токена нет доступа к категории «${WB_CATEGORY_LABELS[category]}». Создайте в кабинете WB токен с этой категорией и замените его в настройках.`;
  }
  if (reason === "scope") return "У токена нет доступа к нужной категории API. Создайте токен с нужными категориями.";
  if (reason === "expired") return "Срок действия токена WB истёк. Создайте новый токен в кабинете WB и замените его в настройках.";
  return "WB не принял токен: он отозван, истёк или введён с ошибкой. Создайте новый токен в кабинете WB.";
}

function categoryOf(methodId: WbCallId): WbCategory {
  return methodId === "ping" ? "common" : WB_METHODS[methodId].category;
}

function summary(init: WbErrorInit): string {
  const parts = [`WB ${init.methodId}: HTTP ${init.status}`];
  if (init.title) parts.push(init.title);
  if (init.detail) parts.push(init.detail);
  if (init.requestId) parts.push(`requestId=${init.requestId}`);
  return parts.join(" | ");
}

/** "45 с", "3 мин", "2 ч 5 мин": abbreviations avoid Russian plural forms. */
export function formatDurationRu(ms: number): string {
  const totalSeconds = Math.max(1, Math.ceil(ms / 1000));
  if (totalSeconds < 60) return `${totalSeconds} с`;
  const totalMinutes = Math.ceil(totalSeconds / 60);
  if (totalMinutes < 60) return `${totalMinutes} мин`;
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes ? `${hours} ч ${minutes} мин` : `${hours} ч`;
}
