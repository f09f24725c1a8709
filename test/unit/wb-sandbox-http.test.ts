// The sandbox's HTTP behaviour: routing, WB's auth answers, rate limits and their headers, paging
// rules of each API, writes reflected in later reads, and injected faults.

import { describe, expect, it } from "vitest";

import { limitFor } from "../../workers/wb/limits";
import { WB_METHODS, type WbMethodId } from "../../workers/wb/methods";
import {
  createWbSandbox,
  makeSandboxToken,
  MemorySandboxStore,
  SANDBOX_DEMO_TOKEN,
  SANDBOX_DEMO_TOKEN_OPTIONS,
  type Card,
  type Feedback,
  type OrderRow,
  type Question,
  type SaleRow,
  type SandboxTokenOptions,
  type WbSandboxOptions,
} from "../../workers/wb/sandbox";

const NOW = new Date("2026-11-20T09:30:00Z");

function setup(options: WbSandboxOptions = {}) {
  let now = NOW.getTime();
  const store = new MemorySandboxStore();
  const sb = createWbSandbox({ seed: "http", now: () => new Date(now), store, ...options });
  const tick = (ms: number) => (now += ms);
  const call = (methodId: WbMethodId, init: { query?: Record<string, string>; body?: unknown; token?: string | null; headers?: Record<string, string>; path?: string; sub?: string; signal?: AbortSignal } = {}) => {
    const m = WB_METHODS[methodId];
    const url = new URL(`http://localhost:8787/wb-sandbox/${init.sub ?? m.sub}${init.path ?? m.path}`);
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { ...init.headers };
    const token = init.token === undefined ? makeSandboxToken({ issuedAt: NOW }) : init.token;
    if (token !== null) headers.Authorization = token;
    if (init.body !== undefined) headers["Content-Type"] = "application/json";
    return sb.fetch(new Request(url, { method: m.verb, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), signal: init.signal }));
  };
  return { sb, store, call, tick };
}

const token = (o: SandboxTokenOptions = {}) => makeSandboxToken({ issuedAt: NOW, ...o });

describe("tokens", () => {
  it("SANDBOX_DEMO_TOKEN is the demo personal token with every category", () => {
    expect(makeSandboxToken(SANDBOX_DEMO_TOKEN_OPTIONS)).toBe(SANDBOX_DEMO_TOKEN);
    const payload = JSON.parse(atob((SANDBOX_DEMO_TOKEN.split(".")[1] ?? "").replace(/-/g, "+").replace(/_/g, "/"))) as Record<string, unknown>;
    expect(payload).toMatchObject({ acc: 3, for: "self", t: false, exp: 4102444800 });
  });

  it("accepts the demo token and the Bearer form", async () => {
    const { call } = setup();
    expect((await call("statisticsPing", { token: SANDBOX_DEMO_TOKEN })).status).toBe(200);
    expect((await call("sellerInfo", { token: `Bearer ${SANDBOX_DEMO_TOKEN}` })).status).toBe(200);
  });
});

