// How one user's due outbox rows become Telegram messages. Pure.
//
// - New orders: one message per cabinet and Moscow minute in which the orders were placed,
//   listing every order of that minute (split into parts when a minute has more than
//   ORDERS_PER_MESSAGE; each order appears in exactly one message). The rows are per order, so
//   whatever the grouping, an order is sent once: its row is marked sent with its message.
// - Reviews: a negative one (1–3★) alone, highlighted, with its reply button; others up to
//   REVIEWS_PER_MESSAGE per message, one reply button each. Questions the same way.
// - Stock: one message per cabinet and state (zero / running low), up to STOCK_PER_MESSAGE sizes.
// - Sync problems, daily summaries, weekly digests: one message each.
//
// Messages come out oldest first (by their earliest row), so a user reads events in order.

import { toMoscowIso } from "../moscow-time";
import { isNegativeReview } from "./rules";
import type { ItemOf, OutboxItem, OutboxKind } from "./types";

/** Orders per message: 10 list rows of at most ~250 characters stay far below Telegram's 4096. */
export const ORDERS_PER_MESSAGE = 10;
export const REVIEWS_PER_MESSAGE = 5;
export const QUESTIONS_PER_MESSAGE = 5;
export const STOCK_PER_MESSAGE = 20;

export type MessagePlan =
  | { kind: "new_order"; cabinetId: string; minute: string; part: number; parts: number; items: ItemOf<"new_order">[] }
  | { kind: "new_review"; cabinetId: string; negative: boolean; items: ItemOf<"new_review">[] }
  | { kind: "new_question"; cabinetId: string; items: ItemOf<"new_question">[] }
  | { kind: "stock_zero" | "stock_low"; cabinetId: string; items: ItemOf<"stock_zero" | "stock_low">[] }
  | { kind: "sync_problem"; cabinetId: string; items: [ItemOf<"sync_problem">] }
  | { kind: "daily_summary"; cabinetId: string; items: [ItemOf<"daily_summary">] }
  | { kind: "weekly_digest"; cabinetId: string; items: [ItemOf<"weekly_digest">] };

/** "2026-11-24T12:03" — the Moscow minute of an instant (orders are grouped by it). */
export function moscowMinute(ms: number): string {
  return toMoscowIso(new Date(ms)).slice(0, 16);
}

export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function byKind<K extends OutboxKind>(items: readonly OutboxItem[], kind: K): ItemOf<K>[] {
  return items.filter((i): i is ItemOf<K> => i.kind === kind);
}

function groupBy<T>(list: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    const group = map.get(k);
    if (group) group.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Row ids a plan covers (marked sent together when its message goes out). */
export function planRowIds(plan: MessagePlan): number[] {
  return plan.items.map((i) => i.id);
}

function firstSeen(plan: MessagePlan): number {
  if (plan.kind === "new_order") return Math.min(...plan.items.map((i) => i.payload.at));
  return Math.min(...plan.items.map((i) => i.createdAt));
}

/** One user's rows → the messages to send, in order. Rows of any user mix are grouped per cabinet. */
export function planMessages(items: readonly OutboxItem[]): MessagePlan[] {
  const plans: MessagePlan[] = [];

  const orders = byKind(items, "new_order");
  for (const group of groupBy(orders, (o) => `${o.cabinetId}|${moscowMinute(o.payload.at)}`).values()) {
    const sorted = [...group].sort((a, b) => a.payload.at - b.payload.at || (a.payload.srid < b.payload.srid ? -1 : 1));
    const parts = chunk(sorted, ORDERS_PER_MESSAGE);
    parts.forEach((part, i) => {
      const first = part[0];
      if (first) plans.push({ kind: "new_order", cabinetId: first.cabinetId, minute: moscowMinute(first.payload.at), part: i + 1, parts: parts.length, items: part });
    });
  }

  for (const [cabinetId, group] of groupBy(byKind(items, "new_review"), (r) => r.cabinetId)) {
    const sorted = [...group].sort((a, b) => a.payload.at - b.payload.at);
    for (const r of sorted.filter((r) => isNegativeReview(r.payload.rating))) plans.push({ kind: "new_review", cabinetId, negative: true, items: [r] });
    for (const part of chunk(sorted.filter((r) => !isNegativeReview(r.payload.rating)), REVIEWS_PER_MESSAGE)) {
      plans.push({ kind: "new_review", cabinetId, negative: false, items: part });
    }
  }

  for (const [cabinetId, group] of groupBy(byKind(items, "new_question"), (q) => q.cabinetId)) {
    const sorted = [...group].sort((a, b) => a.payload.at - b.payload.at);
    for (const part of chunk(sorted, QUESTIONS_PER_MESSAGE)) plans.push({ kind: "new_question", cabinetId, items: part });
  }

  for (const kind of ["stock_zero", "stock_low"] as const) {
    for (const [cabinetId, group] of groupBy(byKind(items, kind), (s) => s.cabinetId)) {
      // Fastest sellers first: they lose the most while out of stock.
      const sorted = [...group].sort((a, b) => b.payload.avgDailyOrders - a.payload.avgDailyOrders || a.payload.chrtId - b.payload.chrtId);
      for (const part of chunk(sorted, STOCK_PER_MESSAGE)) plans.push({ kind, cabinetId, items: part });
    }
  }

  for (const item of byKind(items, "sync_problem")) plans.push({ kind: "sync_problem", cabinetId: item.cabinetId, items: [item] });
  for (const item of byKind(items, "daily_summary")) plans.push({ kind: "daily_summary", cabinetId: item.cabinetId, items: [item] });
  for (const item of byKind(items, "weekly_digest")) plans.push({ kind: "weekly_digest", cabinetId: item.cabinetId, items: [item] });

  return plans
    .map((plan, index) => ({ plan, index, at: firstSeen(plan) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map((p) => p.plan);
}
