import { env } from "cloudflare:workers";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { apiTokens, cabinetMembers, cabinets, dailyRollups, feedbacks, orders, stockSnapshots, syncState } from "../../db/schema";
import { tokenWithCabinetQuery } from "../../workers/cabinets/access";
import { issueApiToken, revokeApiTokensNamed } from "../../workers/users/api-tokens";
import { addMember, api, db, isRussianProblem, newCabinet, newUser, orderRow, seed, tokenFor } from "./api-helpers";

describe("authentication", () => {
  let cabinetId: string;
  beforeAll(async () => {
    cabinetId = await newCabinet(await newUser());
  });

  it("answers 401 problem JSON without a token, with a malformed one, an unknown one and a revoked one", async () => {
    const user = await newUser();
    const token = await tokenFor(user);
    await revokeApiTokensNamed(db, user, "тест");
    const attempts: [string, Record<string, string>][] = [
      ["none", {}],
      ["not bearer", { Authorization: `Basic ${btoa("a:b")}` }],
      ["unknown", { Authorization: "Bearer wba_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }],
      ["revoked", { Authorization: `Bearer ${token}` }],
    ];
    for (const path of [`/cabinets/${cabinetId}/summary`, "/tokens", `/cabinets/${cabinetId}/sync`]) {
      for (const [name, headers] of attempts) {
        const res = await api(path, { headers });
        expect(isRussianProblem(res, 401), `${path} ${name}`).toBe(true);
      }
    }
  });

  it("authenticates before validating, so a stranger learns nothing from 400s", async () => {
    const res = await api("/cabinets/not-a-uuid/orders?limit=0");
    expect(res.status).toBe(401);
  });

  it("an expired token is refused on cabinet routes too (token and membership are read together)", async () => {
    const user = await newUser();
    const own = await newCabinet(user);
    const { id, token } = await issueApiToken(db, user, "истёкший");
    expect((await api(`/cabinets/${own}/summary`, { token })).status).toBe(200);
    await db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, id));
    for (const path of [`/cabinets/${own}/summary`, `/cabinets/${own}`, "/cabinets", "/tokens"]) {
      expect(isRussianProblem(await api(path, { token }), 401), path).toBe(true);
    }
  });

  it("the combined token + membership lookup is three index seeks", async () => {
    const { sql, params } = tokenWithCabinetQuery(db, "0".repeat(64), cabinetId).toSQL();
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    const plan = results.map((r) => r.detail).join("\n");
    expect(plan).toMatch(/SEARCH api_tokens USING INDEX api_tokens_token_hash_uq \(token_hash=\?\)/);
    expect(plan).toMatch(/SEARCH cabinet_members USING INDEX sqlite_autoindex_cabinet_members_1 \(cabinet_id=\? AND user_id=\?\)/);
    expect(plan).toMatch(/SEARCH cabinets USING INDEX sqlite_autoindex_cabinets_1 \(id=\?\)/);
    expect(plan).not.toMatch(/SCAN|TEMP B-TREE/);
  });

  it("records the token's last use after the response, at most once a minute", async () => {
    const user = await newUser();
    const own = await newCabinet(user);
    const { id, token } = await issueApiToken(db, user, "учёт");
    const lastUsed = async () => (await db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, id)))[0]?.at ?? null;
    expect(await lastUsed()).toBeNull();
    const before = Date.now();
    expect((await api(`/cabinets/${own}/summary`, { token })).status).toBe(200);
    // Written through waitUntil: not awaited by the response, so give it a moment.
    let first: Date | null = null;
    for (let i = 0; i < 50 && first === null; i++) {
      first = await lastUsed();
      if (first === null) await new Promise((r) => setTimeout(r, 20));
    }
    expect(first?.getTime()).toBeGreaterThanOrEqual(before);
    expect((await api("/tokens", { token })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(await lastUsed()).toEqual(first);
  });
});