describe("auth, as WB's gateway answers it", () => {
  async function expectUnauthorized(res: Response, detail: RegExp) {
    expect(res.status).toBe(401);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ title: "unauthorized", status: 401, statusText: "Unauthorized" });
    expect(String(body.detail)).toMatch(detail);
    expect(String(body.origin)).toMatch(/^s2s-api-auth-/);
  }

  it("refuses a missing, malformed, forged or expired token", async () => {
    const { call } = setup();
    await expectUnauthorized(await call("orders", { query: { dateFrom: "2026-11-19" }, token: null }), /Authorization/);
    await expectUnauthorized(await call("orders", { query: { dateFrom: "2026-11-19" }, token: "not-a-jwt" }), /invalid number of segments/);
    const forged = token().replace(/\.[^.]+$/, ".AAAA");
    await expectUnauthorized(await call("orders", { query: { dateFrom: "2026-11-19" }, token: forged }), /signature is invalid/);
    await expectUnauthorized(await call("orders", { query: { dateFrom: "2026-11-19" }, token: token().replace(/\.[^.]+$/, ".!!") }), /could not base64 decode signature/);
    await expectUnauthorized(await call("orders", { query: { dateFrom: "2026-11-19" }, token: token({ expiresAt: new Date(NOW.getTime() - 1) }) }), /expired/);
  });

  it("refuses a token without the method's category", async () => {
    const { call } = setup();
    const res = await call("orders", { query: { dateFrom: "2026-11-19" }, token: token({ categories: ["content", "feedbacks"] }) });
    await expectUnauthorized(res, /^token scope not allowed$/);
    expect((await call("cardsList", { body: {}, token: token({ categories: ["content"] }) })).status).toBe(200);
  });

  it("lets any token read seller-info", async () => {
    const { call } = setup();
    const res = await call("sellerInfo", { token: token({ type: "base", categories: ["promotion"] }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ tradeMark: "Mirella" });
  });

  it("refuses writes with a read-only token but allows reads", async () => {
    const { call } = setup();
    const ro = token({ readOnly: true });
    expect((await call("feedbacksList", { query: { isAnswered: "false", take: "1", skip: "0" }, token: ro })).status).toBe(200);
    await expectUnauthorized(await call("feedbackAnswer", { body: { id: "x", text: "Спасибо!" }, token: ro }), /read only/);
  });

  it("refuses a revoked token", async () => {
    const { call, store } = setup();
    const t = token({ id: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee" });
    expect((await call("statisticsPing", { token: t })).status).toBe(200);
    await store.revokeToken("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", NOW.getTime());
    await expectUnauthorized(await call("statisticsPing", { token: t }), /revoked/);
  });

  it("keeps test tokens to the -sandbox hosts", async () => {
    const { call } = setup();
    await expectUnauthorized(await call("statisticsPing", { token: token({ type: "test" }) }), /test token/);
    expect((await call("statisticsPing", { token: token({ type: "test" }), sub: "statistics-api-sandbox" })).status).toBe(200);
  });

  it("answers 403 to a base token on stocks-report/wb-warehouses, unless it comes with a service secret", async () => {
    const { call } = setup();
    const base = token({ type: "base" });
    const res = await call("stocksWbWarehouses", { body: {}, token: base });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ title: "forbidden", detail: "base token is not allowed", status: 403 });
    expect((await call("stocksWbWarehouses", { body: {}, token: base, headers: { "X-Client-Secret": "secret" } })).status).toBe(200);
  });
});

describe("routing", () => {
  it("answers 404 for a path on the wrong host, and for removed methods with WB's deprecation detail", async () => {
    const { call } = setup();
    const wrongHost = await call("orders", { sub: "content-api", query: { dateFrom: "2026-11-19" } });
    expect(wrongHost.status).toBe(404);
    const removed = await call("orders", { path: "/api/v1/supplier/stocks", query: { dateFrom: "2026-11-19" } });
    expect(removed.status).toBe(404);
    expect(((await removed.json()) as { detail: string }).detail).toMatch(/^This method is deprecated\. Link: .*release-notes\?id=494$/);
  });

  it("routes /ping on every host by that host's category", async () => {
    const { call } = setup();
    expect((await call("statisticsPing", { sub: "content-api", token: token({ categories: ["content"] }) })).status).toBe(200);
    expect((await call("statisticsPing", { sub: "finance-api", token: token({ categories: ["content"] }) })).status).toBe(401);
  });
});

describe("rate limits", () => {
  it("reports the remaining burst on every response and answers 429 with WB's headers", async () => {
    const { call, tick } = setup();
    const t = token();
    const first = await call("sales", { query: { dateFrom: "2026-11-19" }, token: t });
    expect(first.status).toBe(200);
    expect(first.headers.get("X-Ratelimit-Remaining")).toBe("0");
    expect(first.headers.get("X-Ratelimit-Limit")).toBe("1");
    tick(20_000);
    const limited = await call("sales", { query: { dateFrom: "2026-11-19" }, token: t });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    expect(limited.headers.get("X-Ratelimit-Retry")).toBe("40");
    expect(limited.headers.get("X-Ratelimit-Limit")).toBe("1");
    expect(limited.headers.get("X-Ratelimit-Reset")).toBe("40");
    expect(await limited.json()).toMatchObject({ title: "too many requests", status: 429 });
    tick(41_000);
    expect((await call("sales", { query: { dateFrom: "2026-11-19" }, token: t })).status).toBe(200);
  });

  it("uses the base-token row for base tokens and shares the feedbacks category bucket", async () => {
    const { call } = setup();
    const base = token({ type: "base" });
    expect((await call("feedbacksCountUnanswered", { token: base })).status).toBe(200);
    const second = await call("questionsCountUnanswered", { token: base });
    expect(second.status).toBe(429);
    expect(second.headers.get("X-Ratelimit-Retry")).toBe(String((limitFor("questionsCountUnanswered", "base")?.periodMs ?? 0) / 1000));
    const personal = token();
    for (let i = 0; i < 6; i++) expect((await call("feedbacksCountUnanswered", { token: personal })).status).toBe(200);
    expect((await call("newFeedbacksQuestions", { token: personal })).status).toBe(429);
  });
});

