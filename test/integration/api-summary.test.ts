import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";

import type { NewDailyRollup, NewOrder } from "../../db/schema";
import { requireCabinetAccess } from "../../workers/cabinets/access";
import { addDays, moscowDayStart } from "../../workers/domain/calendar-day";
import { dashboardPeriods, dayList } from "../../workers/domain/moscow-periods";
import { ORDERS_BETWEEN_SQL, REVIEW_STATS_SQL, ROLLUP_DAYS_SQL, THRESHOLD_SQL, getDashboardSummary } from "../../workers/queries/dashboard";
import {
  PRODUCT_COUNT_SQL,
  PRODUCT_IDS_SQL,
  SIZE_DEMAND_SQL,
  STOCK_BY_SIZE_SQL,
  STOCK_COUNT_SQL,
  SYNC_MARKS_SQL,
  WINDOW_ROLLUPS_SQL,
} from "../../workers/queries/stock-levels";
import { rollupStatements } from "../../workers/sync/datasets/rollups";
import { api, db, isRussianProblem, newCabinet, newUser, orderRow, plain, seed, tokenFor } from "./api-helpers";

const MINUTE = 60_000;
const DAY = 86_400_000;

// Hand-computed fixture. Rollup (nm_id 0) for the day `d` days before today: d + 1 orders at
// 1 500 ₽ each. Then:
//   yesterday (d=1): 2 orders, 3 000 ₽ | day before (d=2): 3, 4 500 ₽      → −33 %, −33 %
//   last 7 (d=1..7): 35, 52 500 ₽      | previous 7 (d=8..14): 84          → −58 %
//   last 30 (d=1..30): 495              | previous 30 (d=31..60): 1 395     → −64.5 % → −65 %
// Today (rollup, as the pipeline keeps it current): 3 orders, 5 500 ₽. Raw orders yesterday: one
// before the current time of day (1 500 ₽), one after → today vs yesterday so far: +200 % count,
// +266.7 % → +267 % sum.
const PRICE = 150_000;

