// A user's notification settings for one cabinet (notification_settings) and their time zone
// (users.time_zone), with defaults applied: what /settings shows and edits, and what the
// notification sender reads (workers/bot/notification-prefs.ts has the kinds and the pure rules).

import { eq, sql } from "drizzle-orm";

import { notificationSettings, users } from "../../db/schema";
import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { DEFAULT_STOCK_THRESHOLD_DAYS, type EffectiveNotificationSettings, type NotificationKind, effectiveSettings } from "../bot/notification-prefs";

export async function getNotificationSettings(db: Db, auth: AuthorizedCabinet): Promise<EffectiveNotificationSettings> {
  const [row] = await db
    .select({ settings: notificationSettings, timeZone: users.timeZone })
    .from(users)
    .leftJoin(notificationSettings, sql`${notificationSettings.userId} = ${users.id} AND ${notificationSettings.cabinetId} = ${auth.cabinet.id}`)
    .where(eq(users.id, auth.userId))
    .limit(1);
  return effectiveSettings(row?.settings ?? null, row?.timeZone ?? null);
}

export interface NotificationSettingsPatch {
  enabledKinds?: Partial<Record<NotificationKind, boolean>>;
  stockThresholdDays?: number;
  /** null = no quiet hours. */
  quietHours?: { startMin: number; endMin: number } | null;
}

/** Applies a patch (read-modify-write of one small row; the user is the only writer of it). */
export async function updateNotificationSettings(db: Db, auth: AuthorizedCabinet, patch: NotificationSettingsPatch, now: Date): Promise<EffectiveNotificationSettings> {
  const [row] = await db
    .select()
    .from(notificationSettings)
    .where(sql`${notificationSettings.userId} = ${auth.userId} AND ${notificationSettings.cabinetId} = ${auth.cabinet.id}`)
    .limit(1);
  const enabledKinds = { ...(row?.enabledKinds ?? {}), ...(patch.enabledKinds ?? {}) };
  const quiet = patch.quietHours === undefined ? { startMin: row?.quietHoursStartMin ?? null, endMin: row?.quietHoursEndMin ?? null } : patch.quietHours;
  const values = {
    enabledKinds,
    stockThresholdDays: patch.stockThresholdDays ?? row?.stockThresholdDays ?? DEFAULT_STOCK_THRESHOLD_DAYS,
    quietHoursStartMin: quiet?.startMin ?? null,
    quietHoursEndMin: quiet?.endMin ?? null,
    updatedAt: now,
  };
  await db
    .insert(notificationSettings)
    .values({ userId: auth.userId, cabinetId: auth.cabinet.id, ...values })
    .onConflictDoUpdate({ target: [notificationSettings.userId, notificationSettings.cabinetId], set: values });
  return getNotificationSettings(db, auth);
}

export async function setUserTimeZone(db: Db, userId: number, timeZone: string): Promise<void> {
  await db.update(users).set({ timeZone }).where(eq(users.id, userId));
}