describe("statistics paging", () => {
  async function walk<T extends { lastChangeDate: string }>(call: ReturnType<typeof setup>["call"], methodId: "orders" | "sales", dateFrom: string): Promise<{ rows: T[]; pages: number }> {
    const rows: T[] = [];
    let cursor = dateFrom;
    for (let pages = 1; pages < 500; pages++) {
      const res = await call(methodId, { query: { dateFrom: cursor } }); // a fresh token per page: its own bucket
      expect(res.status).toBe(200);
      const page = (await res.json()) as T[];
      if (page.length === 0) return { rows, pages };
      rows.push(...page);
      cursor = page[page.length - 1]?.lastChangeDate ?? cursor;
    }
    throw new Error("the cursor never reached []");
  }

  it("walks orders by lastChangeDate to [] and gets exactly data.orders, without duplicates", async () => {
    const { sb, call } = setup({ statisticsPageRows: 500 });
    const { rows, pages } = await walk<OrderRow>(call, "orders", "2026-10-21");
    expect(pages).toBeGreaterThan(10);
    expect(new Set(rows.map((r) => r.srid)).size).toBe(rows.length);
    expect(rows).toEqual(sb.data.orders(new Date("2026-10-20T21:00:00Z"), undefined, { by: "lastChangeDate" }));
    for (let i = 1; i < rows.length; i++) expect((rows[i]?.lastChangeDate ?? "") >= (rows[i - 1]?.lastChangeDate ?? "")).toBe(true);
  });

  it("walks sales the same way", async () => {
    const { sb, call } = setup({ statisticsPageRows: 700 });
    const { rows } = await walk<SaleRow>(call, "sales", "2026-11-01T00:00:00");
    expect(new Set(rows.map((r) => r.saleID)).size).toBe(rows.length);
    expect(rows).toEqual(sb.data.sales(new Date("2026-10-31T21:00:01Z"), undefined, { by: "lastChangeDate" }));
  });

  it("returns a day's orders with flag=1 and answers 400 to bad dates like WB", async () => {
    const { sb, call } = setup();
    const day = (await (await call("orders", { query: { dateFrom: "2026-11-18T15:00:00", flag: "1" } })).json()) as OrderRow[];
    expect(day.length).toBeGreaterThan(100);
    expect(day.every((o) => o.date.startsWith("2026-11-18"))).toBe(true);
    expect(day.length).toBe(sb.data.orders(new Date("2026-11-17T21:00:00Z"), new Date("2026-11-18T21:00:00Z")).length);
    const missing = await call("orders");
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ errors: ["dateFrom: field required"] });
    const invalid = await call("orders", { query: { dateFrom: "20.11.2026" } });
    expect(await invalid.json()).toEqual({ errors: "dateFrom: Value not validated" });
  });
});

describe("content cursor", () => {
  it("pages through every card with the (updatedAt, nmID) cursor until total < limit", async () => {
    const { sb, call } = setup();
    const seen: Card[] = [];
    let cursor: Record<string, unknown> = { limit: 100 };
    for (;;) {
      const res = await call("cardsList", { body: { settings: { sort: { ascending: true }, filter: { withPhoto: -1 }, cursor } } });
      const body = (await res.json()) as { cards: Card[]; cursor: { updatedAt: string; nmID: number; total: number } };
      seen.push(...body.cards);
      if (body.cursor.total < 100) break;
      cursor = { limit: 100, updatedAt: body.cursor.updatedAt, nmID: body.cursor.nmID };
    }
    expect(seen.length).toBe(sb.data.cards().length);
    expect(new Set(seen.map((c) => c.nmID)).size).toBe(seen.length);
    const filtered = (await (await call("cardsList", { body: { settings: { cursor: { limit: 100 }, filter: { textSearch: seen[0]?.vendorCode } } } })).json()) as { cards: Card[] };
    expect(filtered.cards.map((c) => c.nmID)).toEqual([seen[0]?.nmID]);
  });
});

