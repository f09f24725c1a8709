// Current stock per card and size, as the two 2026 replacements of the removed
// `/api/v1/supplier/stocks` report it: `stocks-report/wb-warehouses` (one row per size at "Склад WB",
// id -999999 since the 2026-08 masking) and the `warehouse_remains` report (per-warehouse quantities
// plus the pseudo-warehouses for goods in transit). Quantities come from the stock cycles
// (stock.ts); goods in transit come from the recent orders, so both views agree with the orders.

import type { CatalogItem, CatalogSize } from "./catalog";
import { ordersPlacedBetween } from "./orders";
import { stockQuantity } from "./stock";
import { DAY_MS } from "./time";
import type { WarehouseRemainsRow, WbWarehouseStockRow } from "./types";
import type { World } from "./world";

export interface SizeStock {
  item: CatalogItem;
  size: CatalogSize;
  quantity: number;
  inWayToClient: number;
  inWayFromClient: number;
}

/** Refused parcels and returns travel back to a WB warehouse for a few days. */
const BACK_IN_TRANSIT_MS = 4 * DAY_MS;

/** Stock of every size of every card at `nowMs`, in catalog order. */
export function stockAt(world: World, nowMs: number): SizeStock[] {
  const toClient = new Map<number, number>();
  const fromClient = new Map<number, number>();
  const bump = (m: Map<number, number>, chrt: number) => m.set(chrt, (m.get(chrt) ?? 0) + 1);
  for (const o of ordersPlacedBetween(world, nowMs - 30 * DAY_MS, nowMs + 1)) {
    if (o.fbs) continue; // FBS units ship from the seller's warehouse, not WB's
    const chrt = o.size.chrtID;
    const cancelledBy = o.cancel ? o.cancel.ms : Infinity;
    const deliveredBy = o.sale ? o.sale.ms : cancelledBy;
    if (nowMs < deliveredBy && nowMs < cancelledBy) bump(toClient, chrt);
    if (o.cancel?.afterDelivery && nowMs >= o.cancel.ms && nowMs < o.cancel.ms + BACK_IN_TRANSIT_MS) bump(fromClient, chrt);
    if (o.ret && nowMs >= o.ret.ms && nowMs < o.ret.ms + BACK_IN_TRANSIT_MS) bump(fromClient, chrt);
  }
  const out: SizeStock[] = [];
  for (const item of world.catalog.items) {
    if (item.createdMs > nowMs) continue;
    for (const size of item.sizes) {
      out.push({
        item,
        size,
        quantity: stockQuantity(world, item, size, nowMs),
        inWayToClient: toClient.get(size.chrtID) ?? 0,
        inWayFromClient: fromClient.get(size.chrtID) ?? 0,
      });
    }
  }
  return out;
}

export function wbWarehouseRow(s: SizeStock): WbWarehouseStockRow {
  // release-notes id=570: "на данный момент" warehouseId is always -999999 and names "Склад WB".
  return {
    nmId: s.item.nmID,
    chrtId: s.size.chrtID,
    warehouseId: -999999,
    warehouseName: "Склад WB",
    regionName: "Склад WB",
    quantity: s.quantity,
    inWayToClient: s.inWayToClient,
    inWayFromClient: s.inWayFromClient,
  };
}

export interface RemainsGrouping {
  brand: boolean;
  subject: boolean;
  sa: boolean;
  nm: boolean;
  barcode: boolean;
  size: boolean;
}

export interface RemainsFilter {
  /** -1 without photos, 0 any, 1 with photos. */
  pics: number;
  /** -1 without dimensions, 0 any, 3 over three litres. */
  volume: number;
}

/**
 * The warehouse_remains report. Rows are grouped by the chosen dimensions (fields outside the
 * grouping are empty, as in WB's report); each row lists the non-zero quantities per warehouse:
 * the masked "Склад WB РФ", and the pseudo-warehouses for units in transit and the total.
 */
export function warehouseRemains(stock: SizeStock[], g: RemainsGrouping, f: RemainsFilter): WarehouseRemainsRow[] {
  const groups = new Map<string, { row: WarehouseRemainsRow; qty: number; toClient: number; fromClient: number }>();
  for (const s of stock) {
    if (f.pics === 1 && s.item.photoCount === 0) continue;
    if (f.pics === -1 && s.item.photoCount > 0) continue;
    if (f.volume === 3 && s.item.volumeLiters <= 3) continue;
    if (f.volume === -1) continue; // every sandbox card has dimensions
    const row: WarehouseRemainsRow = {
      brand: g.brand ? s.item.brand : "",
      subjectName: g.subject ? s.item.subject.name : "",
      vendorCode: g.sa ? s.item.vendorCode : "",
      nmId: g.nm ? s.item.nmID : 0,
      barcode: g.barcode ? s.size.barcode : "",
      techSize: g.size ? s.size.techSize : "",
      warehouses: [],
    };
    if (g.nm) row.volume = s.item.volumeLiters;
    const key = `${row.brand}|${row.subjectName}|${row.vendorCode}|${row.nmId}|${row.barcode}|${row.techSize}`;
    let acc = groups.get(key);
    if (!acc) {
      acc = { row, qty: 0, toClient: 0, fromClient: 0 };
      groups.set(key, acc);
    }
    acc.qty += s.quantity;
    acc.toClient += s.inWayToClient;
    acc.fromClient += s.inWayFromClient;
  }
  return [...groups.values()].map(({ row, qty, toClient, fromClient }) => {
    const warehouses = [
      { warehouseName: "В пути до получателей", quantity: toClient },
      { warehouseName: "В пути возвраты на склад WB", quantity: fromClient },
      { warehouseName: "Всего находится на складах", quantity: qty },
      { warehouseName: "Склад WB РФ", quantity: qty },
    ].filter((w) => w.quantity > 0);
    return { ...row, warehouses };
  });
}
