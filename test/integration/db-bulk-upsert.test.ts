import { env } from "cloudflare:workers";
import { count, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { describe, expect, it } from "vitest";

import { cabinets, type NewOrder, orders } from "../../db/schema";
import { bulkUpsert, jsonUpsert } from "../../workers/db/bulk-upsert";
import { createDb } from "../../workers/db/client";

// Which bulk shape is faster on D1 (ARCHITECTURE.md, Data: "measure which is faster"). Numbers are
// printed, not asserted: machines differ. Each run writes the same order rows (28 columns). Kept
// small so `npm test` stays fast (benchmarks proper live in bench/); the figures quoted in
// workers/db/bulk-upsert.ts were taken with ROWS = 20_000.

const db = createDb(env.DB);
const ROWS = 5_000;
const T0 = Date.UTC(2026, 10, 1);

async function newCabinet(): Promise<string> {
  const [row] = await db
    .insert(cabinets)
    .values({ name: "bench", tokenCiphertext: "c", tokenIv: "i", tokenType: "personal" })
    .returning({ id: cabinets.id });
  if (!row) throw new Error("no cabinet");
  return row.id;
}

function page(cabinetId: string): NewOrder[] {
  return Array.from({ length: ROWS }, (_, i) => ({
    cabinetId,
    srid: `${i}.rf9ef11fce1684117b0nhj96222982382.3.0`,
    gNumber: `3434346221857256${i}`,
    orderedAt: new Date(T0 + i * 7_000),
    lastChangeAt: new Date(T0 + i * 7_000 + 60_000),
    nmId: 1_000_000 + (i % 400),
    barcode: `2040${i}`,
    supplierArticle: `ART-${i % 400}`,
    techSize: ["42", "44", "46", "48"][i % 4] ?? "0",
    brand: "Бест Трикотаж",
    subject: "Футболки-поло",
    category: "Одежда",
    warehouseName: "Склад WB",
    warehouseType: "Склад WB",
    country: "Россия",
    okrug: "Центральный федеральный округ",
    region: "Московская",
    totalPriceKopecks: 188_700,
    discountPercent: 18,
    spp: 26,
    finishedPriceKopecks: 114_500,
    priceWithDiscKopecks: 154_700,
    isCancel: i % 13 === 0,
    cancelledAt: i % 13 === 0 ? new Date(T0 + i * 7_000 + 3_600_000) : null,
    incomeId: 56_735_459,
    isSupply: false,
    isRealization: true,
    sticker: `92691${i}`,
  }));
}

async function timed(label: string, cabinetId: string, build: (rows: NewOrder[]) => BatchItem<"sqlite">[]) {
  const rows = page(cabinetId);
  const started = performance.now();
  const statements = build(rows);
  const built = performance.now();
  await db.batch(statements as [BatchItem<"sqlite">]);
  const done = performance.now();
  const [stored] = await db.select({ n: count() }).from(orders).where(eq(orders.cabinetId, cabinetId));
  expect(stored?.n).toBe(ROWS);
  const seconds = (done - started) / 1000;
  console.log(
    `${label}: ${ROWS} rows, ${statements.length} statements, build ${(built - started).toFixed(0)} ms, ` +
      `batch ${(done - built).toFixed(0)} ms, ${Math.round(ROWS / seconds)} rows/s`,
  );
  return seconds;
}

describe("bulk upsert throughput (informational)", () => {
  it("multi-row VALUES vs json_each", { timeout: 120_000 }, async () => {
    // workerd's clock only advances across I/O, which the D1 batch is.
    const values = await timed("bulkUpsert (VALUES, ≤100 params)", await newCabinet(), (rows) => bulkUpsert(db, orders, rows));
    const json = await timed("jsonUpsert (json_each, 1 param)", await newCabinet(), (rows) => jsonUpsert(db, orders, rows));
    const again = await timed("jsonUpsert, fresh cabinet again", await newCabinet(), (rows) => jsonUpsert(db, orders, rows));
    console.log(`json_each / VALUES speed-up: ${(values / Math.min(json, again)).toFixed(1)}×`);
  });
});
