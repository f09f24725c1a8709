import { env } from "cloudflare:workers";
import { and, count, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { describe, expect, it } from "vitest";

import { cabinetMembers, cabinets, financeReportRows, type NewFinanceReportRow, type NewOrder, orders, syncState, users } from "../../db/schema";
import { bulkUpsert, D1_MAX_BOUND_PARAMETERS, excluded, jsonUpsert } from "../../workers/db/bulk-upsert";
import { createDb } from "../../workers/db/client";

const db = createDb(env.DB);

const EXPECTED_TABLES = [
  "api_tokens",
  "cabinet_members",
  "cabinets",
  "daily_rollups",
  "feedbacks",
  "finance_report_rows",
  "invites",
  "login_links",
  "notification_outbox",
  "notification_settings",
  "orders",
  "prices",
  "product_sizes",
  "products",
  "questions",
  "sales",
  "stock_history_daily",
  "stock_snapshots",
  "sync_state",
  "users",
  "wb_sandbox_answers",
  "wb_sandbox_revoked_tokens",
  "web_sessions",
];

async function newCabinet(name = "Тестовый кабинет"): Promise<string> {
  const [row] = await db
    .insert(cabinets)
    .values({ name, tokenCiphertext: "c", tokenIv: "i", tokenType: "personal", tokenCategories: ["statistics"] })
    .returning({ id: cabinets.id });
  if (!row) throw new Error("no cabinet inserted");
  return row.id;
}

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);

function order(cabinetId: string, i: number, patch: Partial<NewOrder> = {}): NewOrder {
  return {
    cabinetId,
    srid: `srid-${i}`,
    gNumber: `g-${i}`,
    orderedAt: new Date(T0 + i * 60_000),
    lastChangeAt: new Date(T0 + i * 60_000 + 5_000),
    nmId: 100_000 + (i % 17),
    barcode: `2000000${i}`,
    supplierArticle: `ART-${i % 17}`,
    techSize: ["S", "M", "L"][i % 3] ?? "0",
    brand: "Бренд",
    subject: "Футболки",
    category: "Одежда",
    warehouseName: "Склад WB",
    warehouseType: "Склад WB",
    country: "Россия",
    okrug: "Центральный федеральный округ",
    region: "Московская",
    totalPriceKopecks: 188_700 + i,
    discountPercent: 18,
    spp: 26.5,
    finishedPriceKopecks: 114_500,
    priceWithDiscKopecks: 154_700,
    isCancel: i % 10 === 0,
    cancelledAt: i % 10 === 0 ? new Date(T0 + 86_400_000) : null,
    incomeId: 56_735_459,
    isSupply: false,
    isRealization: true,
    sticker: `9269${i}`,
    ...patch,
  };
}

/** SQL text and parameters of a statement returned by the bulk helpers. */
function queryOf(item: BatchItem<"sqlite">): { sql: string; params: unknown[] } {
  const q = item as unknown as { toSQL?: () => { sql: string; params: unknown[] }; getQuery?: () => { sql: string; params: unknown[] } };
  const query = q.toSQL?.() ?? q.getQuery?.();
  if (!query) throw new Error("not a drizzle statement");
  return query;
}

/** The message of a rejected query, with drizzle's wrapped cause ("Failed query: …" hides it). */
async function failure(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    const e = error as Error & { cause?: unknown };
    return `${e.message} ${e.cause instanceof Error ? e.cause.message : ""}`;
  }
  throw new Error("the query succeeded");
}

async function ordersOf(cabinetId: string) {
  return db.select().from(orders).where(eq(orders.cabinetId, cabinetId)).orderBy(orders.srid);
}

