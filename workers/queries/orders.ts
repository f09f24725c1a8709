// Orders and sales lists: newest first, keyset pagination on (time, id) so a page never skips or
// repeats rows while new orders arrive, and every page is an index range (orders_ordered_idx or,
// with an nmId filter, orders_nm_ordered_idx; the same for sales). Both orders indexes end in
// srid, so an orders page is read in its exact ORDER BY and stops at LIMIT with no sort (and
// the card filter keeps its own index: were only one of them sort-free, SQLite would pick that
// one). The sales indexes end in the time: rows of one millisecond get a small tie-break sort
// (SQLite's "temp B-tree for the last term").

import { type SQL, and, desc, eq, gte, lt, lte, or } from "drizzle-orm";

import { type Order, type Sale, orders, sales } from "../../db/schema";
import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";

export interface TimeIdCursor {
  /** Unix ms of the last row of the previous page. */
  at: number;
  id: string;
}

interface ListFilters {
  /** Inclusive start and exclusive end, unix ms. */
  fromMs?: number;
  toMs?: number;
  nmId?: number;
  supplierArticle?: string;
  region?: string;
  limit: number;
  after?: TimeIdCursor;
}

export interface OrderFilters extends ListFilters {
  status: "all" | "active" | "cancelled";
}

export interface SaleFilters extends ListFilters {
  type: "all" | "sale" | "return";
}

export interface Page<T, C> {
  rows: T[];
  next: C | null;
}

/** The page query, separate so its plan can be checked (test/integration/api-lists.test.ts). */
export function ordersQuery(db: Db, auth: AuthorizedCabinet, f: OrderFilters) {
  const where: (SQL | undefined)[] = [eq(orders.cabinetId, auth.cabinet.id)];
  if (f.fromMs !== undefined) where.push(gte(orders.orderedAt, new Date(f.fromMs)));
  if (f.toMs !== undefined) where.push(lt(orders.orderedAt, new Date(f.toMs)));
  if (f.nmId !== undefined) where.push(eq(orders.nmId, f.nmId));
  if (f.supplierArticle !== undefined) where.push(eq(orders.supplierArticle, f.supplierArticle));
  if (f.region !== undefined) where.push(eq(orders.region, f.region));
  if (f.status !== "all") where.push(eq(orders.isCancel, f.status === "cancelled"));
  if (f.after) {
    const at = new Date(f.after.at);
    // The redundant `<=` keeps the keyset an index range; the OR alone would not.
    where.push(lte(orders.orderedAt, at), or(lt(orders.orderedAt, at), and(eq(orders.orderedAt, at), lt(orders.srid, f.after.id))));
  }
  return db
    .select()
    .from(orders)
    .where(and(...where))
    .orderBy(desc(orders.orderedAt), desc(orders.srid))
    .limit(f.limit + 1);
}

export async function listOrders(db: Db, auth: AuthorizedCabinet, f: OrderFilters): Promise<Page<Order, TimeIdCursor>> {
  const rows = await ordersQuery(db, auth, f);
  return page(rows, f.limit, (r) => ({ at: r.orderedAt.getTime(), id: r.srid }));
}

export function salesQuery(db: Db, auth: AuthorizedCabinet, f: SaleFilters) {
  const where: (SQL | undefined)[] = [eq(sales.cabinetId, auth.cabinet.id)];
  if (f.fromMs !== undefined) where.push(gte(sales.soldAt, new Date(f.fromMs)));
  if (f.toMs !== undefined) where.push(lt(sales.soldAt, new Date(f.toMs)));
  if (f.nmId !== undefined) where.push(eq(sales.nmId, f.nmId));
  if (f.supplierArticle !== undefined) where.push(eq(sales.supplierArticle, f.supplierArticle));
  if (f.region !== undefined) where.push(eq(sales.region, f.region));
  if (f.type !== "all") where.push(eq(sales.isReturn, f.type === "return"));
  if (f.after) {
    const at = new Date(f.after.at);
    where.push(lte(sales.soldAt, at), or(lt(sales.soldAt, at), and(eq(sales.soldAt, at), lt(sales.saleId, f.after.id))));
  }
  return db
    .select()
    .from(sales)
    .where(and(...where))
    .orderBy(desc(sales.soldAt), desc(sales.saleId))
    .limit(f.limit + 1);
}

export async function listSales(db: Db, auth: AuthorizedCabinet, f: SaleFilters): Promise<Page<Sale, TimeIdCursor>> {
  const rows = await salesQuery(db, auth, f);
  return page(rows, f.limit, (r) => ({ at: r.soldAt.getTime(), id: r.saleId }));
}

/** Rows were fetched with limit + 1: the extra one only says whether there is a next page. */
export function page<T, C>(rows: T[], limit: number, cursorOf: (row: T) => C): Page<T, C> {
  if (rows.length <= limit) return { rows, next: null };
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { rows: shown, next: last === undefined ? null : cursorOf(last) };
}
