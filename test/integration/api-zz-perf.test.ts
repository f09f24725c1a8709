import { env } from "cloudflare:workers";
import { expect, it } from "vitest";

import { api, newCabinet, newUser, tokenFor } from "./api-helpers";

it("perf", { timeout: 600_000 }, async () => {
  const user = await newUser();
  const token = await tokenFor(user);
  const cab = await newCabinet(user);
  const now = Date.now();
  const t0 = Date.now();
  const N = 1_000_000;
  // 1M orders over 90 days, 1000 cards × 5 sizes.
  for (let start = 0; start < N; start += 100_000) {
    await env.DB.prepare(`INSERT INTO orders (cabinet_id, srid, ordered_at, last_change_at, nm_id, tech_size, supplier_article, region, total_price_kopecks, finished_price_kopecks, price_with_disc_kopecks, is_cancel)
      WITH RECURSIVE seq(i) AS (SELECT ?2 UNION ALL SELECT i + 1 FROM seq WHERE i < ?3)
      SELECT ?1, 'srid.' || i, ?4 - (i * 7776) , ?4 - (i * 7776), 1000 + (i % 1000), CAST((i / 1000) % 5 AS TEXT), 'ART-' || (i % 1000), 'Московская', 200000, 120000, 150000, (i % 13 = 0) FROM seq`)
      .bind(cab, start, start + 99_999, now).run();
  }
  console.log("orders inserted", Date.now() - t0);
  await env.DB.prepare(`INSERT INTO daily_rollups (cabinet_id, day, nm_id, orders_count, orders_sum_kopecks, cancels_count)
    SELECT cabinet_id, strftime('%Y-%m-%d', ordered_at / 1000 + 10800, 'unixepoch') d, nm_id, count(*), sum(price_with_disc_kopecks), sum(is_cancel) FROM orders WHERE cabinet_id = ?1 GROUP BY d, nm_id`).bind(cab).run();
  await env.DB.prepare(`INSERT INTO daily_rollups (cabinet_id, day, nm_id, orders_count, orders_sum_kopecks, cancels_count)
    SELECT cabinet_id, day, 0, sum(orders_count), sum(orders_sum_kopecks), sum(cancels_count) FROM daily_rollups WHERE cabinet_id = ?1 GROUP BY day`).bind(cab).run();
  await env.DB.prepare(`INSERT INTO products (cabinet_id, nm_id, vendor_code) WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < 999) SELECT ?1, 1000 + i, 'ART-' || i FROM seq`).bind(cab).run();
  await env.DB.prepare(`INSERT INTO product_sizes (cabinet_id, chrt_id, nm_id, tech_size) WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < 4999) SELECT ?1, 100000 + i, 1000 + (i % 1000), CAST(i / 1000 AS TEXT) FROM seq`).bind(cab).run();
  await env.DB.prepare(`INSERT INTO stock_snapshots (cabinet_id, chrt_id, warehouse_name, nm_id, quantity, in_way_to_client) WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < 4999) SELECT ?1, 100000 + i, 'Склад WB', 1000 + (i % 1000), (i * 37) % 500, i % 3 FROM seq`).bind(cab).run();
  await env.DB.prepare(`INSERT INTO feedbacks (cabinet_id, id, nm_id, rating, created_at, is_answered) WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < 19999) SELECT ?1, 'f' || i, 1000 + (i % 1000), 1 + (i % 5), ?2 - i * 60000, (i % 2) FROM seq`).bind(cab, now).run();
  console.log("seeded", Date.now() - t0);

  const time = async (path: string, n: number) => {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      const r = await api(path, { token });
      ms.push(performance.now() - s);
      expect(r.status).toBe(200);
    }
    ms.sort((a, b) => a - b);
    return { first: ms, p50: ms[Math.floor(n * 0.5)], p95: ms[Math.floor(n * 0.95)], max: ms[n - 1] };
  };
  const s0 = performance.now();
  const first = await api(`/cabinets/${cab}/summary`, { token });
  console.log("first summary ms", performance.now() - s0, JSON.stringify(first.body.stocks), first.body.orders.today.count, first.body.orders.last30.count);
  const { ROLLUP_DAYS_SQL, ORDERS_BETWEEN_SQL, SYNC_MARKS_SQL, RATINGS_SQL, UNANSWERED_SQL, PRODUCT_IDS_SQL, THRESHOLD_SQL } = await import("../../workers/queries/dashboard");
  const { STOCK_BY_SIZE_SQL } = await import("../../workers/queries/stock-levels");
  const { dashboardPeriods, dayList } = await import("../../workers/domain/moscow-periods");
  const p = dashboardPeriods(new Date());
  const days = JSON.stringify(dayList(p.allDays.from, p.allDays.to));
  const stmts: [string, D1PreparedStatement][] = [
    ["rollups", env.DB.prepare(ROLLUP_DAYS_SQL).bind(cab, days)],
    ["today", env.DB.prepare(ORDERS_BETWEEN_SQL).bind(cab, p.todayStart.getTime(), p.todayStart.getTime() + 86400000)],
    ["yday", env.DB.prepare(ORDERS_BETWEEN_SQL).bind(cab, p.todayStart.getTime() - 86400000, p.yesterdaySameTime.getTime())],
    ["sync", env.DB.prepare(SYNC_MARKS_SQL).bind(cab)],
    ["ratings", env.DB.prepare(RATINGS_SQL).bind(cab)],
    ["unanswered", env.DB.prepare(UNANSWERED_SQL).bind(cab)],
    ["products", env.DB.prepare(PRODUCT_IDS_SQL).bind(cab)],
    ["threshold", env.DB.prepare(THRESHOLD_SQL).bind(user, cab)],
    ["stock", env.DB.prepare(STOCK_BY_SIZE_SQL).bind(cab)],
    ["noop", env.DB.prepare("SELECT 1")],
  ];
  for (const [name, st] of stmts) {
    const ms: number[] = [];
    for (let i = 0; i < 50; i++) { const s = performance.now(); await st.all(); ms.push(performance.now() - s); }
    ms.sort((a, b) => a - b);
    console.log("stmt", name, ms[25]?.toFixed(2), ms[47]?.toFixed(2));
  }
  const h = await time(`/tokens`, 200);
  console.log("tokens list", h.p50, h.p95);
  const r = await time(`/cabinets/${cab}/summary`, 200);
  console.log("summary", r.p50, r.p95, r.max);
  const o = await time(`/cabinets/${cab}/orders?limit=50`, 200);
  console.log("orders", o.p50, o.p95, o.max);
  const st = await time(`/cabinets/${cab}/stocks?limit=100`, 50);
  console.log("stocks", st.p50, st.p95, st.max);
});
