import { describe, expect, it } from "vitest";

import { WbClient, type WbClientOptions, type WbRateLimitInfo, int64KeysAsStrings } from "../../workers/wb/client";
import {
  WbApiError,
  WbDeprecatedMethodError,
  WbForbiddenError,
  WbMalformedResponseError,
  WbNetworkError,
  WbRateLimitedError,
  WbReportTaskError,
  WbServerError,
  WbTimeoutError,
  WbUnauthorizedError,
} from "../../workers/wb/errors";

// --- a scripted fake fetch ------------------------------------------------------------------------

interface Sent {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

type Step = Response | (() => Response | Promise<Response>) | "hang" | Error;

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

function problem(status: number, detail: string, title = "error", headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ title, detail, requestId: "req-1", origin: "s2s-api-auth-test", status }), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
}

function setup(steps: Step[], options: Partial<WbClientOptions> = {}) {
  const sent: Sent[] = [];
  const sleeps: number[] = [];
  const rateLimits: { methodId: string; info: WbRateLimitInfo }[] = [];
  const queue = [...steps];
  const client = new WbClient({
    token: "TOKEN.raw.jwt",
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    onRateLimitHeaders: (methodId, info) => rateLimits.push({ methodId, info }),
    fetch: async (url, init) => {
      const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
      sent.push({ url, method: init.method ?? "GET", headers: new Headers(init.headers), body });
      const step = queue.shift();
      if (step === undefined) throw new Error(`unexpected request #${sent.length}: ${url}`);
      if (step === "hang") {
        return new Promise<Response>((_, reject) => {
          init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        });
      }
      if (step instanceof Error) throw step;
      return typeof step === "function" ? step() : step;
    },
    ...options,
  });
  return { client, sent, sleeps, rateLimits, remaining: () => queue.length };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection");
}

const order = (srid: string, lastChangeDate: string) => ({ srid, date: "2026-11-20T10:00:00", lastChangeDate, nmId: 1, totalPrice: 1887 });

// --- requests -----------------------------------------------------------------------------------------

describe("WbClient requests", () => {
  it("sends the raw token, the client secret, a User-Agent and Accept", async () => {
    const { client, sent } = setup([json([])], { clientSecret: "s3cret", userAgent: "Test/1.0" });
    await client.orders({ dateFrom: "2026-11-01" });
    const h = sent[0]!.headers;
    expect(h.get("Authorization")).toBe("TOKEN.raw.jwt");
    expect(h.get("X-Client-Secret")).toBe("s3cret");
    expect(h.get("User-Agent")).toBe("Test/1.0");
    expect(h.get("Accept")).toBe("application/json");
  });

  it("omits X-Client-Secret without a secret and sends a default User-Agent", async () => {
    const { client, sent } = setup([json([])]);
    await client.orders({ dateFrom: "2026-11-01" });
    expect(sent[0]!.headers.has("X-Client-Secret")).toBe(false);
    expect(sent[0]!.headers.get("User-Agent")).toMatch(/^WBAssist\/\d/);
    expect(sent[0]!.headers.get("Authorization")).not.toMatch(/^Bearer/);
  });

  it("builds production URLs from the method's host", async () => {
    const { client, sent } = setup([json([])]);
    await client.orders({ dateFrom: "2026-11-01T00:00:00", flag: 1 });
    expect(sent[0]!.url).toBe("https://statistics-api.wildberries.ru/api/v1/supplier/orders?dateFrom=2026-11-01T00%3A00%3A00&flag=1");
    expect(sent[0]!.method).toBe("GET");
  });

  it("builds WB_API_BASE URLs as base/sub/path", async () => {
    const { client, sent } = setup([json([])], { apiBase: "http://localhost:8787/wb-sandbox/" });
    await client.orders({ dateFrom: "2026-11-01" });
    expect(sent[0]!.url).toBe("http://localhost:8787/wb-sandbox/statistics-api/api/v1/supplier/orders?dateFrom=2026-11-01");
    expect(client.urlFor("content-api", "/ping")).toBe("http://localhost:8787/wb-sandbox/content-api/ping");
  });

  it("sends a Date dateFrom as Moscow time", async () => {
    const { client, sent } = setup([json([])]);
    await client.sales({ dateFrom: new Date("2026-11-24T09:00:00Z") });
    expect(new URL(sent[0]!.url).searchParams.get("dateFrom")).toBe("2026-11-24T12:00:00");
  });

  it("pings any host", async () => {
    const { client, sent } = setup([json({ TS: "2026-11-24T09:00:00Z", Status: "OK" }), json({ Status: "OK" })]);
    await expect(client.ping("statistics-api")).resolves.toMatchObject({ Status: "OK" });
    await client.ping("content-api");
    expect(sent.map((s) => s.url)).toEqual(["https://statistics-api.wildberries.ru/ping", "https://content-api.wildberries.ru/ping"]);
  });

  it("reports rate-limit headers it sees, whatever their case", async () => {
    const { client, rateLimits } = setup([json([], 200, { "x-ratelimit-remaining": "9", "x-ratelimit-limit": "10" })]);
    await client.orders({ dateFrom: "2026-11-01" });
    expect(rateLimits).toEqual([
      {
        methodId: "orders",
        info: { sub: "statistics-api", status: 200, remaining: 9, limit: 10, retrySeconds: null, resetSeconds: null },
      },
    ]);
  });

  it("refuses out-of-range arguments before calling WB", async () => {
    const { client, sent } = setup([]);
    await expect(client.cardsList({ limit: 101 })).rejects.toThrow(RangeError);
    await expect(client.pricesList({ limit: 1001, offset: 0 })).rejects.toThrow(RangeError);
    await expect(client.feedbacksList({ isAnswered: false, take: 5001, skip: 0 })).rejects.toThrow(RangeError);
    await expect(client.questionsList({ isAnswered: false, take: 5000, skip: 5001 })).rejects.toThrow(RangeError);
    expect(sent).toHaveLength(0);
  });
});

