// Notifications the daily cron (09:00 Moscow) queues: the daily summary, the weekly digest on
// Mondays, and "your WB token expires soon" (once per token, inside the warning window). One
// INSERT … SELECT over every membership each; dedupe keys make a second cron run (or a retried
// one) a no-op. What they say is rendered when they are sent, from the data of that moment.

import { sql } from "drizzle-orm";

import type { Db } from "../db/client";
import { KEY_PREFIX } from "../domain/notifications/keys";
import { TOKEN_EXPIRY_WARNING_MS, periodicDue } from "../domain/notifications/rules";
import { insertedRows, outboxInsert, recipientsSql } from "./sql";

export interface PeriodicResult {
  daily: number;
  weekly: number;
  tokenExpiring: number;
}

export async function queuePeriodicNotifications(db: Db, now: Date): Promise<PeriodicResult> {
  const due = periodicDue(now);
  const daily = outboxInsert(
    db,
    {
      columns: sql`r.uid, r.cid, 'daily_summary', ${`${KEY_PREFIX.daily}:`} || r.cid || ${`:${due.day}:u`} || r.uid, json_object('day', ${due.day})`,
      from: sql`FROM ${recipientsSql("daily_summary", null)} AS r WHERE 1`,
    },
    now,
  );
  const expiring = outboxInsert(
    db,
    {
      columns: sql`r.uid, r.cid, 'sync_problem',
        ${`${KEY_PREFIX.tokenExpiring}:`} || r.cid || ':' || coalesce(c.token_id, 'iv-' || c.token_iv) || ':u' || r.uid,
        json_object('problem', 'token_expiring', 'dataset', NULL, 'message', NULL, 'expiresAt', c.token_expires_at, 'failures', NULL)`,
      from: sql`FROM ${recipientsSql("sync_problems", null)} AS r JOIN cabinets AS c ON c.id = r.cid
        WHERE c.token_expires_at > ${now.getTime()} AND c.token_expires_at <= ${now.getTime() + TOKEN_EXPIRY_WARNING_MS}`,
    },
    now,
  );
  const statements = [daily, expiring];
  if (due.weekly) {
    statements.push(
      outboxInsert(
        db,
        {
          columns: sql`r.uid, r.cid, 'weekly_digest', ${`${KEY_PREFIX.weekly}:`} || r.cid || ${`:${due.weekly.weekStart}:u`} || r.uid,
            json_object('from', ${due.weekly.from}, 'to', ${due.weekly.to})`,
          from: sql`FROM ${recipientsSql("weekly_digest", null)} AS r WHERE 1`,
        },
        now,
      ),
    );
  }
  const [first, ...rest] = statements;
  if (!first) return { daily: 0, weekly: 0, tokenExpiring: 0 };
  const results = await db.batch([first, ...rest]);
  return {
    daily: insertedRows(results.slice(0, 1)),
    tokenExpiring: insertedRows(results.slice(1, 2)),
    weekly: insertedRows(results.slice(2, 3)),
  };
}
