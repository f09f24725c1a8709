// Stock alerts: evaluated after a stocks run has committed (the consumer of "notifications" gets a
// stock_check message from the sync), from the committed state. Stock is a state, not an event:
// "this size is at zero / will run out within your threshold, and was not at the end of
// yesterday" (workers/domain/notifications/rules.ts). The dedupe key holds the size, the state and
// the Moscow day, so evaluating again — the next run 30 minutes later, a retried message — adds
// nothing, and a check that never ran is made up by the next one.

import { type NewNotificationOutboxRow, notificationOutbox } from "../../db/schema";
import type { Db } from "../db/client";
import { bulkUpsert } from "../db/bulk-upsert";
import { addDays } from "../domain/calendar-day";
import { stockKey } from "../domain/notifications/keys";
import { stockAlert } from "../domain/notifications/rules";
import type { StockItem } from "../domain/notifications/types";
import { toMoscowDate } from "../domain/moscow-time";
import { listStockLevels } from "../queries/stocks";
import { insertedRows, jsonPayload } from "./sql";
import { cabinetRecipients, loadCabinets } from "./recipients";

/** More sizes than any cabinet the product serves has; the list is computed whole anyway. */
const MAX_SIZES = 100_000;

const YESTERDAY_SQL = `
SELECT chrt_id AS chrtId, quantity + in_way_to_client AS units FROM stock_history_daily WHERE cabinet_id = ?1 AND day = ?2`;

/** Queues the stock alerts of one cabinet; returns the rows inserted. */
export async function detectStockAlerts(db: Db, cabinetId: string, now: Date): Promise<number> {
  const cabinet = (await loadCabinets(db, [cabinetId])).get(cabinetId);
  if (!cabinet) return 0;
  const recipients = (await cabinetRecipients(db, cabinetId)).filter(
    (r) => r.role !== null && !r.paused && (r.settings.enabled.stock_low || r.settings.enabled.stock_zero),
  );
  if (recipients.length === 0) return 0;

  const today = toMoscowDate(now);
  const { results } = await db.$client.prepare(YESTERDAY_SQL).bind(cabinetId, addDays(today, -1)).all<{ chrtId: number; units: number }>();
  const yesterday = new Map(results.map((r) => [r.chrtId, r.units]));

  const rows: NewNotificationOutboxRow[] = [];
  for (const r of recipients) {
    if (r.role === null) continue;
    const threshold = r.settings.stockThresholdDays;
    const list = await listStockLevels(db, { cabinet, role: r.role, userId: r.userId }, { criticalDays: threshold, limit: MAX_SIZES, offset: 0, now });
    for (const level of list.rows) {
      if (level.status !== "zero" && level.status !== "critical") continue;
      const state = stockAlert({ units: level.units, avgDailyOrders: level.avgDailyOrders }, yesterday.get(level.chrtId), threshold);
      if (state === null) continue;
      const kind = state === "zero" ? "stock_zero" : "stock_low";
      if (!r.settings.enabled[kind]) continue;
      const payload: StockItem = {
        chrtId: level.chrtId,
        nmId: level.nmId,
        article: level.vendorCode,
        title: level.title,
        size: level.techSize,
        units: level.units,
        daysOfStock: level.daysOfStock,
        avgDailyOrders: level.avgDailyOrders,
        thresholdDays: threshold,
      };
      rows.push({
        userId: r.userId,
        cabinetId,
        kind,
        dedupeKey: stockKey(state, cabinetId, level.chrtId, today, r.userId),
        payload: jsonPayload(payload),
        notBeforeAt: now,
        createdAt: now,
      });
    }
  }
  if (rows.length === 0) return 0;
  const statements = bulkUpsert(db, notificationOutbox, rows, { target: [notificationOutbox.dedupeKey], update: [] });
  const [first, ...rest] = statements;
  if (!first) return 0;
  return insertedRows(await db.batch([first, ...rest]));
}