describe("GET /cabinets/{id}/summary", () => {
  let user: number;
  let token: string;
  let cabinetId: string;
  let now: Date;

  beforeAll(async () => {
    now = new Date();
    const untilMidnight = moscowDayStart(addDays(dashboardPeriods(now).today, 1)).getTime() - now.getTime();
    // The fixture sits on both sides of "now − 24 h"; do not straddle Moscow midnight while seeding.
    if (untilMidnight < 15_000) {
      await new Promise((r) => setTimeout(r, untilMidnight + 1_000));
      now = new Date();
    }
    const p = dashboardPeriods(now);
    user = await newUser();
    token = await tokenFor(user);
    cabinetId = await newCabinet(user);

    const rollups: NewDailyRollup[] = [];
    for (let d = 1; d <= 60; d++) {
      const day = addDays(p.today, -d);
      rollups.push({ cabinetId, day, nmId: 0, ordersCount: d + 1, ordersSumKopecks: (d + 1) * PRICE });
      // Per-card rows of the same days must not be added to the cabinet totals.
      rollups.push({ cabinetId, day, nmId: 100, ordersCount: 1000, ordersSumKopecks: 1000 * PRICE });
    }
    rollups.push({ cabinetId, day: p.today, nmId: 0, ordersCount: 3, ordersSumKopecks: 550_000 });
    await seed.rollups(rollups);

    const todayStart = p.todayStart.getTime();
    const elapsed = now.getTime() - todayStart;
    const yStart = todayStart - DAY;
    // Sizes without a card (nm 900) so these do not count as demand of the sized fixture below.
    const raw: NewOrder[] = [
      orderRow(cabinetId, { orderedAt: new Date(yStart + elapsed / 2), nmId: 900, techSize: "X" }),
      orderRow(cabinetId, { orderedAt: new Date(yStart + elapsed + (DAY - elapsed) / 2), nmId: 900, techSize: "X" }),
    ];

    // Stocks. Demand window = 30 whole days ending yesterday; demand orders on d = 2..30 (29 each).
    //   chrt 1001 nm100 M : 5 + 1 in way = 6 units, 29 orders → 6 / (29/30) = 6.2 days  → critical
    //   chrt 1002 nm100 L : 20 units, 29 orders (+1 cancelled, ignored) → 20.7 days      → ok
    //   chrt 2001 nm200 0 : 10 units, 29 orders → 10.3 days                               → low
    //   chrt 2002 nm200 1 : no stock row, 3 orders                                         → zero
    //   chrt 3001 nm300 S : stock row with 0 units, no orders                              → zero
    //   chrt 5001 nm500 M : 4 units, no orders                                             → ok
    await seed.products(
      [100, 200, 300, 500, 600].map((nmId) => ({ cabinetId, nmId, vendorCode: `ART-${nmId}`, title: `Товар ${nmId}` })),
    );
    await seed.sizes([
      { cabinetId, chrtId: 1001, nmId: 100, techSize: "M" },
      { cabinetId, chrtId: 1002, nmId: 100, techSize: "L" },
      { cabinetId, chrtId: 2001, nmId: 200, techSize: "0" },
      { cabinetId, chrtId: 2002, nmId: 200, techSize: "1" },
      { cabinetId, chrtId: 3001, nmId: 300, techSize: "S" },
      { cabinetId, chrtId: 5001, nmId: 500, techSize: "M" },
    ]);
    await seed.stocks([
      { cabinetId, chrtId: 1001, nmId: 100, warehouseName: "Коледино", quantity: 3, inWayToClient: 1 },
      { cabinetId, chrtId: 1001, nmId: 100, warehouseName: "Электросталь", quantity: 2 },
      { cabinetId, chrtId: 1002, nmId: 100, warehouseName: "Склад WB", quantity: 20 },
      { cabinetId, chrtId: 2001, nmId: 200, warehouseName: "Склад WB", quantity: 10 },
      { cabinetId, chrtId: 3001, nmId: 300, warehouseName: "Склад WB", quantity: 0 },
      { cabinetId, chrtId: 5001, nmId: 500, warehouseName: "Склад WB", quantity: 4 },
    ]);
    for (let d = 2; d <= 30; d++) {
      const at = new Date(moscowDayStart(addDays(p.today, -d)).getTime() + 12 * 3_600_000);
      raw.push(orderRow(cabinetId, { orderedAt: at, nmId: 100, techSize: "M" }));
      raw.push(orderRow(cabinetId, { orderedAt: at, nmId: 100, techSize: "L" }));
      raw.push(orderRow(cabinetId, { orderedAt: at, nmId: 200, techSize: "0" }));
      if (d <= 4) raw.push(orderRow(cabinetId, { orderedAt: at, nmId: 200, techSize: "1" }));
    }
    raw.push(orderRow(cabinetId, { orderedAt: new Date(moscowDayStart(addDays(p.today, -5)).getTime()), nmId: 100, techSize: "L", isCancel: true }));
    // Outside the window (31 days ago): not demand.
    raw.push(orderRow(cabinetId, { orderedAt: new Date(moscowDayStart(addDays(p.today, -31)).getTime()), nmId: 500, techSize: "M" }));
    await seed.orders(raw);

    const rev = (id: string, rating: number, isAnswered: boolean) => ({
      cabinetId,
      id,
      nmId: 100,
      rating,
      isAnswered,
      createdAt: new Date(now.getTime() - DAY),
    });
    await seed.feedbacks([rev("f1", 5, false), rev("f2", 5, true), rev("f3", 4, false), rev("f4", 1, false)]);

    await seed.syncState([
      { cabinetId, dataset: "orders", lastSuccessAt: new Date(now.getTime() - MINUTE) },
      { cabinetId, dataset: "stocks", lastSuccessAt: new Date(now.getTime() - 3 * DAY) },
      { cabinetId, dataset: "feedbacks", lastSuccessAt: new Date(now.getTime() - MINUTE) },
      { cabinetId, dataset: "cards", lastSuccessAt: null },
    ]);
  });

  it("answers the hand-computed figures", async () => {
    const p = dashboardPeriods(now);
    const res = await api(`/cabinets/${cabinetId}/summary`, { token });
    expect(res.status).toBe(200);
    const s = plain(res.body);
    // Money strings group digits with ru-RU's non-breaking space, so an amount never wraps inside.
    expect(res.body.orders.last7.sum.formatted).toBe("52\u00a0500\u00a0₽");
    expect(s.cabinetId).toBe(cabinetId);
    expect(s.timeZone).toBe("Europe/Moscow");

    expect(s.orders.today).toMatchObject({
      from: p.today,
      to: p.today,
      count: 3,
      sum: { kopecks: 550_000, formatted: "5 500 ₽" },
      previous: { from: p.yesterday, to: p.yesterday, count: 1, sum: { kopecks: 150_000, formatted: "1 500 ₽" } },
      countGrowthPercent: 200,
      sumGrowthPercent: 267,
    });
    // "Today" runs to the moment of the request; its comparison ends exactly 24 hours earlier.
    expect(Date.parse(s.orders.today.until)).toBeGreaterThanOrEqual(now.getTime());
    expect(Date.parse(s.orders.today.until) - Date.parse(s.orders.today.previous.until)).toBe(DAY);

    expect(s.orders.yesterday).toEqual({
      from: p.yesterday,
      to: p.yesterday,
      until: null,
      count: 2,
      sum: { kopecks: 300_000, formatted: "3 000 ₽" },
      previous: { from: p.dayBeforeYesterday, to: p.dayBeforeYesterday, until: null, count: 3, sum: { kopecks: 450_000, formatted: "4 500 ₽" } },
      countGrowthPercent: -33,
      sumGrowthPercent: -33,
    });
    expect(s.orders.last7).toMatchObject({
      from: addDays(p.today, -7),
      to: p.yesterday,
      count: 35,
      sum: { kopecks: 5_250_000, formatted: "52 500 ₽" },
      previous: { from: addDays(p.today, -14), to: addDays(p.today, -8), count: 84 },
      countGrowthPercent: -58,
      sumGrowthPercent: -58,
    });
    expect(s.orders.last30).toMatchObject({
      from: addDays(p.today, -30),
      count: 495,
      sum: { kopecks: 74_250_000, formatted: "742 500 ₽" },
      previous: { count: 1395 },
      countGrowthPercent: -65,
    });

    expect(s.stocks).toMatchObject({ sizes: 6, critical: 1, zero: 2, low: 1, ok: 2, needsAttention: 4, criticalDays: 7, attentionDays: 14 });
    expect(s.reviews).toMatchObject({ averageRating: 3.75, unanswered: 3, total: 4 });
    expect(s.products).toMatchObject({ total: 5, active: 3 });

    // Freshness: orders synced a minute ago; stocks three days ago (stale, and the stocks block
    // is as old as its oldest input); cards never (so "active products" has no date).
    expect(s.orders.freshness).toEqual({ updatedAt: new Date(now.getTime() - MINUTE).toISOString(), stale: false, datasets: ["orders"] });
    expect(s.stocks.freshness).toEqual({ updatedAt: new Date(now.getTime() - 3 * DAY).toISOString(), stale: true, datasets: ["stocks", "orders"] });
    expect(s.reviews.freshness).toMatchObject({ stale: false, datasets: ["feedbacks"] });
    expect(s.products.freshness).toEqual({ updatedAt: null, stale: true, datasets: ["cards", "stocks", "orders"] });
  });

  it("takes the critical threshold from the query", async () => {
    // With 11 days, chrt 2001 (10.3 days) becomes critical and 1002 (20.7 days) low.
    const res = await api(`/cabinets/${cabinetId}/summary?criticalDays=11`, { token });
    expect(res.status).toBe(200);
    expect(res.body.stocks).toMatchObject({ critical: 2, zero: 2, low: 1, ok: 1, needsAttention: 5, criticalDays: 11, attentionDays: 22 });
  });

  it("refuses a bad threshold with a Russian problem", async () => {
    const res = await api(`/cabinets/${cabinetId}/summary?criticalDays=abc`, { token });
    expect(isRussianProblem(res, 400)).toBe(true);
    expect(res.body.detail).toContain("criticalDays");
  });

  it("a cabinet without data answers zeros, null growth and stale blocks", async () => {
    const empty = await newCabinet(user);
    const res = await api(`/cabinets/${empty}/summary`, { token });
    expect(res.status).toBe(200);
    expect(plain(res.body).orders.today).toMatchObject({ count: 0, sum: { kopecks: 0, formatted: "0 ₽" }, countGrowthPercent: 0 });
    expect(res.body.stocks).toMatchObject({ sizes: 0, needsAttention: 0 });
    expect(res.body.reviews).toMatchObject({ averageRating: null, unanswered: 0, total: 0 });
    expect(res.body.orders.freshness).toEqual({ updatedAt: null, stale: true, datasets: ["orders"] });
  });
});

