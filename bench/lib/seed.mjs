// Local D1 setup through the D1 binding (mf.getD1Database): the project's migrations, then a
// seeded cabinet. The big tables are generated inside SQLite (a recursive CTE per 100,000
// orders), so a million rows never cross the Node ↔ workerd bridge; the small ones go as one JSON
// parameter expanded by json_each.

import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { BRANDS, CARDS, NM_BASE, REGIONS, SELLER_WAREHOUSE, SIZES, SUBJECTS, TECH_SIZES, WAREHOUSES, card, prng, size } from "./catalog.mjs";

const DAY_MS = 24 * 3600 * 1000;

/** Statements of db/migrations/*.sql, files in name order (drizzle's statement breakpoints). */
export function migrationStatements(migrationsDir) {
  const files = readdirSync(migrationsDir)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  const statements = [];
  for (const file of files) {
    const text = readFileSync(join(migrationsDir, file), "utf8");
    for (const part of text.split("--> statement-breakpoint")) if (part.trim()) statements.push(part.trim());
  }
  return { files, statements };
}

export async function applyMigrations(d1, migrationsDir) {
  const { files, statements } = migrationStatements(migrationsDir);
  await d1.batch(statements.map((s) => d1.prepare(s)));
  return { files, statements: statements.length };
}