describe("D1 schema", () => {
  it("has every table after the migrations", async () => {
    const rows = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all<{ name: string }>();
    const names = rows.results.map((r) => r.name);
    for (const table of EXPECTED_TABLES) expect(names).toContain(table);
    const applied = await env.DB.prepare("SELECT name FROM d1_migrations").all<{ name: string }>();
    expect(applied.results.map((r) => r.name)).toContain("0000_init.sql");
  });

  it("creates the sandbox tables with exactly the agreed columns", async () => {
    const answers = await env.DB.prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info('wb_sandbox_answers') ORDER BY cid").all();
    expect(answers.results).toEqual([
      { name: "kind", type: "TEXT", notnull: 1, pk: 1 },
      { name: "id", type: "TEXT", notnull: 1, pk: 2 },
      { name: "text", type: "TEXT", notnull: 1, pk: 0 },
      { name: "answered_at", type: "INTEGER", notnull: 1, pk: 0 },
    ]);
    const revoked = await env.DB.prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info('wb_sandbox_revoked_tokens') ORDER BY cid").all();
    expect(revoked.results).toEqual([
      // NOT NULL as well: SQLite would otherwise accept NULL in a non-INTEGER primary key.
      { name: "token_id", type: "TEXT", notnull: 1, pk: 1 },
      { name: "revoked_at", type: "INTEGER", notnull: 1, pk: 0 },
    ]);
  });

  it("inserts a cabinet with SQL defaults and reads orders back with their types", async () => {
    const before = Date.now();
    const cabinetId = await newCabinet();
    const [cabinet] = await db.select().from(cabinets).where(eq(cabinets.id, cabinetId));
    expect(cabinet?.status).toBe("active");
    expect(cabinet?.tokenCategories).toEqual(["statistics"]);
    expect(cabinet?.isDemo).toBe(false);
    expect(cabinet?.createdAt).toBeInstanceOf(Date);
    // created_at comes from the SQL default, in unix ms.
    expect(cabinet?.createdAt.getTime()).toBeGreaterThanOrEqual(before - 5_000);
    expect(cabinet?.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 5_000);

    await db.insert(orders).values([order(cabinetId, 1), order(cabinetId, 10)]);
    const rows = await ordersOf(cabinetId);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ srid: "srid-1", isCancel: false, cancelledAt: null, spp: 26.5, totalPriceKopecks: 188_701 });
    expect(rows[0]?.orderedAt).toEqual(new Date(T0 + 60_000));
    expect(rows[1]).toMatchObject({ srid: "srid-10", isCancel: true });
    expect(rows[1]?.cancelledAt).toEqual(new Date(T0 + 86_400_000));
    const raw = await env.DB.prepare("SELECT ordered_at, typeof(ordered_at) AS t, is_cancel FROM orders WHERE cabinet_id = ? AND srid = 'srid-10'")
      .bind(cabinetId)
      .first();
    expect(raw).toEqual({ ordered_at: T0 + 600_000, t: "integer", is_cancel: 1 });
  });

  it("treats a re-insert of the same (cabinet_id, srid) as an upsert", async () => {
    const cabinetId = await newCabinet();
    await db.batch(bulkUpsert(db, orders, [order(cabinetId, 1)]) as [BatchItem<"sqlite">]);
    await db.batch(
      bulkUpsert(db, orders, [order(cabinetId, 1, { isCancel: true, lastChangeAt: new Date(T0 + 999_000) })]) as [BatchItem<"sqlite">],
    );
    const rows = await ordersOf(cabinetId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.isCancel).toBe(true);
    expect(rows[0]?.lastChangeAt).toEqual(new Date(T0 + 999_000));
    // A plain INSERT of the same key is refused.
    expect(await failure(db.insert(orders).values(order(cabinetId, 1)))).toMatch(/UNIQUE constraint failed/);
  });

  it("keeps the same srid in two cabinets as two rows", async () => {
    const a = await newCabinet("A");
    const b = await newCabinet("B");
    await db.insert(orders).values([order(a, 7), order(b, 7, { totalPriceKopecks: 1 })]);
    const rows = await db.select().from(orders).where(eq(orders.srid, "srid-7"));
    const mine = rows.filter((r) => r.cabinetId === a || r.cabinetId === b);
    expect(mine).toHaveLength(2);
    expect((await ordersOf(b))[0]?.totalPriceKopecks).toBe(1);
    expect((await ordersOf(a))[0]?.totalPriceKopecks).toBe(188_707);
  });

  it("enforces foreign keys and cascades a cabinet delete to its rows", async () => {
    expect(await failure(db.insert(orders).values(order("no-such-cabinet", 1)))).toMatch(/FOREIGN KEY constraint failed/);

    const keep = await newCabinet("keep");
    const gone = await newCabinet("gone");
    const userId = 9_000_000_000 + Math.floor(Math.random() * 1_000_000);
    await db.insert(users).values({ id: userId, firstName: "Анна" });
    await db.insert(cabinetMembers).values([
      { cabinetId: keep, userId, role: "owner" },
      { cabinetId: gone, userId, role: "viewer" },
    ]);
    await db.insert(orders).values([order(keep, 1), order(gone, 1), order(gone, 2)]);
    await db.insert(syncState).values({ cabinetId: gone, dataset: "orders", cursor: { dateFrom: "2026-11-20T12:00:00" } });

    await db.delete(cabinets).where(eq(cabinets.id, gone));

    expect(await ordersOf(gone)).toHaveLength(0);
    expect(await ordersOf(keep)).toHaveLength(1);
    const [members] = await db.select({ n: count() }).from(cabinetMembers).where(eq(cabinetMembers.userId, userId));
    expect(members?.n).toBe(1);
    const [states] = await db.select({ n: count() }).from(syncState).where(eq(syncState.cabinetId, gone));
    expect(states?.n).toBe(0);
  });

  it("bulk-upserts 250 wide rows in statements of at most 100 parameters, idempotently", async () => {
    const cabinetId = await newCabinet();
    const rows = Array.from({ length: 250 }, (_, i) => order(cabinetId, i));
    const statements = bulkUpsert(db, orders, rows);
    // 28 columns per order row: 3 rows per statement.
    expect(statements.length).toBe(Math.ceil(250 / 3));
    for (const statement of statements) {
      const q = queryOf(statement);
      expect(q.params.length).toBeLessThanOrEqual(D1_MAX_BOUND_PARAMETERS);
      expect(q.sql).toContain('on conflict ("orders"."cabinet_id", "orders"."srid") do update set "g_number" = excluded."g_number"');
    }
    const [first, ...rest] = statements;
    if (!first) throw new Error("no statements");
    await db.batch([first, ...rest]);
    const once = await ordersOf(cabinetId);
    expect(once).toHaveLength(250);

    // The same page again (a retried queue message): nothing changes.
    const again = bulkUpsert(db, orders, rows);
    await db.batch(again as [BatchItem<"sqlite">]);
    expect(await ordersOf(cabinetId)).toEqual(once);

    // A later page with changed values updates in place.
    const changed = rows.map((r, i) => ({ ...r, isCancel: i < 5, lastChangeAt: new Date(T0 + 10 * 86_400_000) }));
    await db.batch(bulkUpsert(db, orders, changed) as [BatchItem<"sqlite">]);
    const after = await ordersOf(cabinetId);
    expect(after).toHaveLength(250);
    expect(after.filter((r) => r.isCancel).length).toBe(5);
  });

  it("packs a 52-column finance row one per statement, and refuses a budget one row cannot fit", async () => {
    const cabinetId = await newCabinet();
    const rows: NewFinanceReportRow[] = Array.from({ length: 5 }, (_, i) => financeRow(cabinetId, i));
    const statements = bulkUpsert(db, financeReportRows, rows);
    expect(statements).toHaveLength(5);
    for (const s of statements) expect(queryOf(s).params.length).toBeLessThanOrEqual(100);
    expect(() => bulkUpsert(db, orders, [order(cabinetId, 1)], { maxParams: 10 })).toThrow(/parameters/);
  });

  it("writes rows and the cursor in one batch: a failing statement rolls everything back", async () => {
    const cabinetId = await newCabinet();
    await db.insert(syncState).values({ cabinetId, dataset: "orders", cursor: { dateFrom: "start" } });
    const cursorUpdate = db
      .update(syncState)
      .set({ cursor: { dateFrom: "advanced" }, lastRunRows: 10 })
      .where(and(eq(syncState.cabinetId, cabinetId), eq(syncState.dataset, "orders")));

    const good = Array.from({ length: 9 }, (_, i) => order(cabinetId, i));
    // NOT NULL violation in the last row.
    const bad = { ...order(cabinetId, 9), nmId: null } as unknown as NewOrder;
    await expect(db.batch([cursorUpdate, ...bulkUpsert(db, orders, [...good, bad])])).rejects.toThrow();
    expect(await ordersOf(cabinetId)).toHaveLength(0);
    const [state] = await db.select().from(syncState).where(eq(syncState.cabinetId, cabinetId));
    expect(state?.cursor).toEqual({ dateFrom: "start" });

    await db.batch([cursorUpdate, ...bulkUpsert(db, orders, good)]);
    expect(await ordersOf(cabinetId)).toHaveLength(9);
    const [advanced] = await db.select().from(syncState).where(eq(syncState.cabinetId, cabinetId));
    expect(advanced?.cursor).toEqual({ dateFrom: "advanced" });
  });

  it("updates only what the rows carry, honours keep and where", async () => {
    const cabinetId = await newCabinet();
    await db.batch(bulkUpsert(db, orders, [order(cabinetId, 1)]) as [BatchItem<"sqlite">]);

    // An older change must not overwrite a newer one.
    const older = order(cabinetId, 1, { isCancel: true, lastChangeAt: new Date(T0 - 1) });
    const onlyNewer = { where: sql`${excluded(orders.lastChangeAt)} > ${orders.lastChangeAt}` };
    await db.batch(bulkUpsert(db, orders, [older], onlyNewer) as [BatchItem<"sqlite">]);
    expect((await ordersOf(cabinetId))[0]?.isCancel).toBe(false);
    await db.batch(jsonUpsert(db, orders, [older], onlyNewer) as [BatchItem<"sqlite">]);
    expect((await ordersOf(cabinetId))[0]?.isCancel).toBe(false);

    // keep: the sticker stays as first seen.
    const newer = order(cabinetId, 1, { sticker: "other", region: "Тверская", lastChangeAt: new Date(T0 + 10_000_000) });
    await db.batch(bulkUpsert(db, orders, [newer], { keep: ["sticker"] }) as [BatchItem<"sqlite">]);
    const [row] = await ordersOf(cabinetId);
    expect(row?.sticker).toBe("92691");
    expect(row?.region).toBe("Тверская");
  });

  it("json_each upsert stores exactly what the multi-row upsert stores", async () => {
    const a = await newCabinet();
    const b = await newCabinet();
    const rowsA = Array.from({ length: 250 }, (_, i) => order(a, i));
    const rowsB = rowsA.map((r) => ({ ...r, cabinetId: b }));
    await db.batch(bulkUpsert(db, orders, rowsA) as [BatchItem<"sqlite">]);
    const statements = jsonUpsert(db, orders, rowsB);
    expect(statements).toHaveLength(1);
    expect(queryOf(statements[0] as BatchItem<"sqlite">).params).toHaveLength(1);
    await db.batch(statements as [BatchItem<"sqlite">]);
    // And again: idempotent.
    await db.batch(jsonUpsert(db, orders, rowsB) as [BatchItem<"sqlite">]);
    const strip = (rows: Awaited<ReturnType<typeof ordersOf>>) => rows.map(({ cabinetId: _c, ...rest }) => rest);
    expect(strip(await ordersOf(b))).toEqual(strip(await ordersOf(a)));

    // Small byte budget: several statements, same result.
    const c = await newCabinet();
    const rowsC = rowsA.map((r) => ({ ...r, cabinetId: c }));
    const chunked = jsonUpsert(db, orders, rowsC, { maxJsonBytes: 8_000 });
    expect(chunked.length).toBeGreaterThan(10);
    for (const s of chunked) expect(new TextEncoder().encode(String(queryOf(s).params[0])).length).toBeLessThanOrEqual(8_000);
    await db.batch(chunked as [BatchItem<"sqlite">]);
    expect(strip(await ordersOf(c))).toEqual(strip(await ordersOf(a)));

    // Defaults: a JSON column default and an SQL default (synced_at) are filled in.
    const fin = jsonUpsert(db, financeReportRows, [financeRow(c, 1)]);
    await db.batch(fin as [BatchItem<"sqlite">]);
    const [stored] = await db.select().from(financeReportRows).where(eq(financeReportRows.cabinetId, c));
    expect(stored?.syncedAt).toBeInstanceOf(Date);
    expect(stored?.syncedAt.getTime()).toBeGreaterThan(T0);
    expect(stored?.isB2b).toBe(false);
    expect(stored?.forPayKopecks).toBe(37_699);
  });
});