describe("summary review totals (feedback_stats, kept by triggers)", () => {
  it("follow inserts, sync upserts, answers and deletes, and match the reviews themselves", async () => {
    const user = await newUser();
    const token = await tokenFor(user);
    const cabinetId = await newCabinet(user);
    const other = await newCabinet(user);
    const rev = (cab: string, id: string, rating: number, isAnswered = false) => ({ cabinetId: cab, id, nmId: 1, rating, isAnswered, createdAt: new Date() });
    const fromApi = async () => (await api(`/cabinets/${cabinetId}/summary`, { token })).body.reviews;
    const fromRows = async () => {
      const row = await env.DB.prepare(
        "SELECT count(*) AS total, avg(rating) AS averageRating, coalesce(sum(is_answered = 0), 0) AS unanswered FROM feedbacks WHERE cabinet_id = ?1",
      )
        .bind(cabinetId)
        .first<{ total: number; averageRating: number | null; unanswered: number }>();
      const avg = row?.averageRating ?? null;
      return { total: row?.total, unanswered: row?.unanswered, averageRating: avg === null ? null : Math.round(avg * 100) / 100 };
    };

    await seed.feedbacks([rev(cabinetId, "a", 5), rev(cabinetId, "b", 4, true), rev(cabinetId, "c", 1), rev(other, "a", 2)]);
    expect(await fromApi()).toMatchObject({ total: 3, unanswered: 2, averageRating: 3.33 });

    // The sync's upsert (ON CONFLICT DO UPDATE): a changed rating and an answer arriving from WB.
    await env.DB.prepare(
      `INSERT INTO feedbacks (cabinet_id, id, nm_id, rating, created_at, is_answered) VALUES (?1, 'c', 1, 2, 0, 1), (?1, 'd', 1, 3, 0, 0)
       ON CONFLICT (cabinet_id, id) DO UPDATE SET rating = excluded.rating, is_answered = excluded.is_answered`,
    )
      .bind(cabinetId)
      .run();
    // An update that touches neither rating nor is_answered changes nothing.
    await env.DB.prepare("UPDATE feedbacks SET text = 'x' WHERE cabinet_id = ?1").bind(cabinetId).run();
    expect(await fromApi()).toMatchObject({ total: 4, unanswered: 2, averageRating: 3.5 });
    expect(await fromApi()).toMatchObject(await fromRows());

    await env.DB.prepare("DELETE FROM feedbacks WHERE cabinet_id = ?1 AND id IN ('a', 'd')").bind(cabinetId).run();
    expect(await fromApi()).toMatchObject({ total: 2, unanswered: 0, averageRating: 3 });
    expect(await fromApi()).toMatchObject(await fromRows());

    await env.DB.prepare("DELETE FROM feedbacks WHERE cabinet_id = ?1").bind(cabinetId).run();
    expect(await fromApi()).toMatchObject({ total: 0, unanswered: 0, averageRating: null });
    // The other cabinet's totals never moved.
    const stats = await env.DB.prepare("SELECT reviews, rating_sum AS ratingSum, unanswered FROM feedback_stats WHERE cabinet_id = ?1").bind(other).first();
    expect(stats).toEqual({ reviews: 1, ratingSum: 2, unanswered: 1 });
  });
});

