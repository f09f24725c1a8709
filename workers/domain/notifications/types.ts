// What a notification is, as plain data: the outbox kinds, the user setting each one obeys, and
// the payload each kind carries (written by the detection, read by the sender). No I/O.

import type { NotificationKind } from "../../bot/notification-prefs";

/** notification_outbox.kind: one row is one unit (an order, a review, a size, a summary…) for one user. */
export const OUTBOX_KINDS = [
  "new_order",
  "new_review",
  "new_question",
  "stock_low",
  "stock_zero",
  "sync_problem",
  "daily_summary",
  "weekly_digest",
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export function isOutboxKind(value: string): value is OutboxKind {
  return (OUTBOX_KINDS as readonly string[]).includes(value);
}

/** The /settings switch that turns each kind on or off (workers/bot/notification-prefs.ts). */
export const SETTING_OF: Record<OutboxKind, NotificationKind> = {
  new_order: "new_orders",
  new_review: "new_reviews",
  new_question: "new_questions",
  stock_low: "stock_low",
  stock_zero: "stock_zero",
  sync_problem: "sync_problems",
  daily_summary: "daily_summary",
  weekly_digest: "weekly_digest",
};

/** One new order, as the sync found it (money in kopecks, time in unix ms). */
export interface OrderItem {
  srid: string;
  at: number;
  price: number;
  cancelled: boolean;
  article: string | null;
  nmId: number;
  size: string | null;
  subject: string | null;
  brand: string | null;
  region: string | null;
  okrug: string | null;
  country: string | null;
  warehouse: string | null;
}

export interface ReviewItem {
  id: string;
  nmId: number;
  rating: number;
  text: string | null;
  pros: string | null;
  cons: string | null;
  product: string | null;
  article: string | null;
  size: string | null;
  author: string | null;
  at: number;
}

export interface QuestionItem {
  id: string;
  nmId: number;
  text: string | null;
  product: string | null;
  article: string | null;
  at: number;
}

/** One size that ran out or will soon (what the stocks list shows for it at detection time). */
export interface StockItem {
  chrtId: number;
  nmId: number;
  article: string | null;
  title: string | null;
  size: string | null;
  units: number;
  daysOfStock: number | null;
  avgDailyOrders: number;
  /** The threshold the alert was judged against (the user's). */
  thresholdDays: number;
}

export const SYNC_PROBLEMS = ["token_invalid", "token_expiring", "dataset_disabled", "sync_failing"] as const;
export type SyncProblemType = (typeof SYNC_PROBLEMS)[number];

export interface SyncProblemItem {
  problem: SyncProblemType;
  dataset: string | null;
  /** WB's or the pipeline's reason, in Russian (never a token). */
  message: string | null;
  expiresAt: number | null;
  failures: number | null;
}

export interface DailySummaryItem {
  /** The Moscow day the summary is for ('YYYY-MM-DD', the day it is sent). */
  day: string;
}

export interface WeeklyDigestItem {
  /** The 7 whole Moscow days reported, inclusive. */
  from: string;
  to: string;
}

export interface PayloadOf {
  new_order: OrderItem;
  new_review: ReviewItem;
  new_question: QuestionItem;
  stock_low: StockItem;
  stock_zero: StockItem;
  sync_problem: SyncProblemItem;
  daily_summary: DailySummaryItem;
  weekly_digest: WeeklyDigestItem;
}

/** An outbox row as the sender sees it after claiming: parsed payload, one user, one cabinet. */
export type OutboxItem = {
  [K in OutboxKind]: { id: number; userId: number; cabinetId: string; kind: K; payload: PayloadOf[K]; createdAt: number; attempts: number };
}[OutboxKind];

export type ItemOf<K extends OutboxKind> = Extract<OutboxItem, { kind: K }>;
