// Notification preferences: the kinds a user can switch, their defaults, quiet hours and time
// zones. Pure (no I/O): /settings edits these and the notification sender applies them.

import type { NotificationSettings } from "../../db/schema";
import { DEFAULT_CRITICAL_DAYS } from "../domain/stock-status";

/** Keys of notification_settings.enabled_kinds. A missing key means the default (on). */
export const NOTIFICATION_KINDS = [
  "new_orders",
  "stock_low",
  "stock_zero",
  "new_reviews",
  "new_questions",
  "sync_problems",
  "daily_summary",
  "weekly_digest",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DEFAULT_STOCK_THRESHOLD_DAYS = DEFAULT_CRITICAL_DAYS;
export const STOCK_THRESHOLD_CHOICES = [3, 5, 7, 10, 14, 21] as const;

export interface QuietHours {
  /** Minutes after local midnight; the window may wrap midnight (23:00–08:00). */
  startMin: number;
  endMin: number;
}

/** Offered with one tap; anything else can be typed («23:30–07:00»). */
export const QUIET_PRESETS: readonly (QuietHours | null)[] = [null, { startMin: 22 * 60, endMin: 8 * 60 }, { startMin: 23 * 60, endMin: 8 * 60 }, { startMin: 0, endMin: 9 * 60 }];

/** Russia's time zones, west to east (no DST anywhere since 2014). Labels are in ru.ftl: tz-<index>. */
export const TIME_ZONES = [
  "Europe/Kaliningrad",
  "Europe/Moscow",
  "Europe/Samara",
  "Asia/Yekaterinburg",
  "Asia/Omsk",
  "Asia/Novosibirsk",
  "Asia/Irkutsk",
  "Asia/Yakutsk",
  "Asia/Vladivostok",
  "Asia/Magadan",
  "Asia/Kamchatka",
] as const;

export const DEFAULT_TIME_ZONE = "Europe/Moscow";

export interface EffectiveNotificationSettings {
  enabled: Record<NotificationKind, boolean>;
  stockThresholdDays: number;
  quietHours: QuietHours | null;
  timeZone: string;
}

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** The stored row (or none) with every default applied. */
export function effectiveSettings(row: NotificationSettings | null, timeZone: string | null): EffectiveNotificationSettings {
  const enabled = {} as Record<NotificationKind, boolean>;
  for (const kind of NOTIFICATION_KINDS) enabled[kind] = row?.enabledKinds?.[kind] ?? true;
  const start = row?.quietHoursStartMin ?? null;
  const end = row?.quietHoursEndMin ?? null;
  return {
    enabled,
    stockThresholdDays: row?.stockThresholdDays ?? DEFAULT_STOCK_THRESHOLD_DAYS,
    quietHours: start !== null && end !== null && start !== end ? { startMin: start, endMin: end } : null,
    timeZone: timeZone && isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE,
  };
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes after local midnight of `at` in `timeZone`. */
export function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === "minute")?.value ?? 0);
  return (hour % 24) * 60 + minute;
}

function inWindow(minutes: number, q: QuietHours): boolean {
  return q.startMin < q.endMin ? minutes >= q.startMin && minutes < q.endMin : minutes >= q.startMin || minutes < q.endMin;
}

/** True while quiet hours hold notifications back. */
export function isQuietAt(settings: Pick<EffectiveNotificationSettings, "quietHours" | "timeZone">, at: Date): boolean {
  return settings.quietHours !== null && inWindow(localMinutes(at, settings.timeZone), settings.quietHours);
}

/** When held notifications may go: the end of the current quiet window, or `at` if not quiet. */
export function quietHoursEnd(settings: Pick<EffectiveNotificationSettings, "quietHours" | "timeZone">, at: Date): Date {
  const q = settings.quietHours;
  if (!q || !isQuietAt(settings, at)) return at;
  const now = localMinutes(at, settings.timeZone);
  const wait = (q.endMin - now + 1440) % 1440;
  const startOfMinute = Math.floor(at.getTime() / 60_000) * 60_000;
  return new Date(startOfMinute + wait * 60_000);
}

/** «23:00-08:00», «23:30 – 7:00», «23-8» → quiet hours; null when it is not a time range. */
export function parseQuietHours(text: string): QuietHours | null {
  const m = /^\s*(\d{1,2})(?:[:.](\d{2}))?\s*[-–—]\s*(\d{1,2})(?:[:.](\d{2}))?\s*$/.exec(text);
  if (!m) return null;
  const start = Number(m[1]) * 60 + Number(m[2] ?? 0);
  const end = Number(m[3]) * 60 + Number(m[4] ?? 0);
  const valid = (h: string | undefined, min: string | undefined) => Number(h) <= 24 && Number(min ?? 0) < 60;
  if (!valid(m[1], m[2]) || !valid(m[3], m[4])) return null;
  const s = start % 1440;
  const e = end % 1440;
  return s === e ? null : { startMin: s, endMin: e };
}