describe("summary on Moscow day boundaries (repository, fixed clock)", () => {
  it("an order at 20:59:59 UTC is yesterday's, one at 21:00 UTC today's", async () => {
    const user = await newUser();
    const cabinetId = await newCabinet(user);
    const auth = await requireCabinetAccess(db, user, cabinetId);
    // 2026-11-24 00:30 Moscow. Rollups are built by the sync pipeline's own builder.
    const now = new Date("2026-11-23T21:30:00Z");
    await seed.orders([
      orderRow(cabinetId, { orderedAt: new Date("2026-11-23T20:59:59.999Z") }), // 23rd, 23:59:59.999 Moscow
      orderRow(cabinetId, { orderedAt: new Date("2026-11-23T21:00:00.000Z") }), // 24th, 00:00 Moscow
      orderRow(cabinetId, { orderedAt: new Date("2026-11-23T21:10:00.000Z") }),
      orderRow(cabinetId, { orderedAt: new Date("2026-11-22T21:20:00.000Z") }), // 23rd 00:20: before "same time yesterday"
      orderRow(cabinetId, { orderedAt: new Date("2026-11-22T21:30:00.000Z") }), // 23rd 00:30: exactly the same time, counted
      orderRow(cabinetId, { orderedAt: new Date("2026-11-22T21:30:00.001Z") }), // just after: not counted
      orderRow(cabinetId, { orderedAt: new Date("2026-11-22T20:59:59.999Z") }), // 22nd: day before yesterday
    ]);
    const [first, ...rest] = rollupStatements(db, cabinetId, ["2026-11-22", "2026-11-23", "2026-11-24"]);
    if (first) await db.batch([first, ...rest]);
    const s = await getDashboardSummary(db, auth, { now });
    expect(s.orders.today).toMatchObject({ from: "2026-11-24", count: 2, countGrowthPercent: 0 });
    expect(s.orders.today.previous).toMatchObject({ from: "2026-11-23", count: 2, until: new Date("2026-11-22T21:30:00.000Z") });
    expect(s.orders.yesterday).toMatchObject({ from: "2026-11-23", count: 4, previous: { from: "2026-11-22", count: 1 }, countGrowthPercent: 300 });
    expect(s.orders.last7).toMatchObject({ from: "2026-11-17", to: "2026-11-23" });
  });
});

