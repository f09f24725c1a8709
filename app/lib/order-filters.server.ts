// The orders filters from the page's query string, shared by the table and its CSV download, with
// Russian messages for what cannot be used (the filter is dropped, the page still loads).

import { moscowDayStart } from "../../workers/domain/calendar-day";
import { isMoscowDay, moscowDayEnd } from "../../workers/domain/moscow-periods";
import type { OrderFilters } from "../../workers/queries/orders";

export const ORDER_STATUSES = ["all", "active", "cancelled"] as const;
export type OrderStatusFilter = (typeof ORDER_STATUSES)[number];

export interface OrderQuery {
  status: OrderStatusFilter;
  from: string;
  to: string;
  /** Artikul: digits = WB nmID, anything else = the seller's own article (exact). */
  article: string;
  region: string;
}

export function parseOrderQuery(url: URL): { query: OrderQuery; filters: Omit<OrderFilters, "limit" | "after">; problems: string[] } {
  const p = url.searchParams;
  const problems: string[] = [];
  const statusParam = p.get("status") ?? "all";
  const status: OrderStatusFilter = (ORDER_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as OrderStatusFilter) : "all";
  let from = (p.get("from") ?? "").trim();
  let to = (p.get("to") ?? "").trim();
  if (from && !isMoscowDay(from)) {
    problems.push("Дата «с» указана неверно — фильтр по ней не применён.");
    from = "";
  }
  if (to && !isMoscowDay(to)) {
    problems.push("Дата «по» указана неверно — фильтр по ней не применён.");
    to = "";
  }
  if (from && to && from > to) {
    problems.push("Дата «с» позже даты «по» — даты поменяны местами.");
    [from, to] = [to, from];
  }
  const article = (p.get("article") ?? "").trim().slice(0, 100);
  const region = (p.get("region") ?? "").trim().slice(0, 100);
  const filters: Omit<OrderFilters, "limit" | "after"> = { status };
  if (from) filters.fromMs = moscowDayStart(from).getTime();
  if (to) filters.toMs = moscowDayEnd(to).getTime();
  if (article) {
    if (/^\d{1,12}$/.test(article)) filters.nmId = Number(article);
    else filters.supplierArticle = article;
  }
  if (region) filters.region = region;
  return { query: { status, from, to, article, region }, filters, problems };
}

/** The query string of the same filters (for the CSV link and pagination). */
export function orderQueryString(q: OrderQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (q.status !== "all") params.set("status", q.status);
  if (q.from) params.set("from", q.from);
  if (q.to) params.set("to", q.to);
  if (q.article) params.set("article", q.article);
  if (q.region) params.set("region", q.region);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}