// --- errors and retries -----------------------------------------------------------------------------

describe("WbClient errors", () => {
  it("401 scope not allowed names the missing category and is not retried", async () => {
    const { client, sent } = setup([problem(401, "token scope not allowed", "unauthorized")]);
    const err = await caught(client.orders({ dateFrom: "2026-11-01" }));
    expect(err).toBeInstanceOf(WbUnauthorizedError);
    const e = err as WbUnauthorizedError;
    expect(e.status).toBe(401);
    expect(e.methodId).toBe("orders");
    expect(e.missingCategory).toBe("statistics");
    expect(e.detail).toBe("token scope not allowed");
    expect(e.requestId).toBe("req-1");
    expect(e.userMessage).toContain("У токена нет доступа к категории «Статистика»");
    expect(sent).toHaveLength(1);
  });

  it("401 for an expired token says so", async () => {
    const { client } = setup([problem(401, "token expired", "unauthorized")]);
    const err = (await caught(client.cardsList())) as WbUnauthorizedError;
    expect(err.reason).toBe("expired");
    expect(err.userMessage).toMatch(/истёк/);
  });

  it("403 base token is not allowed", async () => {
    const { client, sent } = setup([problem(403, "base token is not allowed", "forbidden")]);
    const err = await caught(client.stocksWbWarehouses());
    expect(err).toBeInstanceOf(WbForbiddenError);
    expect((err as WbForbiddenError).baseTokenNotAllowed).toBe(true);
    expect((err as WbForbiddenError).userMessage).toMatch(/базового токена/);
    expect(sent).toHaveLength(1);
  });

  it("404 with a deprecation detail is WbDeprecatedMethodError", async () => {
    const { client } = setup([problem(404, "This method is deprecated. Link: https://dev.wildberries.ru/release-notes?id=494", "not found")]);
    const err = await caught(client.sales({ dateFrom: "2026-11-01" }));
    expect(err).toBeInstanceOf(WbDeprecatedMethodError);
    expect((err as WbApiError).status).toBe(404);
  });

  it("a plain 404 and a 400 are WbApiError, not retried, with WB's detail", async () => {
    const { client, sent } = setup([problem(404, "path not found"), json({ errors: ["dateFrom: invalid"] }, 400)]);
    const notFound = (await caught(client.orders({ dateFrom: "x" }))) as WbApiError;
    expect(notFound).toBeInstanceOf(WbApiError);
    expect(notFound).not.toBeInstanceOf(WbDeprecatedMethodError);
    const bad = (await caught(client.orders({ dateFrom: "x" }))) as WbApiError;
    expect(bad.status).toBe(400);
    expect(bad.detail).toBe("dateFrom: invalid");
    expect(bad.userMessage).toMatch(/^WB отклонил запрос \(400\)/);
    expect(sent).toHaveLength(2);
  });

  it("429 waits X-Ratelimit-Retry seconds (lower-case header) and then succeeds", async () => {
    const { client, sent, sleeps, rateLimits } = setup([
      problem(429, "limited by c122a060", "too many requests", { "x-ratelimit-retry": "2", "x-ratelimit-limit": "10", "x-ratelimit-reset": "29" }),
      json([order("a", "2026-11-20T10:00:00")]),
    ]);
    const rows = await client.orders({ dateFrom: "2026-11-01" });
    expect(rows).toHaveLength(1);
    expect(sent).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
    expect(rateLimits[0]!.info).toMatchObject({ status: 429, retrySeconds: 2, limit: 10, resetSeconds: 29 });
  });

  it("429 without X-Ratelimit-Retry backs off exponentially", async () => {
    const { client, sleeps } = setup([problem(429, "x"), problem(429, "x"), problem(429, "x"), json([])], { backoffBaseMs: 1000 });
    await client.orders({ dateFrom: "2026-11-01" });
    // random() = 0.5: half of 1 s, 2 s, 4 s, but never below the base for a 429.
    expect(sleeps).toEqual([1000, 1000, 2000]);
  });

  it("429 after maxRetries throws WbRateLimitedError with retryAfterMs", async () => {
    const limited = () => problem(429, "limited", "too many requests", { "X-Ratelimit-Retry": "5" });
    const { client, sent, sleeps } = setup([limited, limited, limited, limited], { maxRetries: 3 });
    const err = await caught(client.orders({ dateFrom: "2026-11-01" }));
    expect(err).toBeInstanceOf(WbRateLimitedError);
    expect((err as WbRateLimitedError).retryAfterMs).toBe(5000);
    expect((err as WbRateLimitedError).userMessage).toMatch(/5 с/);
    expect(sent).toHaveLength(4);
    expect(sleeps).toEqual([5000, 5000, 5000]);
  });

  it("429 asking to wait longer than maxRetryWaitMs throws at once", async () => {
    const { client, sent, sleeps } = setup([problem(429, "limited", "too many requests", { "X-Ratelimit-Retry": "7200" })]);
    const err = (await caught(client.sales({ dateFrom: "2026-11-01" }))) as WbRateLimitedError;
    expect(err).toBeInstanceOf(WbRateLimitedError);
    expect(err.retryAfterMs).toBe(7_200_000);
    expect(err.userMessage).toMatch(/2 ч/);
    expect(sent).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("5xx is retried with jittered backoff, then succeeds", async () => {
    const { client, sent, sleeps } = setup([problem(502, "bad gateway"), problem(503, "unavailable"), json([])], {
      backoffBaseMs: 1000,
      random: () => 0.25,
    });
    await expect(client.orders({ dateFrom: "2026-11-01" })).resolves.toEqual([]);
    expect(sent).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
  });

  it("5xx after maxRetries is WbServerError", async () => {
    const { client, sent } = setup([problem(500, "x"), problem(500, "x"), problem(500, "x")], { maxRetries: 2 });
    const err = await caught(client.orders({ dateFrom: "2026-11-01" }));
    expect(err).toBeInstanceOf(WbServerError);
    expect((err as WbServerError).status).toBe(500);
    expect(sent).toHaveLength(3);
  });

  it("writes are not retried on 5xx (they may have been applied), but are on 429", async () => {
    const { client, sent } = setup([problem(503, "x")]);
    await expect(client.answerFeedback("fb1", "Спасибо за отзыв!")).rejects.toBeInstanceOf(WbServerError);
    expect(sent).toHaveLength(1);

    const second = setup([problem(429, "x", "too many requests", { "X-Ratelimit-Retry": "1" }), new Response(null, { status: 204 })]);
    await second.client.answerFeedback("fb1", "Спасибо за отзыв!");
    expect(second.sent).toHaveLength(2);
  });

  it("a hanging request times out per attempt, is retried, then WbTimeoutError", async () => {
    const { client, sent } = setup(["hang", "hang"], { timeoutMs: 20, maxRetries: 1 });
    const err = await caught(client.orders({ dateFrom: "2026-11-01" }));
    expect(err).toBeInstanceOf(WbTimeoutError);
    expect((err as WbTimeoutError).timeoutMs).toBe(20);
    expect((err as WbTimeoutError).status).toBe(0);
    expect(sent).toHaveLength(2);
  });

  it("a timeout followed by a good answer succeeds", async () => {
    const { client } = setup(["hang", json([])], { timeoutMs: 20 });
    await expect(client.orders({ dateFrom: "2026-11-01" })).resolves.toEqual([]);
  });

  it("network errors are retried, then WbNetworkError", async () => {
    const { client, sent } = setup([new TypeError("connection reset"), new TypeError("connection reset")], { maxRetries: 1 });
    const err = await caught(client.orders({ dateFrom: "2026-11-01" }));
    expect(err).toBeInstanceOf(WbNetworkError);
    expect(sent).toHaveLength(2);
  });

  it("a body that is not JSON is WbMalformedResponseError", async () => {
    const { client } = setup([new Response('[{"srid":"a","date":"2026', { status: 200 })]);
    const err = await caught(client.orders({ dateFrom: "2026-11-01" }));
    expect(err).toBeInstanceOf(WbMalformedResponseError);
    expect((err as WbMalformedResponseError).userMessage).toMatch(/Данные не сохранены/);
  });

  it("a body of the wrong shape is WbMalformedResponseError naming the field", async () => {
    const { client } = setup([json([order("a", "2026-11-20T10:00:00"), { date: "2026-11-20T10:00:00", lastChangeDate: "x" }])]);
    const err = (await caught(client.orders({ dateFrom: "2026-11-01" }))) as WbMalformedResponseError;
    expect(err).toBeInstanceOf(WbMalformedResponseError);
    expect(err.message).toMatch(/1\.srid/);
  });

  it("an object where a list is expected is malformed too", async () => {
    const { client } = setup([json({ data: { listGoods: "nope" } })]);
    await expect(client.pricesList({ limit: 10, offset: 0 })).rejects.toBeInstanceOf(WbMalformedResponseError);
  });

  it("a 200 envelope with error=true is an error", async () => {
    const { client } = setup([json({ data: null, error: true, errorText: "Something went wrong", additionalErrors: null })]);
    const err = (await caught(client.feedbacksCountUnanswered())) as WbApiError;
    expect(err).toBeInstanceOf(WbApiError);
    expect(err.detail).toBe("Something went wrong");
  });
});

// --- pagination and methods -------------------------------------------------------------------------

describe("WbClient pagination", () => {
  it("ordersSince follows lastChangeDate until []", async () => {
    const { client, sent } = setup([
      json([order("a", "2026-11-01T10:00:00"), order("b", "2026-11-02T11:00:00.123")]),
      json([order("b", "2026-11-02T11:00:00.123"), order("c", "2026-11-03T12:00:00")]),
      json([]),
    ]);
    const pages = [];
    for await (const page of client.ordersSince("2026-11-01T00:00:00")) pages.push(page);
    expect(pages.map((p) => p.rows.map((r) => r.srid))).toEqual([["a", "b"], ["b", "c"]]);
    expect(pages.map((p) => p.nextDateFrom)).toEqual(["2026-11-02T11:00:00.123", "2026-11-03T12:00:00"]);
    expect(sent.map((s) => new URL(s.url).searchParams.get("dateFrom"))).toEqual([
      "2026-11-01T00:00:00",
      "2026-11-02T11:00:00.123",
      "2026-11-03T12:00:00",
    ]);
  });

  it("ordersSince stops when a page does not move the cursor", async () => {
    const { client, sent } = setup([json([order("a", "2026-11-02T00:00:00")]), json([order("a", "2026-11-02T00:00:00")])]);
    const pages = [];
    for await (const page of client.ordersSince("2026-11-01")) pages.push(page);
    expect(pages).toHaveLength(2);
    expect(sent).toHaveLength(2);
  });

  it("cardsAll follows the cursor until total < limit, always with withPhoto -1 ascending", async () => {
    const card = (nmID: number) => ({ nmID, kizMarked: false, vendorCode: `v${nmID}` });
    const { client, sent } = setup([
      json({ cards: [card(1), card(2)], cursor: { updatedAt: "2026-11-01T10:00:00Z", nmID: 2, total: 2 } }),
      json({ cards: [card(3)], cursor: { updatedAt: "2026-11-02T10:00:00Z", nmID: 3, total: 1 } }),
    ]);
    const pages = [];
    for await (const page of client.cardsAll({ limit: 2 })) pages.push(page);
    expect(pages.flatMap((p) => p.cards.map((c) => c.nmID))).toEqual([1, 2, 3]);
    expect(sent[0]!.method).toBe("POST");
    expect(sent[0]!.url).toBe("https://content-api.wildberries.ru/content/v2/get/cards/list");
    expect(sent[0]!.headers.get("Content-Type")).toBe("application/json");
    expect(sent[0]!.body).toEqual({ settings: { sort: { ascending: true }, filter: { withPhoto: -1 }, cursor: { limit: 2 } } });
    expect(sent[1]!.body).toEqual({
      settings: { sort: { ascending: true }, filter: { withPhoto: -1 }, cursor: { limit: 2, updatedAt: "2026-11-01T10:00:00Z", nmID: 2 } },
    });
  });

  it("pricesAll pages by offset until listGoods is empty", async () => {
    const goods = (nmID: number) => ({ nmID, vendorCode: "v", sizes: [{ sizeID: 1, price: 999, discountedPrice: 699.3, clubDiscountedPrice: 679, techSizeName: "0" }] });
    const { client, sent } = setup([
      json({ data: { listGoods: [goods(1), goods(2)] } }),
      json({ data: { listGoods: [goods(3)] } }),
      json({ data: { listGoods: [] } }),
    ]);
    const pages = [];
    for await (const page of client.pricesAll({ limit: 2 })) pages.push(page);
    expect(pages.map((p) => p.offset)).toEqual([0, 2]);
    expect(sent.map((s) => new URL(s.url).search)).toEqual(["?limit=2&offset=0", "?limit=2&offset=2", "?limit=2&offset=3"]);
  });

  it("financeReportRows follows rrdId until 204 and keeps int64 reportId exact", async () => {
    const big = "9007199254740993"; // 2^53 + 1: a JS number would round it
    const page = (ids: number[]) =>
      new Response(`[${ids.map((rrdId) => `{"reportId": ${big}, "rrdId": ${rrdId}, "forPay": "376.99"}`).join(",")}]`, { status: 200 });
    const { client, sent } = setup([page([10, 11]), page([12]), new Response(null, { status: 204 })]);
    const pages = [];
    for await (const p of client.financeReportRows("2026-03-16", "2026-03-22", { limit: 2 })) pages.push(p);
    expect(pages.map((p) => p.rows.map((r) => r.rrdId))).toEqual([[10, 11], [12]]);
    expect(pages[0]!.rows[0]!.reportId).toBe(big);
    expect(pages[0]!.rows[0]!.forPay).toBe("376.99");
    expect(sent.map((s) => (s.body as { rrdId: number }).rrdId)).toEqual([0, 11, 12]);
    expect(sent[0]!.url).toBe("https://finance-api.wildberries.ru/api/finance/v1/sales-reports/detailed");
    expect(sent[0]!.body).toEqual({ dateFrom: "2026-03-16", dateTo: "2026-03-22", limit: 2, rrdId: 0 });
  });

  it("financeSalesReportDetailed returns null on 204", async () => {
    const { client } = setup([new Response(null, { status: 204 })]);
    await expect(client.financeSalesReportDetailed({ dateFrom: "2026-03-16", dateTo: "2026-03-22", rrdId: 0 })).resolves.toBeNull();
  });

  it("int64KeysAsStrings leaves string contents and other keys alone", () => {
    const text = '{"reportId":123,"note":"{\\"reportId\\":5}","rrdId":7, "reportId2": 9}';
    expect(JSON.parse(int64KeysAsStrings(text, ["reportId"]))).toEqual({ reportId: "123", note: '{"reportId":5}', rrdId: 7, reportId2: 9 });
  });
});

describe("WbClient feedbacks and questions", () => {
  it("lists feedbacks with unix-second dates and answers with POST 204", async () => {
    const { client, sent } = setup([
      json({ data: { countUnanswered: 1, countArchive: 0, feedbacks: [{ id: "fb1", text: "Отлично", productValuation: 5 }] }, error: false, errorText: "" }),
      new Response(null, { status: 204 }),
    ]);
    const data = await client.feedbacksList({ isAnswered: false, take: 100, skip: 0, order: "dateDesc", dateFrom: new Date("2026-11-01T00:00:00Z") });
    expect(data.feedbacks.map((f) => f.id)).toEqual(["fb1"]);
    expect(sent[0]!.url).toBe("https://feedbacks-api.wildberries.ru/api/v1/feedbacks?isAnswered=false&take=100&skip=0&order=dateDesc&dateFrom=1793491200");
    await client.answerFeedback("fb1", "Спасибо!");
    expect(sent[1]).toMatchObject({ method: "POST", body: { id: "fb1", text: "Спасибо!" } });
    expect(sent[1]!.url).toBe("https://feedbacks-api.wildberries.ru/api/v1/feedbacks/answer");
  });

  it("treats a null list as empty", async () => {
    const { client } = setup([json({ data: { countUnanswered: 0, countArchive: 0, questions: null }, error: false })]);
    await expect(client.questionsList({ isAnswered: true, take: 10, skip: 0 })).resolves.toMatchObject({ questions: [] });
  });

  it("answers a question with PATCH {id, answer:{text}, state:wbRu}", async () => {
    const { client, sent } = setup([json({ data: null, error: false, errorText: "", additionalErrors: null })]);
    await client.answerQuestion("q1", "Да, подходит");
    expect(sent[0]).toMatchObject({ method: "PATCH", body: { id: "q1", answer: { text: "Да, подходит" }, state: "wbRu" } });
  });

  it("reads counters and the new-items flag", async () => {
    const { client } = setup([
      json({ data: { countUnanswered: 3, countUnansweredToday: 1 }, error: false }),
      json({ data: { countUnanswered: 0, countUnansweredToday: 0 }, error: false }),
      json({ data: { hasNewQuestions: false, hasNewFeedbacks: true }, error: false }),
    ]);
    await expect(client.feedbacksCountUnanswered()).resolves.toEqual({ countUnanswered: 3, countUnansweredToday: 1 });
    await expect(client.questionsCountUnanswered()).resolves.toEqual({ countUnanswered: 0, countUnansweredToday: 0 });
    await expect(client.newFeedbacksQuestions()).resolves.toEqual({ hasNewQuestions: false, hasNewFeedbacks: true });
  });
});

describe("WbClient stocks", () => {
  it("stocksWbWarehouses posts limit/offset and filters", async () => {
    const item = { nmId: 1, chrtId: 11, warehouseId: -999999, warehouseName: "Склад WB", regionName: "Склад WB", quantity: 5, inWayToClient: 1, inWayFromClient: 0 };
    const { client, sent } = setup([json({ data: { items: [item] } })]);
    await expect(client.stocksWbWarehouses({ limit: 1000, offset: 0, nmIds: [1] })).resolves.toEqual([item]);
    expect(sent[0]!.body).toEqual({ limit: 1000, offset: 0, nmIds: [1] });
  });

  it("warehouseRemains creates, polls until done, downloads", async () => {
    const rows = [{ nmId: 1, vendorCode: "v", warehouses: [{ warehouseName: "Склад WB РФ", quantity: 4 }] }];
    const { client, sent, sleeps } = setup([
      json({ data: { taskId: "task/1" } }),
      json({ data: { id: "task/1", status: "processing" } }),
      json({ data: { id: "task/1", status: "done" } }),
      json(rows),
    ]);
    await expect(client.warehouseRemains({ groupByNm: true, pollIntervalMs: 5000 })).resolves.toEqual(rows);
    expect(sent.map((s) => s.url)).toEqual([
      "https://seller-analytics-api.wildberries.ru/api/v1/warehouse_remains?groupByNm=true",
      "https://seller-analytics-api.wildberries.ru/api/v1/warehouse_remains/tasks/task%2F1/status",
      "https://seller-analytics-api.wildberries.ru/api/v1/warehouse_remains/tasks/task%2F1/status",
      "https://seller-analytics-api.wildberries.ru/api/v1/warehouse_remains/tasks/task%2F1/download",
    ]);
    expect(sleeps).toEqual([5000, 5000]);
  });

  it("warehouseRemains fails clearly when WB cancels the task", async () => {
    const { client } = setup([json({ data: { taskId: "t" } }), json({ data: { id: "t", status: "canceled" } })]);
    const err = (await caught(client.warehouseRemains())) as WbReportTaskError;
    expect(err).toBeInstanceOf(WbReportTaskError);
    expect(err.taskStatus).toBe("canceled");
    expect(err.userMessage).toMatch(/отменил/);
  });

  it("warehouseRemains gives up after maxPolls", async () => {
    const { client, sent } = setup([json({ data: { taskId: "t" } }), json({ data: { status: "new" } }), json({ data: { status: "processing" } })]);
    const err = (await caught(client.warehouseRemains({ maxPolls: 2 }))) as WbReportTaskError;
    expect(err).toBeInstanceOf(WbReportTaskError);
    expect(err.taskStatus).toBe("processing");
    expect(sent).toHaveLength(3);
  });
});
