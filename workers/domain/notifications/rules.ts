// Detection rules: when a synced row or a state is worth a notification. Pure: plain data in,
// plain data out; the sync and the jobs (workers/notifications/) apply them.

import type { SyncDataset } from "../../../db/schema";
import { addDays } from "../calendar-day";
import { toMoscowDate } from "../moscow-time";
import { type StockStatus, classifyStock, daysOfStock, stockThresholds } from "../stock-status";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

// --- new rows from the sync -----------------------------------------------------------------------

/** Datasets whose newly stored rows are events (new orders, reviews, questions). */
export const EVENT_DATASETS = ["orders", "feedbacks", "questions"] as const satisfies readonly SyncDataset[];
export type EventDataset = (typeof EVENT_DATASETS)[number];

export function isEventDataset(dataset: SyncDataset): dataset is EventDataset {
  return (EVENT_DATASETS as readonly string[]).includes(dataset);
}

/**
 * The history rule: nothing stored by a dataset's first complete run is news. On first connect a
 * run loads 90 days of orders (the initial backfill) or every existing review and question; only
 * pages of runs that start after that first run completed (sync_state.last_success_at set, and
 * for backfilled datasets backfill_done) can notify. `state` is the dataset's sync state before
 * the page.
 */
export function notifiesNewRows(dataset: SyncDataset, state: { backfillDone: boolean; lastSuccessAt: Date | null }): boolean {
  if (!isEventDataset(dataset)) return false;
  if (state.lastSuccessAt === null) return false;
  return dataset === "orders" ? state.backfillDone : true;
}

/**
 * Rows first stored after the history rule allows are still only news when they are recent: WB
 * publishes orders 30–60 minutes late and reviews after moderation, so an "unknown" order placed
 * days ago is a late correction, not a sale to celebrate.
 */
export const NEW_ORDER_MAX_AGE_MS = 2 * DAY_MS;
export const NEW_REVIEW_MAX_AGE_MS = 14 * DAY_MS;
export const NEW_QUESTION_MAX_AGE_MS = 14 * DAY_MS;

export function maxAgeOf(dataset: EventDataset): number {
  return dataset === "orders" ? NEW_ORDER_MAX_AGE_MS : dataset === "feedbacks" ? NEW_REVIEW_MAX_AGE_MS : NEW_QUESTION_MAX_AGE_MS;
}

/** A new order is news when it is recent and not already cancelled (mirrored in the detection SQL). */
export function isNewsworthyOrder(order: { at: number; cancelled: boolean }, now: Date): boolean {
  return !order.cancelled && order.at >= now.getTime() - NEW_ORDER_MAX_AGE_MS;
}

/** A new review or question is news when it is recent and still unanswered. */
export function isNewsworthyFeedback(item: { at: number; answered: boolean }, now: Date, maxAgeMs = NEW_REVIEW_MAX_AGE_MS): boolean {
  return !item.answered && item.at >= now.getTime() - maxAgeMs;
}

/** Reviews of 1–3★ are highlighted (the bot's lists mark 1–2★; a 3★ review also wants an answer). */
export function isNegativeReview(rating: number): boolean {
  return rating <= 3;
}

// --- stock ---------------------------------------------------------------------------------------

export type StockAlertState = "zero" | "low";

export interface SizeToday {
  /** quantity + in way to the client, now. */
  units: number;
  /** Average daily orders over the demand window. */
  avgDailyOrders: number;
}

/** A size's status by the user's threshold: "critical" = runs out within `thresholdDays`. */
export function stockStatusFor(units: number, avgDailyOrders: number, thresholdDays: number): StockStatus {
  return classifyStock(units, daysOfStock(units, avgDailyOrders), stockThresholds(thresholdDays));
}

/**
 * Whether a size warrants an alert now: it is at zero, or will run out within the user's
 * threshold, AND it was not in that state at the end of yesterday (a state change, so a size that
 * stays at zero for a week is reported once). Yesterday's end-of-day units are measured against
 * today's demand. Without yesterday's record (a cabinet connected today, a new size) there is no
 * baseline to change from, and no alert.
 */
export function stockAlert(size: SizeToday, yesterdayUnits: number | undefined, thresholdDays: number): StockAlertState | null {
  if (yesterdayUnits === undefined) return null;
  const today = stockStatusFor(size.units, size.avgDailyOrders, thresholdDays);
  const before = stockStatusFor(yesterdayUnits, size.avgDailyOrders, thresholdDays);
  if (today === "zero") return before === "zero" ? null : "zero";
  if (today === "critical") return before === "critical" || before === "zero" ? null : "low";
  return null;
}

// --- sync and token problems ---------------------------------------------------------------------

/** Warn this long before the WB token expires. */
export const TOKEN_EXPIRY_WARNING_MS = 14 * DAY_MS;

export function tokenExpiresSoon(expiresAt: Date | null, now: Date): boolean {
  if (!expiresAt) return false;
  const left = expiresAt.getTime() - now.getTime();
  return left > 0 && left <= TOKEN_EXPIRY_WARNING_MS;
}

/** Consecutive failed pages of one dataset that make a "sync keeps failing" notice. */
export const FAILURE_STREAK = 3;

export function isFailureStreak(consecutiveFailures: number): boolean {
  return consecutiveFailures >= FAILURE_STREAK;
}

// --- summaries -------------------------------------------------------------------------------------

/** ISO weekday of a Moscow day: 1 = Monday … 7 = Sunday. */
export function moscowWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export interface PeriodicDue {
  /** The daily summary's day (today in Moscow). */
  day: string;
  /** The weekly digest's days (the 7 whole days ending yesterday), on Mondays only. */
  weekly: { from: string; to: string; weekStart: string } | null;
}

/** What the daily cron (09:00 Moscow) sends: always the daily summary, on Mondays the digest too. */
export function periodicDue(now: Date): PeriodicDue {
  const day = toMoscowDate(now);
  const monday = moscowWeekday(day) === 1;
  return { day, weekly: monday ? { from: addDays(day, -7), to: addDays(day, -1), weekStart: day } : null };
}