describe("GET and DELETE /cabinets/{id}", () => {
  it("shows the cabinet with the caller's role", async () => {
    const owner = await newUser();
    const viewer = await newUser();
    const cabinetId = await newCabinet(owner, { name: "Магазин Анны" });
    await addMember(cabinetId, viewer, "viewer");
    const res = await api(`/cabinets/${cabinetId}`, { token: await tokenFor(viewer) });
    expect(res.status).toBe(200);
    expect(res.body.cabinet).toMatchObject({ id: cabinetId, name: "Магазин Анны", role: "viewer", status: "active", token: { type: "personal" } });
    expect(JSON.stringify(res.body)).not.toContain("ciphertext");
  });

  it("refuses a malformed cabinet id in Russian", async () => {
    const res = await api("/cabinets/123/summary", { token: await tokenFor(await newUser()) });
    expect(isRussianProblem(res, 400)).toBe(true);
    expect(res.body.detail).toContain("UUID");
  });

  it("lets only the owner disconnect, and deletes every row of the cabinet", async () => {
    const owner = await newUser();
    const manager = await newUser();
    const viewer = await newUser();
    const cabinetId = await newCabinet(owner);
    const other = await newCabinet(owner);
    await addMember(cabinetId, manager, "manager");
    await addMember(cabinetId, viewer, "viewer");
    for (const id of [cabinetId, other]) {
      await seed.orders([orderRow(id, { orderedAt: new Date("2026-11-20T10:00:00Z") })]);
      await seed.rollups([{ cabinetId: id, day: "2026-11-20", nmId: 0, ordersCount: 1 }]);
      await seed.stocks([{ cabinetId: id, chrtId: 1, nmId: 1, warehouseName: "Склад WB", quantity: 3 }]);
      await seed.feedbacks([{ cabinetId: id, id: "f", nmId: 1, rating: 5, createdAt: new Date() }]);
      await seed.syncState([{ cabinetId: id, dataset: "orders" }]);
    }

    for (const [who, user] of [["viewer", viewer], ["manager", manager]] as const) {
      const res = await api(`/cabinets/${cabinetId}`, { method: "DELETE", token: await tokenFor(user) });
      expect(isRussianProblem(res, 403), who).toBe(true);
      expect(res.body.detail).toContain("владелец");
    }
    expect(await rowsOf(cabinetId)).toEqual({ cabinets: 1, members: 3, orders: 1, rollups: 1, stocks: 1, feedbacks: 1, sync: 1 });

    const res = await api(`/cabinets/${cabinetId}`, { method: "DELETE", token: await tokenFor(owner) });
    expect(res.status).toBe(204);
    expect(await rowsOf(cabinetId)).toEqual({ cabinets: 0, members: 0, orders: 0, rollups: 0, stocks: 0, feedbacks: 0, sync: 0 });
    // The owner's other cabinet is untouched.
    expect(await rowsOf(other)).toEqual({ cabinets: 1, members: 1, orders: 1, rollups: 1, stocks: 1, feedbacks: 1, sync: 1 });
    const again = await api(`/cabinets/${cabinetId}`, { token: await tokenFor(owner) });
    expect(isRussianProblem(again, 404)).toBe(true);
  });
});

async function rowsOf(cabinetId: string) {
  const n = async (table: typeof orders | typeof dailyRollups | typeof stockSnapshots | typeof feedbacks | typeof syncState | typeof cabinetMembers) => {
    const [row] = await db.select({ n: count() }).from(table).where(eq(table.cabinetId, cabinetId));
    return row?.n ?? 0;
  };
  const [cab] = await db.select({ n: count() }).from(cabinets).where(eq(cabinets.id, cabinetId));
  return {
    cabinets: cab?.n ?? 0,
    members: await n(cabinetMembers),
    orders: await n(orders),
    rollups: await n(dailyRollups),
    stocks: await n(stockSnapshots),
    feedbacks: await n(feedbacks),
    sync: await n(syncState),
  };
}

