// The stocks list: every size with its stock, demand, days of stock and status, critical first.
// The same classification as the dashboard summary (workers/queries/stock-levels.ts).

import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { type BlockFreshness, blockFreshness } from "../domain/freshness";
import { dashboardPeriods, dayList } from "../domain/moscow-periods";
import {
  DEFAULT_CRITICAL_DAYS,
  STOCK_STATUS_ORDER,
  type StockCounts,
  type StockStatus,
  type StockThresholds,
  countStockStatuses,
  stockThresholds,
} from "../domain/stock-status";
import { THRESHOLD_SQL } from "./dashboard";
import {
  STOCK_COUNT_SQL,
  SYNC_MARKS_SQL,
  type SizeLevel,
  type SyncMark,
  WINDOW_ROLLUPS_SQL,
  type WindowDay,
  cabinetSizeLevels,
  demandFingerprint,
  stockFingerprint,
} from "./stock-levels";
import { freshnessByDataset } from "./sync-state";

export interface StockListFilters {
  status?: StockStatus;
  nmId?: number;
  criticalDays?: number;
  limit: number;
  offset: number;
  now?: Date;
}

export interface StockListRow extends SizeLevel {
  techSize: string | null;
  wbSize: string | null;
  vendorCode: string | null;
  title: string | null;
  brand: string | null;
  subjectName: string | null;
}

export interface StockList {
  rows: StockListRow[];
  /** Rows matching the filters (all pages). */
  total: number;
  /** Status counts over all sizes, ignoring the filters: the summary's figures. */
  counts: StockCounts;
  thresholds: StockThresholds;
  window: { from: string; to: string };
  nextOffset: number | null;
  freshness: BlockFreshness;
}

const SIZE_INFO_SQL = `
SELECT j.value AS chrtId, ps.tech_size AS techSize, ps.wb_size AS wbSize FROM json_each(?2) AS j
LEFT JOIN product_sizes AS ps ON ps.cabinet_id = ?1 AND ps.chrt_id = j.value`;

const CARD_INFO_SQL = `
SELECT nm_id AS nmId, vendor_code AS vendorCode, title, brand, subject_name AS subjectName FROM products
WHERE cabinet_id = ?1 AND nm_id IN (SELECT value FROM json_each(?2))`;

export function compareLevels(a: SizeLevel, b: SizeLevel): number {
  return (
    STOCK_STATUS_ORDER[a.status] - STOCK_STATUS_ORDER[b.status] ||
    // No days (stock without demand) sorts after any number of days.
    (a.daysOfStock ?? Number.MAX_VALUE) - (b.daysOfStock ?? Number.MAX_VALUE) ||
    // Among equals (e.g. all sold out) the faster sellers first: they lose the most.
    b.ordersInWindow - a.ordersInWindow ||
    a.nmId - b.nmId ||
    a.chrtId - b.chrtId
  );
}

export async function listStockLevels(db: Db, auth: AuthorizedCabinet, f: StockListFilters): Promise<StockList> {
  const now = f.now ?? new Date();
  const window = dashboardPeriods(now).last30;
  const id = auth.cabinet.id;
  const d1 = db.$client;
  const [rollups, syncMarks, threshold, stockCount] = await d1.batch([
    d1.prepare(WINDOW_ROLLUPS_SQL).bind(id, JSON.stringify(dayList(window.from, window.to))),
    d1.prepare(SYNC_MARKS_SQL).bind(id),
    d1.prepare(THRESHOLD_SQL).bind(auth.userId, id),
    d1.prepare(STOCK_COUNT_SQL).bind(id),
  ]);
  const thresholds = stockThresholds(f.criticalDays ?? rows<{ days: number }>(threshold)[0]?.days ?? DEFAULT_CRITICAL_DAYS);
  const marks = rows<SyncMark>(syncMarks);
  const freshness = freshnessByDataset(
    auth,
    new Map(marks.map((m) => [m.dataset, m.lastSuccessAt === null ? null : new Date(m.lastSuccessAt)])),
    now,
  );
  const levels = await cabinetSizeLevels(db, auth, {
    window,
    demandFingerprint: demandFingerprint(window, rows<WindowDay>(rollups), marks),
    stockFingerprint: stockFingerprint(marks, rows<{ n: number }>(stockCount)[0]?.n ?? 0),
    thresholds,
  });

  const matching = levels
    .filter((l) => (f.status === undefined || l.status === f.status) && (f.nmId === undefined || l.nmId === f.nmId))
    .sort(compareLevels);
  const shown = matching.slice(f.offset, f.offset + f.limit);

  const chrtIds = JSON.stringify(shown.map((l) => l.chrtId));
  const nmIds = JSON.stringify([...new Set(shown.map((l) => l.nmId))]);
  const [sizeInfo, cardInfo] =
    shown.length === 0
      ? [undefined, undefined]
      : await d1.batch([d1.prepare(SIZE_INFO_SQL).bind(id, chrtIds), d1.prepare(CARD_INFO_SQL).bind(id, nmIds)]);
  const sizes = new Map(rows<{ chrtId: number; techSize: string | null; wbSize: string | null }>(sizeInfo).map((r) => [r.chrtId, r]));
  const cards = new Map(
    rows<{ nmId: number; vendorCode: string | null; title: string | null; brand: string | null; subjectName: string | null }>(cardInfo).map(
      (r) => [r.nmId, r],
    ),
  );

  return {
    rows: shown.map((l) => {
      const size = sizes.get(l.chrtId);
      const card = cards.get(l.nmId);
      return {
        ...l,
        techSize: size?.techSize ?? l.techSize,
        wbSize: size?.wbSize ?? null,
        vendorCode: card?.vendorCode ?? null,
        title: card?.title ?? null,
        brand: card?.brand ?? null,
        subjectName: card?.subjectName ?? null,
      };
    }),
    total: matching.length,
    counts: countStockStatuses(levels.map((l) => l.status)),
    thresholds,
    window,
    nextOffset: f.offset + f.limit < matching.length ? f.offset + f.limit : null,
    freshness: blockFreshness([freshness.stocks, freshness.orders]),
  };
}

// D1 types batch results as unknown rows; the SELECT lists above fix their shape.
function rows<T>(result: D1Result | undefined): T[] {
  return (result?.results ?? []) as T[];
}
