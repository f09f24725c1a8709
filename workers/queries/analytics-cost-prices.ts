// The seller's cost prices per card (cost_prices): list, set (JSON) and import (CSV). Writes take an
// AuthorizedCabinet the caller obtained with at least the manager role.

import type { CostPriceSource } from "../../db/schema";
import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { type CsvProblem, parseCostPriceCsv } from "../domain/analytics/cost-price-csv";
import type { Kopecks } from "../domain/money";
import { rows } from "./analytics-common";

/** Most cost prices one request may set (the JSON travels as one bound parameter). */
export const MAX_COST_PRICE_ITEMS = 20_000;

export interface CostPriceEntry {
  nmId: number;
  vendorCode: string | null;
  title: string | null;
  subjectName: string | null;
  /** null = not entered yet. */
  costKopecks: Kopecks | null;
  source: CostPriceSource | null;
  updatedAt: Date | null;
  /** The card is in the synced catalogue. */
  inCatalog: boolean;
}

/** Every card of the catalogue with its cost price (or none), plus cost prices of cards not synced yet. */
export const LIST_SQL = `
SELECT p.nm_id AS nmId, p.vendor_code AS vendorCode, p.title, p.subject_name AS subjectName,
       c.cost_kopecks AS costKopecks, c.source, c.updated_at AS updatedAt, 1 AS inCatalog
FROM products AS p LEFT JOIN cost_prices AS c ON c.cabinet_id = p.cabinet_id AND c.nm_id = p.nm_id
WHERE p.cabinet_id = ?1
UNION ALL
SELECT c.nm_id, NULL, NULL, NULL, c.cost_kopecks, c.source, c.updated_at, 0
FROM cost_prices AS c LEFT JOIN products AS p ON p.cabinet_id = c.cabinet_id AND p.nm_id = c.nm_id
WHERE c.cabinet_id = ?1 AND p.nm_id IS NULL
ORDER BY 1`;

export async function listCostPrices(db: Db, auth: AuthorizedCabinet): Promise<CostPriceEntry[]> {
  const { results } = await db.$client.prepare(LIST_SQL).bind(auth.cabinet.id).all<Omit<CostPriceEntry, "updatedAt" | "inCatalog"> & { updatedAt: number | null; inCatalog: number }>();
  return results.map((r) => ({ ...r, updatedAt: r.updatedAt === null ? null : new Date(r.updatedAt), inCatalog: r.inCatalog === 1 }));
}

const UPSERT_SQL = `
INSERT INTO cost_prices (cabinet_id, nm_id, cost_kopecks, source, updated_by, updated_at)
SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]'), ?2, ?3, ?4 FROM json_each(?5) WHERE true
ON CONFLICT (cabinet_id, nm_id) DO UPDATE SET cost_kopecks = excluded.cost_kopecks, source = excluded.source,
  updated_by = excluded.updated_by, updated_at = excluded.updated_at`;

const DELETE_SQL = `DELETE FROM cost_prices WHERE cabinet_id = ?1 AND nm_id IN (SELECT value FROM json_each(?2))`;

export interface CostPriceChange {
  nmId: number;
  /** null removes the card's cost price. */
  costKopecks: Kopecks | null;
}

/** Sets and removes cost prices in one transaction (a whole page as one JSON parameter). */
export async function setCostPrices(db: Db, auth: AuthorizedCabinet, changes: readonly CostPriceChange[], source: CostPriceSource, now = new Date()): Promise<{ set: number; removed: number }> {
  if (changes.length > MAX_COST_PRICE_ITEMS) throw new RangeError(`at most ${MAX_COST_PRICE_ITEMS} cost prices per call`);
  // The last change of a card wins, as if applied in order.
  const last = new Map<number, Kopecks | null>();
  for (const c of changes) last.set(c.nmId, c.costKopecks);
  const set = [...last].filter(([, cost]) => cost !== null).map(([nmId, cost]) => [nmId, cost]);
  const removed = [...last].filter(([, cost]) => cost === null).map(([nmId]) => nmId);
  const d1 = db.$client;
  const statements: D1PreparedStatement[] = [];
  if (set.length > 0) statements.push(d1.prepare(UPSERT_SQL).bind(auth.cabinet.id, source, auth.userId, now.getTime(), JSON.stringify(set)));
  if (removed.length > 0) statements.push(d1.prepare(DELETE_SQL).bind(auth.cabinet.id, JSON.stringify(removed)));
  if (statements.length > 0) await d1.batch(statements);
  return { set: set.length, removed: removed.length };
}