describe("/cabinets/{id}/sync", () => {
  let owner: number;
  let cabinetId: string;
  const runningSince = new Date();
  beforeAll(async () => {
    owner = await newUser();
    cabinetId = await newCabinet(owner, { tokenType: "base" });
    await seed.syncState([
      {
        cabinetId,
        dataset: "orders",
        lastSuccessAt: new Date("2026-11-24T08:00:00Z"),
        lastAttemptAt: new Date("2026-11-24T08:00:00Z"),
        nextDueAt: new Date("2026-11-24T11:00:00Z"),
        rowsTotal: 12_345,
        lastRunRows: 45,
        backfillFrom: new Date("2026-08-26T08:00:00Z"),
        backfillProgress: 0.5,
      },
      {
        cabinetId,
        dataset: "feedbacks",
        lastError: "WB не отвечает. Повторим через 5 минут.",
        lastErrorAt: new Date("2026-11-24T09:00:00Z"),
        consecutiveFailures: 2,
        inFlightSince: runningSince,
        backfillDone: true,
        backfillProgress: 1,
      },
    ]);
  });

  it("GET shows every dataset, synced or not", async () => {
    const res = await api(`/cabinets/${cabinetId}/sync`, { token: await tokenFor(owner) });
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.datasets.map((d: { dataset: string }) => [d.dataset, d]));
    expect(Object.keys(byName)).toEqual(["cards", "prices", "orders", "sales", "stocks", "feedbacks", "questions", "finance"]);
    expect(byName.orders).toEqual({
      dataset: "orders",
      label: "Заказы",
      lastSuccessAt: "2026-11-24T08:00:00.000Z",
      lastAttemptAt: "2026-11-24T08:00:00.000Z",
      stale: expect.any(Boolean),
      rowsTotal: 12_345,
      lastRunRows: 45,
      nextDueAt: "2026-11-24T11:00:00.000Z",
      lastError: null,
      lastErrorAt: null,
      consecutiveFailures: 0,
      backfill: { from: "2026-08-26T08:00:00.000Z", progress: 0.5, done: false },
      inFlight: false,
      inFlightSince: null,
    });
    expect(byName.feedbacks).toMatchObject({
      label: "Отзывы",
      lastSuccessAt: null,
      stale: true,
      lastError: "WB не отвечает. Повторим через 5 минут.",
      consecutiveFailures: 2,
      inFlight: true,
      inFlightSince: runningSince.toISOString(),
      backfill: { done: true, progress: 1 },
    });
    expect(byName.cards).toMatchObject({ lastSuccessAt: null, rowsTotal: 0, stale: true, inFlight: false, backfill: { from: null, progress: 0, done: false } });
  });

  it("a run silent for longer than the pipeline's dead-run limit is not shown as in flight", async () => {
    const cab = await newCabinet(owner);
    await seed.syncState([{ cabinetId: cab, dataset: "orders", inFlightSince: new Date(Date.now() - 16 * 60_000) }]);
    const res = await api(`/cabinets/${cab}/sync`, { token: await tokenFor(owner) });
    expect(res.body.datasets.find((d: { dataset: string }) => d.dataset === "orders")).toMatchObject({ inFlight: false, inFlightSince: expect.any(String) });
  });

  it("POST needs manager or owner", async () => {
    const viewer = await newUser();
    await addMember(cabinetId, viewer, "viewer");
    const res = await api(`/cabinets/${cabinetId}/sync`, { method: "POST", token: await tokenFor(viewer), body: {} });
    expect(isRussianProblem(res, 403)).toBe(true);
    expect(res.body.detail).toContain("менеджер");
  });

  it("POST validates the dataset list in Russian", async () => {
    const token = await tokenFor(owner);
    for (const body of [{ datasets: ["orderz"] }, { datasets: [] }, { datasets: "orders" }]) {
      const res = await api(`/cabinets/${cabinetId}/sync`, { method: "POST", token, body });
      expect(isRussianProblem(res, 400), JSON.stringify(body)).toBe(true);
    }
  });

  it("POST by a manager runs the sync now through syncNow and reports what happened", async () => {
    const manager = await newUser();
    await addMember(cabinetId, manager, "manager");
    // A dataset already in flight is reported as such and not sent again: no WB call, no queue
    // message, so the test does not depend on the dummy WB token.
    const res = await api(`/cabinets/${cabinetId}/sync`, { method: "POST", token: await tokenFor(manager), body: { datasets: ["feedbacks"] } });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ enqueued: [], delayed: [], inFlight: ["feedbacks"], unavailable: [] });
    expect(res.body.datasets).toHaveLength(8);
  });

  it("POST on a paused cabinet is a Russian 409", async () => {
    const paused = await newCabinet(owner);
    await db.update(cabinets).set({ status: "token_invalid", statusReason: "Токен WB отозван. Подключите новый." }).where(eq(cabinets.id, paused));
    const res = await api(`/cabinets/${paused}/sync`, { method: "POST", token: await tokenFor(owner) });
    expect(isRussianProblem(res, 409)).toBe(true);
    expect(res.body.detail).toBe("Токен WB отозван. Подключите новый.");
  });
});

describe("/tokens", () => {
  it("creates a token shown once, lists it without the secret, and it works", async () => {
    const user = await newUser();
    const bootstrap = await tokenFor(user);
    const created = await api("/tokens", { method: "POST", token: bootstrap, body: { name: "  Google Таблицы  " } });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^wba_[\w-]{43}$/);
    expect(created.body.info).toMatchObject({ name: "Google Таблицы", prefix: created.body.token.slice(0, 10), lastUsedAt: null, expiresAt: null });

    const list = await api("/tokens", { token: created.body.token });
    expect(list.status).toBe(200);
    expect(list.body.tokens.map((t: { name: string }) => t.name).sort()).toEqual(["Google Таблицы", "тест"]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect(JSON.stringify(list.body)).not.toMatch(/hash/i);
  });

  it("revokes only the caller's own tokens", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const aliceToken = await tokenFor(alice);
    const bobToken = await tokenFor(bob);
    const bobs = (await api("/tokens", { token: bobToken })).body.tokens[0].id;

    const foreign = await api(`/tokens/${bobs}`, { method: "DELETE", token: aliceToken });
    expect(isRussianProblem(foreign, 404)).toBe(true);
    expect((await api("/tokens", { token: bobToken })).status).toBe(200);

    const own = await api(`/tokens/${bobs}`, { method: "DELETE", token: bobToken });
    expect(own.status).toBe(204);
    expect(isRussianProblem(await api("/tokens", { token: bobToken }), 401)).toBe(true);
    const twice = await api(`/tokens/${bobs}`, { method: "DELETE", token: aliceToken });
    expect(isRussianProblem(twice, 404)).toBe(true);
  });

  it("validates in Russian", async () => {
    const token = await tokenFor(await newUser());
    for (const body of [{}, { name: "" }, { name: "   " }, { name: "x".repeat(101) }, { name: 5 }]) {
      const res = await api("/tokens", { method: "POST", token, body });
      expect(isRussianProblem(res, 400), JSON.stringify(body)).toBe(true);
    }
    expect(isRussianProblem(await api("/tokens/not-a-uuid", { method: "DELETE", token }), 400)).toBe(true);
  });
});