function financeRow(cabinetId: string, i: number): NewFinanceReportRow {
  return {
    cabinetId,
    rrdId: 1_232_610_467 + i,
    reportId: "9223372036854775807",
    reportType: 1,
    dateFrom: "2026-11-10",
    dateTo: "2026-11-16",
    createDate: "2026-11-17",
    currency: "RUB",
    rrDate: "2026-11-12",
    orderAt: new Date(T0),
    saleAt: new Date(T0 + 86_400_000),
    giId: 1,
    nmId: 100_001,
    subjectName: "Футболки",
    brandName: "Бренд",
    vendorCode: "ART-1",
    title: "Футболка",
    techSize: "M",
    sku: "2000000001",
    docTypeName: "Продажа",
    sellerOperName: "Продажа",
    bonusTypeName: null,
    officeName: "Склад WB",
    country: "Россия",
    srid: `srid-${i}`,
    orderId: 1,
    quantity: 1,
    deliveryAmount: 1,
    returnAmount: 0,
    commissionPercent: 25.5,
    retailPriceKopecks: 124_900,
    retailPriceWithDiscKopecks: 99_900,
    retailAmountKopecks: 99_900,
    forPayKopecks: 37_699,
    vwKopecks: 20_000,
    vwNdsKopecks: 4_000,
    ppvzSalesCommissionKopecks: 25_000,
    ppvzRewardKopecks: 500,
    acquiringFeeKopecks: 1_500,
    deliveryServiceKopecks: 7_000,
    rebillLogisticCostKopecks: 0,
    paidStorageKopecks: 0,
    paidAcceptanceKopecks: 0,
    penaltyKopecks: 0,
    deductionKopecks: 0,
    additionalPaymentKopecks: 0,
    cashbackAmountKopecks: 0,
    cashbackDiscountKopecks: 0,
    cashbackCommissionChangeKopecks: 0,
    installmentCofinancingAmountKopecks: 0,
  };
}