const VENDOR_CODES_SQL = `
SELECT nm_id AS nmId, lower(vendor_code) AS code FROM products
WHERE cabinet_id = ?1 AND lower(vendor_code) IN (SELECT lower(value) FROM json_each(?2))`;

const KNOWN_NM_SQL = `SELECT nm_id AS nmId FROM products WHERE cabinet_id = ?1 AND nm_id IN (SELECT value FROM json_each(?2))`;

export interface CsvImportResult {
  /** Cost prices written (0 when there were errors: nothing is written then). */
  imported: number;
  errors: CsvProblem[];
  /** Not errors: e.g. a card not in the synced catalogue yet (its cost price is kept for later). */
  warnings: CsvProblem[];
}

/** Parses a CSV, resolves seller articles to cards, and writes everything or nothing. */
export async function importCostPricesCsv(db: Db, auth: AuthorizedCabinet, csv: string, now = new Date()): Promise<CsvImportResult> {
  const parsed = parseCostPriceCsv(csv);
  const errors = [...parsed.errors];
  const warnings: CsvProblem[] = [];
  const d1 = db.$client;
  const codes = parsed.items.filter((i) => i.nmId === null && i.vendorCode).map((i) => (i.vendorCode as string).toLowerCase());
  const nmIds = parsed.items.filter((i) => i.nmId !== null).map((i) => i.nmId as number);
  const [codeResult, knownResult] = await d1.batch([
    d1.prepare(VENDOR_CODES_SQL).bind(auth.cabinet.id, JSON.stringify(codes)),
    d1.prepare(KNOWN_NM_SQL).bind(auth.cabinet.id, JSON.stringify(nmIds)),
  ]);
  const byCode = new Map<string, number[]>();
  for (const r of rows<{ nmId: number; code: string }>(codeResult)) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r.nmId]);
  const known = new Set(rows<{ nmId: number }>(knownResult).map((r) => r.nmId));

  const changes: CostPriceChange[] = [];
  const lineOf = new Map<number, number>();
  for (const item of parsed.items) {
    let nmId = item.nmId;
    if (nmId === null) {
      const matches = byCode.get((item.vendorCode as string).toLowerCase()) ?? [];
      if (matches.length === 0) {
        errors.push({ line: item.line, message: `Строка ${item.line}: артикул продавца «${item.vendorCode}» не найден среди карточек кабинета. Укажите артикул WB.` });
        continue;
      }
      if (matches.length > 1) {
        errors.push({ line: item.line, message: `Строка ${item.line}: артикул продавца «${item.vendorCode}» есть у нескольких карточек (${matches.join(", ")}). Укажите артикул WB.` });
        continue;
      }
      nmId = matches[0] as number;
    } else if (!known.has(nmId)) {
      warnings.push({ line: item.line, message: `Строка ${item.line}: карточки ${nmId} пока нет в каталоге кабинета — себестоимость сохранена и будет учтена, когда карточка синхронизируется.` });
    }
    const earlier = lineOf.get(nmId);
    if (earlier !== undefined) {
      errors.push({ line: item.line, message: `Строка ${item.line}: карточка ${nmId} уже была в строке ${earlier}.` });
      continue;
    }
    lineOf.set(nmId, item.line);
    changes.push({ nmId, costKopecks: item.costKopecks });
  }
  errors.sort((a, b) => a.line - b.line);
  if (errors.length > 0) return { imported: 0, errors, warnings };
  await setCostPrices(db, auth, changes, "csv", now);
  return { imported: changes.length, errors, warnings };
}
