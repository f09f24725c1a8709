// RFC 9457 problem details: every API error is `application/problem+json`. `title` is a short,
// stable English summary for programs; `detail` is Russian text a seller can be shown as is.

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

const TYPE_BASE = "https://wb-assist.dev/problems/";

export class ProblemError extends Error {
  readonly problem: ProblemDetails;

  constructor(status: number, slug: string, title: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(`${title}: ${detail}`);
    this.problem = { type: `${TYPE_BASE}${slug}`, title, status, detail, ...extensions };
  }
}

export function problemResponse(problem: ProblemDetails, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "Content-Type": "application/problem+json; charset=utf-8", ...headers },
  });
}

export const problems = {
  badRequest: (detail: string, extensions?: Record<string, unknown>) =>
    new ProblemError(400, "bad-request", "Bad request", detail, extensions),
  unauthorized: (detail = "Нужен действующий API-токен: заголовок Authorization: Bearer <токен>.") =>
    new ProblemError(401, "unauthorized", "Unauthorized", detail),
  forbidden: (detail: string) => new ProblemError(403, "forbidden", "Forbidden", detail),
  // Someone else's cabinet answers exactly like a missing one, so ids cannot be probed.
  cabinetNotFound: () =>
    new ProblemError(404, "cabinet-not-found", "Cabinet not found", "Кабинет не найден или у вас нет к нему доступа."),
  notFound: (detail = "Такого адреса в API нет.") => new ProblemError(404, "not-found", "Not found", detail),
  conflict: (detail: string) => new ProblemError(409, "conflict", "Conflict", detail),
  unprocessable: (detail: string, extensions?: Record<string, unknown>) =>
    new ProblemError(422, "unprocessable", "Unprocessable content", detail, extensions),
  tooManyRequests: (detail: string, retryAfterSeconds: number) =>
    new ProblemError(429, "too-many-requests", "Too many requests", detail, { retryAfterSeconds }),
  badGateway: (detail: string, extensions?: Record<string, unknown>) =>
    new ProblemError(502, "wb-unavailable", "WB API error", detail, extensions),
  internal: () =>
    new ProblemError(500, "internal", "Internal error", "Внутренняя ошибка. Мы уже знаем о ней; попробуйте позже."),
};
