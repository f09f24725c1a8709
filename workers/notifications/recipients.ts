// Who receives what: a user's membership, settings and pause flag for a cabinet, read in one query
// for many (user, cabinet) pairs, with defaults applied by the bot's own effectiveSettings.

import { sql } from "drizzle-orm";

import { type Cabinet, type CabinetRole, type NotificationSettings, cabinets } from "../../db/schema";
import { DEFAULT_STOCK_THRESHOLD_DAYS, type EffectiveNotificationSettings, effectiveSettings } from "../bot/notification-prefs";
import type { Db } from "../db/client";

export interface Recipient {
  userId: number;
  cabinetId: string;
  /** null: no longer a member of the cabinet. */
  role: CabinetRole | null;
  paused: boolean;
  settings: EffectiveNotificationSettings;
}

interface RecipientRow {
  userId: number;
  cabinetId: string;
  role: CabinetRole | null;
  paused: number;
  timeZone: string | null;
  enabledKinds: string | null;
  threshold: number | null;
  quietStart: number | null;
  quietEnd: number | null;
}

const RECIPIENTS_SQL = `
SELECT u.id AS userId, json_extract(p.value, '$[1]') AS cabinetId, m.role AS role, u.notifications_paused AS paused,
       u.time_zone AS timeZone, ns.enabled_kinds AS enabledKinds, ns.stock_threshold_days AS threshold,
       ns.quiet_hours_start_min AS quietStart, ns.quiet_hours_end_min AS quietEnd
FROM json_each(?1) AS p
JOIN users AS u ON u.id = json_extract(p.value, '$[0]')
LEFT JOIN cabinet_members AS m ON m.user_id = u.id AND m.cabinet_id = json_extract(p.value, '$[1]')
LEFT JOIN notification_settings AS ns ON ns.user_id = u.id AND ns.cabinet_id = json_extract(p.value, '$[1]')`;

const MEMBERS_SQL = `SELECT user_id AS userId FROM cabinet_members WHERE cabinet_id = ?1`;

function parseKinds(json: string | null): Record<string, boolean> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, boolean] => typeof e[1] === "boolean"));
  } catch {
    return {};
  }
}

export const pairKey = (userId: number, cabinetId: string) => `${userId}|${cabinetId}`;

/** Recipients by pairKey. Users that no longer exist are absent. */
export async function loadRecipients(db: Db, pairs: readonly { userId: number; cabinetId: string }[]): Promise<Map<string, Recipient>> {
  const out = new Map<string, Recipient>();
  if (pairs.length === 0) return out;
  const unique = [...new Map(pairs.map((p) => [pairKey(p.userId, p.cabinetId), [p.userId, p.cabinetId]])).values()];
  const { results } = await db.$client.prepare(RECIPIENTS_SQL).bind(JSON.stringify(unique)).all<RecipientRow>();
  for (const r of results) {
    const stored: NotificationSettings | null =
      r.enabledKinds === null
        ? null
        : {
            userId: r.userId,
            cabinetId: r.cabinetId,
            enabledKinds: parseKinds(r.enabledKinds),
            stockThresholdDays: r.threshold ?? DEFAULT_STOCK_THRESHOLD_DAYS,
            quietHoursStartMin: r.quietStart,
            quietHoursEndMin: r.quietEnd,
            updatedAt: new Date(0),
          };
    out.set(pairKey(r.userId, r.cabinetId), {
      userId: r.userId,
      cabinetId: r.cabinetId,
      role: r.role,
      paused: Boolean(r.paused),
      settings: effectiveSettings(stored, r.timeZone),
    });
  }
  return out;
}

/** Every member of a cabinet, as recipients. */
export async function cabinetRecipients(db: Db, cabinetId: string): Promise<Recipient[]> {
  const { results } = await db.$client.prepare(MEMBERS_SQL).bind(cabinetId).all<{ userId: number }>();
  const map = await loadRecipients(db, results.map((r) => ({ userId: r.userId, cabinetId })));
  return [...map.values()];
}

/** Cabinets by id. */
export async function loadCabinets(db: Db, ids: readonly string[]): Promise<Map<string, Cabinet>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(cabinets)
    .where(sql`${cabinets.id} IN (SELECT value FROM json_each(${JSON.stringify([...new Set(ids)])}))`);
  return new Map(rows.map((c) => [c.id, c]));
}