describe("answers are persisted and reflected", () => {
  it("a feedback answer moves the review to the answered list and lowers the counter", async () => {
    const { call } = setup();
    const counter = async () => ((await (await call("feedbacksCountUnanswered")).json()) as { data: { countUnanswered: number } }).data.countUnanswered;
    const before = await counter();
    const list = (await (await call("feedbacksList", { query: { isAnswered: "false", take: "10", skip: "0" } })).json()) as { data: { feedbacks: Feedback[]; countUnanswered: number } };
    const target = list.data.feedbacks[0];
    if (!target) throw new Error("no unanswered feedback");
    expect(list.data.countUnanswered).toBe(before);
    const res = await call("feedbackAnswer", { body: { id: target.id, text: "Анна, спасибо за отзыв!" } });
    expect(res.status).toBe(204);
    expect(await counter()).toBe(before - 1);
    const answered = (await (await call("feedbacksList", { query: { isAnswered: "true", take: "5000", skip: "0" } })).json()) as { data: { feedbacks: Feedback[] } };
    const found = answered.data.feedbacks.find((f) => f.id === target.id);
    expect(found?.answer?.text).toBe("Анна, спасибо за отзыв!");
    expect(found?.state).toBe("wbRu");
  });

  it("answers the feedbacks list's paging limits with 400", async () => {
    const { call } = setup();
    expect((await call("feedbacksList", { query: { isAnswered: "false", take: "5001", skip: "0" } })).status).toBe(400);
    expect((await call("feedbacksList", { query: { isAnswered: "false", take: "10", skip: "199991" } })).status).toBe(400);
    expect((await call("feedbacksList", { query: { take: "10", skip: "0" } })).status).toBe(400);
    expect((await call("questionsList", { query: { isAnswered: "false", take: "9000", skip: "1001" } })).status).toBe(400);
    expect((await call("questionsList", { query: { isAnswered: "false", take: "9000", skip: "1000" } })).status).toBe(200);
  });

  it("a question answer shows up with state wbRu; a viewed mark clears hasNewQuestions for it", async () => {
    const { call } = setup();
    const list = (await (await call("questionsList", { query: { isAnswered: "false", take: "100", skip: "0" } })).json()) as { data: { questions: Question[]; countUnanswered: number } };
    const q = list.data.questions[0];
    if (!q) throw new Error("no unanswered question");
    const res = await call("questionAnswer", { body: { id: q.id, answer: { text: "Здравствуйте! Рост модели 172 см." }, state: "wbRu" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: null, error: false, errorText: "", additionalErrors: null });
    const after = (await (await call("questionsList", { query: { isAnswered: "true", take: "10000", skip: "0" } })).json()) as { data: { questions: Question[]; countUnanswered: number } };
    const found = after.data.questions.find((x) => x.id === q.id);
    expect(found).toMatchObject({ state: "wbRu", answer: { text: "Здравствуйте! Рост модели 172 см." }, wasViewed: true });
    const count = (await (await call("questionsCountUnanswered")).json()) as { data: { countUnanswered: number } };
    expect(count.data.countUnanswered).toBe(list.data.countUnanswered - 1);
    for (const other of list.data.questions.slice(1)) await call("questionAnswer", { body: { id: other.id, wasViewed: true } });
    const news = (await (await call("newFeedbacksQuestions")).json()) as { data: { hasNewQuestions: boolean; hasNewFeedbacks: boolean } };
    expect(news.data.hasNewQuestions).toBe(false);
    expect(news.data.hasNewFeedbacks).toBe(true);
  });
});

describe("warehouse_remains tasks", () => {
  it("goes new → processing → done on the sandbox clock, then downloads rows", async () => {
    const { call, tick } = setup();
    const created = (await (await call("warehouseRemainsCreate", { query: { groupByNm: "true", groupBySize: "true", groupByBarcode: "true" } })).json()) as { data: { taskId: string } };
    const taskId = created.data.taskId;
    const status = async () => ((await (await call("warehouseRemainsStatus", { path: `/api/v1/warehouse_remains/tasks/${taskId}/status` })).json()) as { data: { status: string } }).data.status;
    expect(await status()).toBe("new");
    expect((await call("warehouseRemainsDownload", { path: `/api/v1/warehouse_remains/tasks/${taskId}/download` })).status).toBe(400);
    tick(3000);
    expect(await status()).toBe("processing");
    tick(5000);
    expect(await status()).toBe("done");
    const rows = (await (await call("warehouseRemainsDownload", { path: `/api/v1/warehouse_remains/tasks/${taskId}/download` })).json()) as { nmId: number; volume: number; warehouses: { warehouseName: string }[] }[];
    expect(rows.length).toBeGreaterThan(500);
    expect(rows.every((r) => r.nmId > 0 && r.volume > 0)).toBe(true);
    const tampered = taskId.slice(0, -1) + (taskId.endsWith("0") ? "1" : "0");
    expect((await call("warehouseRemainsStatus", { path: `/api/v1/warehouse_remains/tasks/${tampered}/status` })).status).toBe(404);
  });
});

describe("finance cursor", () => {
  it("walks rrdId until 204", async () => {
    const { sb, call } = setup({ financePageRows: 1000 });
    const rows: { rrdId: number }[] = [];
    let rrdId = 0;
    for (let i = 0; i < 100; i++) {
      const res = await call("financeSalesReportDetailed", { body: { dateFrom: "2026-11-02", dateTo: "2026-11-15", limit: 100000, rrdId, period: "weekly" } });
      if (res.status === 204) break;
      expect(res.status).toBe(200);
      const page = (await res.json()) as { rrdId: number }[];
      rows.push(...page);
      rrdId = page[page.length - 1]?.rrdId ?? rrdId;
    }
    expect(rows.length).toBeGreaterThan(3000);
    expect(rows.map((r) => r.rrdId)).toEqual(sb.data.financeRows(new Date("2026-11-02"), new Date("2026-11-15")).map((r) => r.rrdId));
    const projected = (await (await call("financeSalesReportDetailed", { body: { dateFrom: "2026-11-02", dateTo: "2026-11-08", limit: 5, fields: ["rrdId", "srid"] } })).json()) as Record<string, unknown>[];
    expect(Object.keys(projected[0] ?? {}).sort()).toEqual(["rrdId", "srid"]);
  });
});

describe("faults", () => {
  it("injects the fault named by X-Sandbox-Fault", async () => {
    const { call } = setup();
    const q = { query: { dateFrom: "2026-11-19" } };
    const e500 = await call("orders", { ...q, headers: { "X-Sandbox-Fault": "500" } });
    expect(e500.status).toBe(500);
    expect((await call("orders", { ...q, headers: { "X-Sandbox-Fault": "502" } })).status).toBe(502);
    const limited = await call("orders", { ...q, headers: { "X-Sandbox-Fault": "429" } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("X-Ratelimit-Retry"))).toBeGreaterThan(0);
    expect(limited.headers.get("X-Ratelimit-Limit")).toBe("10");
    expect(limited.headers.get("X-Ratelimit-Reset")).not.toBeNull();
    const malformed = await call("orders", { ...q, headers: { "X-Sandbox-Fault": "malformed" } });
    expect(malformed.status).toBe(200);
    const text = await malformed.text();
    expect(text.startsWith("[{")).toBe(true);
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it("a timeout fault answers nothing until the client aborts", async () => {
    const { call } = setup({ timeoutFaultMs: 60_000 });
    const controller = new AbortController();
    const pending = call("orders", { query: { dateFrom: "2026-11-19" }, headers: { "X-Sandbox-Fault": "timeout" }, signal: controller.signal });
    let settled = false;
    void pending.then(
      () => (settled = true),
      () => (settled = true),
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it("a timeout fault gives up with 504 after timeoutFaultMs", async () => {
    const { call } = setup({ timeoutFaultMs: 20 });
    expect((await call("orders", { query: { dateFrom: "2026-11-19" }, headers: { "X-Sandbox-Fault": "timeout" } })).status).toBe(504);
  });

  it("injects faults at faultRate using the given randomness", async () => {
    const draws = [0.01, 0.0]; // below the rate → fault; then pick the first kind (500)
    const { call } = setup({ faultRate: 0.5, random: () => draws.shift() ?? 0.99 });
    expect((await call("statisticsPing")).status).toBe(500);
    expect((await call("statisticsPing")).status).toBe(200);
  });
});
