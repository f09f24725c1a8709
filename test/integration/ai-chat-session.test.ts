// The ChatSession Durable Object: history that survives eviction, and a daily quota that holds
// under a burst of concurrent requests and resets at Moscow midnight.

import { env, evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";

import { chatHistoryOf, chatQuotaOf } from "../../workers/ai/chat-session";
import { ChatSession, RESERVATION_TTL_MS } from "../../workers/objects/chat-session";

let serial = 0;
const userId = () => 7_000_000 + ++serial + Math.floor(Math.random() * 1_000_000);
// 2026-11-24 20:59:00 UTC = 23:59 Moscow.
const LATE_EVENING = Date.UTC(2026, 10, 24, 20, 59, 0);

describe("ChatSession history", () => {
  it("keeps the conversation in storage: it survives eviction and a new instance reads it", async () => {
    const user = userId();
    const stub = chatHistoryOf(env, user, "cab-1");
    await stub.append([
      { role: "user", content: "Сколько заказов за неделю?", at: 1 },
      { role: "assistant", content: "За 7 дней — 1 234 заказа.", at: 2 },
    ]);
    await evictDurableObject(stub);
    const again = chatHistoryOf(env, user, "cab-1");
    expect((await again.history()).map((t) => t.content)).toEqual(["Сколько заказов за неделю?", "За 7 дней — 1 234 заказа."]);
    const fromStorage = await runInDurableObject(again, (_instance: ChatSession, state) => new ChatSession(state, env).history());
    expect(fromStorage).toHaveLength(2);
  });

  it("is trimmed to the token budget and reset on request; other users and cabinets see nothing", async () => {
    const user = userId();
    const stub = chatHistoryOf(env, user, "cab-1");
    for (let i = 0; i < 20; i++) {
      await stub.append(
        [
          { role: "user", content: `вопрос ${i} ${"а".repeat(600)}`, at: i * 2 },
          { role: "assistant", content: `ответ ${i} ${"б".repeat(600)}`, at: i * 2 + 1 },
        ],
        1_000,
      );
    }
    const history = await stub.history();
    expect(history.length).toBeLessThan(8);
    expect(history.at(-1)?.content).toMatch(/^ответ 19/);
    expect(history[0]?.role).toBe("user");
    expect(await chatHistoryOf(env, user, "cab-2").history()).toEqual([]);
    expect(await chatHistoryOf(env, user + 1, "cab-1").history()).toEqual([]);
    await stub.reset();
    expect(await stub.history()).toEqual([]);
  });

  it("refuses a malformed turn and keeps what was stored", async () => {
    const stub = chatHistoryOf(env, userId(), "cab-1");
    await stub.append([{ role: "user", content: "раз", at: 1 }]);
    expect(await stub.append([{ role: "user", content: "два", at: 2 }, { role: "system" as "user", content: "взлом", at: 3 }])).toBe(false);
    expect((await stub.history()).map((t) => t.content)).toEqual(["раз"]);
  });
});

describe("ChatSession daily quota", () => {
  it("grants exactly the limit to 50 concurrent requests", async () => {
    const quota = chatQuotaOf(env, userId());
    const now = Date.UTC(2026, 10, 24, 9, 0, 0);
    const results = await Promise.all(Array.from({ length: 50 }, () => quota.reserve(30, now)));
    const granted = results.filter((r) => r.ok);
    expect(granted).toHaveLength(30);
    expect(results.filter((r) => !r.ok)).toHaveLength(20);
    await Promise.all(granted.map((r) => (r.ok ? quota.commit(r.id, now) : undefined)));
    expect(await quota.usage(30, now)).toMatchObject({ used: 30, remaining: 0 });
    const refused = await quota.reserve(30, now);
    expect(refused).toMatchObject({ ok: false, used: 30, limit: 30, resetsAt: Date.UTC(2026, 10, 24, 21, 0, 0) });
  });

  it("counts only answered requests: a released reservation gives its unit back", async () => {
    const quota = chatQuotaOf(env, userId());
    const now = Date.UTC(2026, 10, 24, 9, 0, 0);
    const a = await quota.reserve(2, now);
    const b = await quota.reserve(2, now);
    expect(a.ok && b.ok).toBe(true);
    expect((await quota.reserve(2, now)).ok).toBe(false);
    if (a.ok) await quota.release(a.id);
    if (b.ok) await quota.commit(b.id, now);
    expect(await quota.usage(2, now)).toMatchObject({ used: 1, remaining: 1 });
    expect((await quota.reserve(2, now)).ok).toBe(true);
  });

  it("frees the unit of a request that never came back", async () => {
    const quota = chatQuotaOf(env, userId());
    const now = Date.UTC(2026, 10, 24, 9, 0, 0);
    expect((await quota.reserve(1, now)).ok).toBe(true);
    expect((await quota.reserve(1, now + 1_000)).ok).toBe(false);
    expect((await quota.reserve(1, now + RESERVATION_TTL_MS + 1)).ok).toBe(true);
  });

  it("starts again at Moscow midnight", async () => {
    const quota = chatQuotaOf(env, userId());
    const r = await quota.reserve(1, LATE_EVENING);
    if (r.ok) await quota.commit(r.id, LATE_EVENING);
    expect((await quota.reserve(1, LATE_EVENING + 30_000)).ok).toBe(false);
    const afterMidnight = Date.UTC(2026, 10, 24, 21, 0, 1);
    expect(await quota.usage(1, afterMidnight)).toMatchObject({ used: 0, remaining: 1, resetsAt: Date.UTC(2026, 10, 25, 21, 0, 0) });
    expect((await quota.reserve(1, afterMidnight)).ok).toBe(true);
  });
});
