// The assistant's chat end to end against the fake OpenAI server: tools answer with the
// cabinet's figures, the answer streams, history and the daily limit behave, failures are clear.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

import { type NewDailyRollup } from "../../db/schema";
import { askAssistant, assistantHistory, assistantUsage, resetAssistant } from "../../workers/ai/assistant";
import { requireCabinetAccess } from "../../workers/cabinets/access";
import { addDays } from "../../workers/domain/calendar-day";
import { dashboardPeriods } from "../../workers/domain/moscow-periods";
import { getDashboardSummary } from "../../workers/queries/dashboard";
import { fakeOpenAi, withFakeAi } from "../support/fake-openai";
import { seed } from "./api-helpers";
import { cabinetWithToken, db } from "./ai-helpers";

const NOW = new Date(Date.UTC(2026, 10, 24, 9, 0, 0));

async function cabinetWithOrders(name = "Магазин ассистента") {
  const cab = await cabinetWithToken(name);
  const p = dashboardPeriods(NOW);
  const rows: NewDailyRollup[] = [];
  for (let d = 0; d < 40; d++) {
    const day = addDays(p.today, -d);
    rows.push({ cabinetId: cab.cabinetId, day, nmId: 0, ordersCount: 10 + d, ordersSumKopecks: (10 + d) * 150_000, salesCount: 5, salesSumKopecks: 5 * 150_000 });
  }
  await seed.rollups(rows);
  const auth = await requireCabinetAccess(db, cab.userId, cab.cabinetId);
  return { ...cab, auth };
}

describe("askAssistant", () => {
  it("answers a sales question with the tool's figure, streams it and keeps the history", async () => {
    const fake = fakeOpenAi();
    const aiEnv = withFakeAi(env, fake);
    const { auth, userId } = await cabinetWithOrders();
    const summary = await getDashboardSummary(db, auth, { now: NOW });
    const deltas: string[] = [];
    const outcome = await askAssistant(aiEnv, db, auth, "Сколько заказов за 7 дней?", { now: NOW, onDelta: (d) => deltas.push(d) });
    expect(outcome.kind).toBe("answered");
    if (outcome.kind !== "answered") return;
    expect(outcome.toolUses.map((t) => t.name)).toEqual(["sales_summary"]);
    expect(outcome.toolUses[0]?.arguments).toEqual({ period: "7d" });
    expect(outcome.toolUses[0]?.result).toMatchObject({ orders: summary.orders.last7.count, ordersSumKopecks: summary.orders.last7.sumKopecks });
    expect(outcome.text).toContain(`orders: ${summary.orders.last7.count}`);
    expect(deltas.join("")).toBe(outcome.text);
    expect(outcome).toMatchObject({ remaining: 29, limit: 30 });

    const history = await assistantHistory(aiEnv, auth);
    expect(history.map((t) => t.role)).toEqual(["user", "assistant"]);
    expect(history[1]?.content).toBe(outcome.text);
    expect((await assistantUsage(aiEnv, userId, NOW)).used).toBe(1);

    // The second question carries the first exchange to the model.
    await askAssistant(aiEnv, db, auth, "А за месяц?", { now: NOW });
    const requests = (await fake.requests()).filter((r) => r.path === "/v1/chat/completions");
    const last = requests.at(-1)?.body.messages as { role: string; content: string }[];
    expect(last.some((m) => m.role === "assistant" && m.content === outcome.text)).toBe(true);

    await resetAssistant(aiEnv, auth);
    expect(await assistantHistory(aiEnv, auth)).toEqual([]);

    // One recorded tool-calling exchange, as the model saw it.
    const first = requests[0]?.body;
    const second = requests[1]?.body;
    console.log(
      "AI tool-calling exchange:\n" +
        JSON.stringify({ request1: { tools: (first?.tools as { function: { name: string } }[]).map((t) => t.function.name), messages: first?.messages }, request2_messages_after_user: (second?.messages as unknown[]).slice(-2), answer: outcome.text }, null, 1).slice(0, 6000),
    );
  });

  it("counts only answered requests and stops at the daily limit", async () => {
    const fake = fakeOpenAi();
    const aiEnv = withFakeAi(env, fake, { AI_DAILY_LIMIT: "2" });
    const { auth, userId } = await cabinetWithOrders();
    await fake.script([{ status: 500 }, { status: 500 }, { status: 500 }]);
    const failed = await askAssistant(aiEnv, db, auth, "Сколько заказов сегодня?", { now: NOW });
    expect(failed).toMatchObject({ kind: "failed" });
    if (failed.kind === "failed") expect(failed.message).toMatch(/временно недоступен/);
    expect((await assistantUsage(aiEnv, userId, NOW)).used).toBe(0);
    expect(await assistantHistory(aiEnv, auth)).toEqual([]);

    expect((await askAssistant(aiEnv, db, auth, "Сколько заказов сегодня?", { now: NOW })).kind).toBe("answered");
    expect((await askAssistant(aiEnv, db, auth, "А вчера сколько заказов?", { now: NOW })).kind).toBe("answered");
    const refused = await askAssistant(aiEnv, db, auth, "А за неделю?", { now: NOW });
    expect(refused).toMatchObject({ kind: "limit_reached", limit: 2, resetsAt: new Date(Date.UTC(2026, 10, 24, 21, 0, 0)) });
  });

  it("holds the limit under 50 concurrent questions", { timeout: 60_000 }, async () => {
    const fake = fakeOpenAi();
    const aiEnv = withFakeAi(env, fake, { AI_DAILY_LIMIT: "30" });
    const { auth, userId } = await cabinetWithOrders();
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => askAssistant(aiEnv, db, auth, `Вопрос номер ${i}: что нового?`, { now: NOW })));
    expect(outcomes.filter((o) => o.kind === "answered")).toHaveLength(30);
    expect(outcomes.filter((o) => o.kind === "limit_reached")).toHaveLength(20);
    expect((await assistantUsage(aiEnv, userId, NOW)).used).toBe(30);
  });

  it("refuses empty and huge questions and works without a provider", async () => {
    const { auth } = await cabinetWithOrders();
    const fake = fakeOpenAi();
    const aiEnv = withFakeAi(env, fake);
    expect(await askAssistant(aiEnv, db, auth, "   ", { now: NOW })).toMatchObject({ kind: "invalid" });
    expect(await askAssistant(aiEnv, db, auth, "я".repeat(20_000), { now: NOW })).toMatchObject({ kind: "invalid", message: expect.stringMatching(/не больше 2000/) });
    expect(await fake.requests()).toEqual([]);
    const off = { ...env, OPENAI_BASE_URL: "", OPENAI_API_KEY: "" } as Env;
    expect(await askAssistant(off, db, auth, "Сколько заказов?", { now: NOW })).toMatchObject({ kind: "not_configured", message: expect.stringMatching(/не настроен/) });
  });
});