describe("summary query plans", () => {
  // The budget (p95 ≤ 10 ms on a million orders) holds only while every read is an index search:
  // no statement may SCAN a seller table or sort through a temporary B-tree.
  const cab = "00000000-0000-4000-8000-000000000000";
  const days = JSON.stringify(dayList("2026-09-25", "2026-11-24"));
  const plans: [string, string, unknown[], RegExp][] = [
    ["rollup days", ROLLUP_DAYS_SQL, [cab, days], /SEARCH daily_rollups USING INDEX sqlite_autoindex_daily_rollups_1 \(cabinet_id=\? AND day=\? AND nm_id=\?\)/],
    // Index entries only: orders_ordered_idx carries price_with_disc_kopecks.
    ["orders yesterday so far", ORDERS_BETWEEN_SQL, [cab, 0, 1], /SEARCH orders USING COVERING INDEX orders_ordered_idx \(cabinet_id=\? AND ordered_at>\? AND ordered_at<\?\)/],
    ["sync marks", SYNC_MARKS_SQL, [cab], /SEARCH sync_state USING INDEX sqlite_autoindex_sync_state_1 \(cabinet_id=\?\)/],
    ["review stats", REVIEW_STATS_SQL, [cab], /SEARCH feedback_stats USING INDEX sqlite_autoindex_feedback_stats_1 \(cabinet_id=\?\)/],
    ["products count", PRODUCT_COUNT_SQL, [cab], /SEARCH products USING COVERING INDEX \w+ \(cabinet_id=\?\)/],
    ["product ids (cached)", PRODUCT_IDS_SQL, [cab], /SEARCH products USING (COVERING )?INDEX \w+ \(cabinet_id=\?\)/],
    ["threshold", THRESHOLD_SQL, [1, cab], /SEARCH notification_settings USING INDEX sqlite_autoindex_notification_settings_1 \(user_id=\? AND cabinet_id=\?\)/],
    ["stock by size (cached)", STOCK_BY_SIZE_SQL, [cab], /SEARCH stock_snapshots USING INDEX sqlite_autoindex_stock_snapshots_1 \(cabinet_id=\?\)/],
    ["stock count", STOCK_COUNT_SQL, [cab], /SEARCH stock_snapshots USING COVERING INDEX \w+ \(cabinet_id=\?\)/],
    ["window rollups", WINDOW_ROLLUPS_SQL, [cab, days], /SEARCH daily_rollups USING INDEX sqlite_autoindex_daily_rollups_1 \(cabinet_id=\? AND day=\? AND nm_id=\?\)/],
    ["size demand (cached)", SIZE_DEMAND_SQL, [cab, 0, 1], /SEARCH orders USING INDEX orders_ordered_idx \(cabinet_id=\? AND ordered_at>\? AND ordered_at<\?\)/],
  ];

  for (const [name, sql, binds, expected] of plans) {
    it(name, async () => {
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...binds)
        .all<{ detail: string }>();
      const plan = results.map((r) => r.detail).join("\n");
      expect(plan).toMatch(expected);
      expect(plan).not.toMatch(/SCAN (orders|daily_rollups|feedbacks|stock_snapshots|products|sales)\b/);
      if (name !== "size demand (cached)") expect(plan).not.toMatch(/TEMP B-TREE/);
    });
  }
});
