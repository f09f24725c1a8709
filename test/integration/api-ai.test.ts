// The assistant in the REST API, through the Worker's real entry point with the provider pointed at
// the fake OpenAI server: JSON and streamed answers, history, usage, roles, limits, no provider.

import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";

import type { NewDailyRollup } from "../../db/schema";
import worker from "../../workers/app";
import { requireCabinetAccess } from "../../workers/cabinets/access";
import { addDays } from "../../workers/domain/calendar-day";
import { dashboardPeriods } from "../../workers/domain/moscow-periods";
import { getDashboardSummary } from "../../workers/queries/dashboard";
import { fakeOpenAi, withFakeAi } from "../support/fake-openai";
import { addMember, db, isRussianProblem, newCabinet, newUser, seed, tokenFor } from "./api-helpers";

interface Result {
  status: number;
  contentType: string;
  headers: Headers;
  // Tests read arbitrary JSON; each assertion states the shape it expects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

async function call(aiEnv: Env, path: string, options: { token: string; method?: string; body?: unknown; accept?: string }): Promise<Result> {
  const headers: Record<string, string> = { Authorization: `Bearer ${options.token}` };
  if (options.accept) headers.Accept = options.accept;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`https://wb-assist.test/api${path}`, { method: options.method ?? "GET", headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) }),
    aiEnv,
    ctx,
  );
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  const contentType = res.headers.get("Content-Type") ?? "";
  return { status: res.status, contentType, headers: res.headers, text, body: text && contentType.includes("json") ? JSON.parse(text) : text };
}

let owner: number;
let viewer: number;
let ownerToken: string;
let viewerToken: string;
let cabinetId: string;
const NOW = new Date();

beforeAll(async () => {
  owner = await newUser();
  viewer = await newUser();
  cabinetId = await newCabinet(owner, { name: "API-магазин" });
  await addMember(cabinetId, viewer, "viewer");
  ownerToken = await tokenFor(owner);
  viewerToken = await tokenFor(viewer);
  const p = dashboardPeriods(NOW);
  const rows: NewDailyRollup[] = [];
  for (let d = 0; d < 35; d++) rows.push({ cabinetId, day: addDays(p.today, -d), nmId: 0, ordersCount: 5 + d, ordersSumKopecks: (5 + d) * 99_000 });
  await seed.rollups(rows);
  await seed.products([{ cabinetId, nmId: 100, vendorCode: "API-1", title: "Футболка базовая", subjectName: "Футболки", characteristics: [{ id: 1, name: "Состав", value: ["хлопок 100%"] }] }]);
  await seed.feedbacks([{ cabinetId, id: "fb", nmId: 100, rating: 2, text: "Села после стирки", createdAt: new Date(NOW.getTime() - 3_600_000) }]);
});