export function sha256Hex(text) {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A personal access token in the product's format (wba_ + base64url of 32 random bytes). */
export function newApiToken() {
  return "wba_" + randomBytes(32).toString("base64url");
}

/**
 * A dashboard session for `userId`, as workers/auth/sessions.ts stores one: a random 43-character
 * base64url token (sent as the `wba_session` cookie over http) whose SHA-256 hex is the row id.
 */
export async function createWebSession(d1, { userId, nowMs = Date.now(), ttlMs = 30 * DAY_MS }) {
  const token = randomBytes(32).toString("base64url");
  await d1
    .prepare("INSERT INTO web_sessions (id, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)")
    .bind(sha256Hex(token), userId, nowMs, nowMs + ttlMs)
    .run();
  return { token, cookie: `wba_session=${token}` };
}

/** A user, a cabinet (dummy token ciphertext: these routes never decrypt it) and an owner membership. */
export async function createCabinet(d1, { cabinetId, userId, name, token }) {
  const statements = [
    d1.prepare("INSERT OR IGNORE INTO users (id, username, first_name, language) VALUES (?1, ?2, ?3, 'ru')").bind(userId, `bench${userId}`, "Бенчмарк"),
    d1
      .prepare(
        `INSERT INTO cabinets (id, name, seller_id, token_ciphertext, token_iv, token_type, token_categories)
         VALUES (?1, ?2, ?3, 'bench-ciphertext', 'bench-iv', 'personal', '["statistics","content","feedbacks","analytics","prices"]')`,
      )
      .bind(cabinetId, name, `seller-${cabinetId}`),
    d1.prepare("INSERT INTO cabinet_members (cabinet_id, user_id, role) VALUES (?1, ?2, 'owner')").bind(cabinetId, userId),
  ];
  if (token) {
    statements.push(
      d1
        .prepare("INSERT INTO api_tokens (id, user_id, name, token_hash, token_prefix) VALUES (?1, ?2, 'bench', ?3, ?4)")
        .bind(`tok-${cabinetId}`, userId, sha256Hex(token), token.slice(0, 10)),
    );
  }
  await d1.batch(statements);
}

const sqlList = (values) => values.map((v) => `'${v.replace(/'/g, "''")}'`);
/** `CASE expr WHEN 0 THEN 'a' WHEN 1 THEN 'b' … END` over a JS list. */
const pick = (expr, values) => `CASE ${expr} ${sqlList(values).map((v, i) => `WHEN ${i} THEN ${v}`).join(" ")} END`;

/**
 * One chunk of orders [from, to] (row numbers), placed evenly from startMs with `stepMs` between
 * rows, with the same catalogue, price model and field formats as the WB page generator.
 */
const ORDERS_CHUNK_SQL = `
WITH RECURSIVE seq(n) AS (SELECT ?2 UNION ALL SELECT n + 1 FROM seq WHERE n < ?3),
g AS (
  SELECT n,
         (n * 2654435761 + 12345) % 4294967296 AS h1,
         ((n + 1013904223) * 1664525) % 4294967296 AS h2,
         ((n * 22695477 + 1) * 69069) % 4294967296 AS h3,
         CAST(?4 + n * ?5 AS INTEGER) AS at
    FROM seq
),
o AS (
  SELECT n, h1, h2, h3, at,
         CAST(${CARDS}.0 * ((h1 % 10007) / 10007.0) * ((h2 % 10009) / 10009.0) AS INTEGER) AS c,
         h3 % ${TECH_SIZES.length} AS t,
         ((h3 / 7) % 100 < 8 AND at < ?6 - 2 * ${DAY_MS}) AS cancelled,
         30 + (h1 / 101) % 31 AS disc,
         (h2 / 103) % 26 AS spp,
         (h2 / 100) % ${REGIONS.length} AS r,
         h2 % 100 < 12 AS fbs
    FROM g
),
p AS (
  SELECT o.*, (990 + (c % 40) * 100) * 100 AS total, at + ((h1 / 7) % 172800) * 1000 AS cancel_at FROM o
)
INSERT INTO orders (cabinet_id, srid, g_number, ordered_at, last_change_at, nm_id, barcode, supplier_article, tech_size, brand,
                    subject, category, warehouse_name, warehouse_type, country, okrug, region, total_price_kopecks,
                    discount_percent, spp, finished_price_kopecks, price_with_disc_kopecks, is_cancel, cancelled_at,
                    income_id, is_supply, is_realization, sticker)
SELECT ?1,
       printf('%d.r%08x%08x%06x.%d.0', 1 + h1 % 99, h2, h3, n, h1 % 10),
       printf('%d', 1000000000 + (h2 * 7 + n) % 8999999999),
       at,
       CASE WHEN cancelled THEN cancel_at ELSE at + 1800000 END,
       ${NM_BASE} + c,
       printf('20%011d', 4000000000 + c * ${TECH_SIZES.length} + t),
       printf('ART-%04d', c),
       ${pick("t", TECH_SIZES)},
       ${pick(`c % ${BRANDS.length}`, BRANDS)},
       ${pick(`c % ${SUBJECTS.length}`, SUBJECTS)},
       'Одежда',
       CASE WHEN fbs THEN '${SELLER_WAREHOUSE}' ELSE ${pick(`(h1 / 13) % ${WAREHOUSES.length}`, WAREHOUSES)} END,
       CASE WHEN fbs THEN 'Склад продавца' ELSE 'Склад WB' END,
       ${pick("r", REGIONS.map((x) => x[0]))},
       ${pick("r", REGIONS.map((x) => x[1]))},
       ${pick("r", REGIONS.map((x) => x[2]))},
       total,
       disc,
       spp,
       (total * (100 - disc) / 100) * (100 - spp) / 100,
       total * (100 - disc) / 100,
       cancelled,
       CASE WHEN cancelled THEN cancel_at END,
       20000000 + (h3 / 11) % 5000,
       0,
       1,
       printf('%d', 10000000000 + (h1 * 3 + n) % 89999999999)
  FROM p`;

/** daily_rollups from the orders, the same definitions as workers/sync/datasets/rollups.ts (no sales here). */
const ROLLUPS_SQL = `
INSERT INTO daily_rollups (cabinet_id, day, nm_id, orders_count, orders_sum_kopecks, cancels_count,
                           sales_count, sales_sum_kopecks, returns_count, returns_sum_kopecks, for_pay_kopecks)
SELECT * FROM (
  WITH src AS (
    SELECT strftime('%Y-%m-%d', ordered_at / 1000 + 10800, 'unixepoch') AS day, nm_id, price_with_disc_kopecks AS s, is_cancel AS cc
      FROM orders WHERE cabinet_id = ?1
  )
  SELECT ?1, day, nm_id, count(*), sum(s), sum(cc), 0, 0, 0, 0, 0 FROM src GROUP BY day, nm_id
  UNION ALL
  SELECT ?1, day, 0, count(*), sum(s), sum(cc), 0, 0, 0, 0, 0 FROM src GROUP BY day
)`;

const FEEDBACKS_SQL = `
WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < ?2 - 1),
g AS (SELECT n, (n * 2654435761 + 777) % 4294967296 AS h FROM seq)
INSERT INTO feedbacks (cabinet_id, id, nm_id, imt_id, product_name, supplier_article, size, rating, text, user_name,
                       created_at, is_answered, answer_text, answered_at, photo_count)
SELECT ?1, printf('fb%010d', n), ${NM_BASE} + (h % ${CARDS}), 0, 'Товар', printf('ART-%04d', h % ${CARDS}),
       ${pick(`(h / 7) % ${TECH_SIZES.length}`, TECH_SIZES)},
       CASE WHEN h % 100 < 62 THEN 5 WHEN h % 100 < 80 THEN 4 WHEN h % 100 < 88 THEN 3 WHEN h % 100 < 94 THEN 2 ELSE 1 END,
       'Отличная вещь, размер в размер', 'Покупатель',
       ?3 - ((h / 11) % (90 * 86400)) * 1000,
       (h / 13) % 100 < 85,
       CASE WHEN (h / 13) % 100 < 85 THEN 'Спасибо за отзыв!' END,
       CASE WHEN (h / 13) % 100 < 85 THEN ?3 - ((h / 11) % (90 * 86400)) * 1000 + 3600000 END,
       (h / 17) % 3
  FROM g`;

export const SYNC_DATASETS = ["cards", "prices", "orders", "sales", "stocks", "feedbacks", "questions", "finance"];

/**
 * Seeds `cabinetId` with `orders` orders over the 90 days up to nowMs, the 1,000 cards and 5,000
 * sizes of the catalogue with one stock row per size, daily_rollups built from the orders,
 * `feedbacks` reviews and a sync_state row per dataset (last success now). Returns timings.
 */
export async function seedCabinet(d1, { cabinetId, orders, feedbacks = 20_000, nowMs, chunk = 100_000, onProgress = () => {} }) {
  const t = {};
  const rnd = prng(42);

  let t0 = performance.now();
  const productRows = [];
  for (let i = 0; i < CARDS; i++) {
    const c = card(i);
    productRows.push([c.nmId, c.imtId, c.vendorCode, c.brand, 100 + (i % SUBJECTS.length), c.subject, `${c.subject} ${c.brand} ${c.vendorCode}`]);
  }
  const sizeRows = [];
  const stockRows = [];
  for (let s = 0; s < SIZES; s++) {
    const z = size(s);
    sizeRows.push([z.chrtId, z.nmId, z.techSize, String(40 + 2 * (s % TECH_SIZES.length)), JSON.stringify([z.barcode])]);
    // Realistic spread: some sizes sold out, many low, most fine.
    const u = rnd();
    const quantity = u < 0.06 ? 0 : u < 0.25 ? Math.floor(rnd() * 10) : Math.floor(rnd() * 400);
    stockRows.push([z.chrtId, "Склад WB", z.nmId, quantity, Math.floor(rnd() * 8), Math.floor(rnd() * 3)]);
  }
  await d1.batch([
    d1
      .prepare(
        `INSERT INTO products (cabinet_id, nm_id, imt_id, vendor_code, brand, subject_id, subject_name, title)
         SELECT ?1, value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6 FROM json_each(?2)`,
      )
      .bind(cabinetId, JSON.stringify(productRows)),
    d1
      .prepare(
        `INSERT INTO product_sizes (cabinet_id, chrt_id, nm_id, tech_size, wb_size, skus)
         SELECT ?1, value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(?2)`,
      )
      .bind(cabinetId, JSON.stringify(sizeRows)),
    d1
      .prepare(
        `INSERT INTO stock_snapshots (cabinet_id, chrt_id, warehouse_name, nm_id, quantity, in_way_to_client, in_way_from_client)
         SELECT ?1, value->>0, value->>1, value->>2, value->>3, value->>4, value->>5 FROM json_each(?2)`,
      )
      .bind(cabinetId, JSON.stringify(stockRows)),
  ]);
  t.catalogMs = performance.now() - t0;

  t0 = performance.now();
  const startMs = nowMs - 90 * DAY_MS;
  const stepMs = (90 * DAY_MS - 60_000) / orders;
  for (let from = 0; from < orders; from += chunk) {
    const to = Math.min(orders, from + chunk) - 1;
    await d1.prepare(ORDERS_CHUNK_SQL).bind(cabinetId, from, to, startMs, stepMs, nowMs).run();
    onProgress(to + 1);
  }
  t.ordersMs = performance.now() - t0;

  t0 = performance.now();
  await d1.prepare(ROLLUPS_SQL).bind(cabinetId).run();
  t.rollupsMs = performance.now() - t0;

  t0 = performance.now();
  if (feedbacks > 0) await d1.prepare(FEEDBACKS_SQL).bind(cabinetId, feedbacks, nowMs).run();
  await d1.batch(
    SYNC_DATASETS.map((dataset) =>
      d1
        .prepare(
          `INSERT INTO sync_state (cabinet_id, dataset, last_success_at, last_attempt_at, next_due_at, rows_total, backfill_done, backfill_progress)
           VALUES (?1, ?2, ?3, ?3, ?4, ?5, 1, 1)`,
        )
        .bind(cabinetId, dataset, nowMs - 60_000, nowMs + 5 * 60_000, dataset === "orders" ? orders : 0),
    ),
  );
  t.restMs = performance.now() - t0;

  const counts = await d1.batch(
    ["orders", "product_sizes", "products", "stock_snapshots", "daily_rollups", "feedbacks"].map((table) =>
      d1.prepare(`SELECT '${table}' AS t, count(*) AS n FROM ${table} WHERE cabinet_id = ?1`).bind(cabinetId),
    ),
  );
  const rows = Object.fromEntries(counts.map((r) => [r.results[0].t, r.results[0].n]));
  return { timings: t, rows };
}
