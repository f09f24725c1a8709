// WB stock reports → `stock_snapshots` rows (one per size and warehouse).
//
// Two sources:
// - `stocks-report/wb-warehouses` (personal, service, base-with-secret tokens): one item per size
//   and WB warehouse. Since 2026-08 WB masks warehouses (every item is "Склад WB").
// - `warehouse_remains` (the async report, also open to plain base tokens): one row per barcode
//   with a list of warehouses, including pseudo-warehouses for goods in transit. It has no
//   chrtID, so rows are matched to sizes by barcode (from synced cards); it is folded into the
//   same shape the first source gives, one "Склад WB" row per size.

import type { NewStockSnapshot } from "../../../db/schema";
import type { WbWarehouseRemainsRow, WbWarehouseStock } from "../../wb/types";

/** The masked name WB gives every WB warehouse in stocks-report since 2026-08. */
export const WB_WAREHOUSE = "Склад WB";

/** warehouse_remains pseudo-warehouses: not places where stock is held. */
export const REMAINS_IN_WAY_TO_CLIENT = "В пути до получателей";
export const REMAINS_IN_WAY_FROM_CLIENT = "В пути возвраты на склад WB";
export const REMAINS_TOTAL = "Всего находится на складах";

/**
 * stocks-report items → snapshot rows. Items with the same size and warehouse name (possible
 * now that names are masked) are summed, because they share one row's key.
 */
export function wbStocksToSnapshotRows(cabinetId: string, items: readonly WbWarehouseStock[], updatedAt: Date): NewStockSnapshot[] {
  const rows = new Map<string, NewStockSnapshot & { quantity: number; inWayToClient: number; inWayFromClient: number }>();
  for (const item of items) {
    const warehouseName = item.warehouseName || WB_WAREHOUSE;
    const key = `${item.chrtId}\u0000${warehouseName}`;
    const row = rows.get(key);
    if (row) {
      row.quantity += item.quantity;
      row.inWayToClient += item.inWayToClient;
      row.inWayFromClient += item.inWayFromClient;
    } else {
      rows.set(key, {
        cabinetId,
        chrtId: item.chrtId,
        warehouseName,
        nmId: item.nmId,
        quantity: item.quantity,
        inWayToClient: item.inWayToClient,
        inWayFromClient: item.inWayFromClient,
        updatedAt,
      });
    }
  }
  return [...rows.values()];
}

export interface SizeRef {
  chrtId: number;
  nmId: number;
}

export interface RemainsMapping {
  rows: NewStockSnapshot[];
  /** Report rows whose barcode matches no synced size (skipped: no chrtID to key them by). */
  unmatched: number;
}

/** warehouse_remains rows → one "Склад WB" snapshot row per size. */
export function wbRemainsToSnapshotRows(
  cabinetId: string,
  report: readonly WbWarehouseRemainsRow[],
  sizeByBarcode: ReadonlyMap<string, SizeRef>,
  updatedAt: Date,
): RemainsMapping {
  const rows = new Map<number, NewStockSnapshot & { quantity: number; inWayToClient: number; inWayFromClient: number }>();
  let unmatched = 0;
  for (const line of report) {
    const size = line.barcode === undefined ? undefined : sizeByBarcode.get(line.barcode);
    if (!size) {
      unmatched++;
      continue;
    }
    let row = rows.get(size.chrtId);
    if (!row) {
      row = { cabinetId, chrtId: size.chrtId, warehouseName: WB_WAREHOUSE, nmId: size.nmId, quantity: 0, inWayToClient: 0, inWayFromClient: 0, updatedAt };
      rows.set(size.chrtId, row);
    }
    for (const w of line.warehouses ?? []) {
      const quantity = w.quantity ?? 0;
      switch (w.warehouseName) {
        case REMAINS_IN_WAY_TO_CLIENT:
          row.inWayToClient += quantity;
          break;
        case REMAINS_IN_WAY_FROM_CLIENT:
          row.inWayFromClient += quantity;
          break;
        case REMAINS_TOTAL:
          break; // the sum of the real warehouses below; counting it too would double the stock
        default:
          row.quantity += quantity;
      }
    }
  }
  return { rows: [...rows.values()], unmatched };
}