describe("AI routes", () => {
  it("answers a question with the cabinet's figures, as JSON", async () => {
    const aiEnv = withFakeAi(env, fakeOpenAi());
    const r = await call(aiEnv, `/cabinets/${cabinetId}/ai/chat`, { token: ownerToken, method: "POST", body: { question: "Сколько заказов за 7 дней?" } });
    expect(r.status).toBe(200);
    const summary = await getDashboardSummary(db, await requireCabinetAccess(db, owner, cabinetId), { now: new Date() });
    expect(r.body.toolUses[0]).toMatchObject({ name: "sales_summary", arguments: { period: "7d" }, result: { orders: summary.orders.last7.count } });
    expect(r.body.answer).toContain(`orders: ${summary.orders.last7.count}`);
    expect(r.body.limit).toBe(30);
  });

  it("streams the answer as server-sent events whose deltas add up to it", async () => {
    const fake = fakeOpenAi();
    const aiEnv = withFakeAi(env, fake);
    await fake.script([{ content: "Первая часть ответа. Вторая часть ответа, подробнее. Третья часть — итог: 42 заказа и 15 000 ₽ выручки за неделю, это на 10% больше." }]);
    const r = await call(aiEnv, `/cabinets/${cabinetId}/ai/chat`, { token: ownerToken, method: "POST", body: { question: "Как дела?" }, accept: "text/event-stream" });
    expect(r.status).toBe(200);
    expect(r.contentType).toContain("text/event-stream");
    const events = [...r.text.matchAll(/event: (\w+)\ndata: (.*)\n/g)].map((m) => ({ event: m[1], data: JSON.parse(m[2] ?? "null") as { text?: string; answer?: string } }));
    const deltas = events.filter((e) => e.event === "delta");
    expect(deltas.length).toBeGreaterThan(1);
    const done = events.find((e) => e.event === "done");
    expect(deltas.map((d) => d.data.text).join("")).toBe(done?.data.answer);
  });

  it("keeps and clears the history, and reports usage", async () => {
    const aiEnv = withFakeAi(env, fakeOpenAi());
    await call(aiEnv, `/cabinets/${cabinetId}/ai/history`, { token: ownerToken, method: "DELETE" });
    await call(aiEnv, `/cabinets/${cabinetId}/ai/chat`, { token: ownerToken, method: "POST", body: { question: "Что с отзывами?" } });
    const history = await call(aiEnv, `/cabinets/${cabinetId}/ai/history`, { token: ownerToken });
    expect(history.body.items.map((t: { role: string }) => t.role)).toEqual(["user", "assistant"]);
    const usage = await call(aiEnv, `/cabinets/${cabinetId}/ai/usage`, { token: ownerToken });
    expect(usage.body).toMatchObject({ limit: 30 });
    expect(usage.body.used).toBeGreaterThan(0);
    expect((await call(aiEnv, `/cabinets/${cabinetId}/ai/history`, { token: ownerToken, method: "DELETE" })).status).toBe(204);
    expect((await call(aiEnv, `/cabinets/${cabinetId}/ai/history`, { token: ownerToken })).body.items).toEqual([]);
  });

  it("lets managers draft, set reply settings and write card texts; viewers may only chat", async () => {
    const aiEnv = withFakeAi(env, fakeOpenAi());
    const draft = await call(aiEnv, `/cabinets/${cabinetId}/ai/drafts`, { token: ownerToken, method: "POST", body: { kind: "feedback", id: "fb" } });
    expect(draft.status).toBe(200);
    expect(draft.body.text.length).toBeGreaterThan(10);
    const settings = await call(aiEnv, `/cabinets/${cabinetId}/ai/reply-settings`, { token: ownerToken, method: "PUT", body: { tone: "brief", signature: "Команда API" } });
    expect(settings.body).toEqual({ tone: "brief", signature: "Команда API", autoSendPositive: false });
    const card = await call(aiEnv, `/cabinets/${cabinetId}/ai/card-texts/100`, { token: ownerToken, method: "POST" });
    expect(card.status).toBe(200);
    expect(card.body.title.length).toBeLessThanOrEqual(card.body.titleLimit);

    for (const [path, method, body] of [
      ["ai/drafts", "POST", { kind: "feedback", id: "fb" }],
      ["ai/reply-settings", "PUT", { tone: "formal" }],
      ["ai/card-texts/100", "POST", undefined],
    ] as const) {
      const r = await call(aiEnv, `/cabinets/${cabinetId}/${path}`, { token: viewerToken, method, body });
      expect(isRussianProblem({ status: r.status, contentType: r.contentType, body: r.body }, 403), `${method} ${path}`).toBe(true);
    }
    expect((await call(aiEnv, `/cabinets/${cabinetId}/ai/reply-settings`, { token: viewerToken })).body.tone).toBe("brief");
    expect((await call(aiEnv, `/cabinets/${cabinetId}/ai/chat`, { token: viewerToken, method: "POST", body: { question: "Сколько заказов вчера?" } })).status).toBe(200);
  });

  it("answers limits, bad input and a missing provider with Russian problems", async () => {
    const user = await newUser();
    const cab = await newCabinet(user);
    const token = await tokenFor(user);
    const limited = withFakeAi(env, fakeOpenAi(), { AI_DAILY_LIMIT: "1" });
    expect((await call(limited, `/cabinets/${cab}/ai/chat`, { token, method: "POST", body: { question: "Сколько заказов?" } })).status).toBe(200);
    const refused = await call(limited, `/cabinets/${cab}/ai/chat`, { token, method: "POST", body: { question: "А ещё?" } });
    expect(isRussianProblem({ status: refused.status, contentType: refused.contentType, body: refused.body }, 429)).toBe(true);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);

    const tooLong = await call(limited, `/cabinets/${cab}/ai/chat`, { token, method: "POST", body: { question: "я".repeat(5_000) } });
    expect(isRussianProblem({ status: tooLong.status, contentType: tooLong.contentType, body: tooLong.body }, 400)).toBe(true);
    const noQuestion = await call(limited, `/cabinets/${cab}/ai/chat`, { token, method: "POST", body: { text: 1 } });
    expect(noQuestion.status).toBe(400);

    const off = { ...env, OPENAI_BASE_URL: "", OPENAI_API_KEY: "" } as Env;
    const unconfigured = await call(off, `/cabinets/${cab}/ai/chat`, { token, method: "POST", body: { question: "Сколько заказов?" } });
    expect(isRussianProblem({ status: unconfigured.status, contentType: unconfigured.contentType, body: unconfigured.body }, 503)).toBe(true);
    expect(unconfigured.body.detail).toMatch(/не настроен/);
    expect((await call(off, `/cabinets/${cab}/summary`, { token })).status).toBe(200);
  });
});
