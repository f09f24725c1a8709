// Detection inside the sync: statements that ride in the SAME db.batch() as a page's upserts and
// cursor update (workers/jobs/sync-consumer.ts), so a notification exists exactly when its page
// was committed — a failed page writes neither, a retried or re-synced page finds the dedupe keys
// taken.
//
// New rows. The sync writes orders, feedbacks and questions with upserts and does not hand the
// rows to the pipeline, so "new" is read from the table: SQLite gives a newly inserted row a rowid
// above every existing one (these tables have no INTEGER PRIMARY KEY; an upsert that updates keeps
// the row's rowid). Before the batch the hook reads the table's max(rowid); inside the batch, after
// the upserts, every row of this cabinet above that watermark was inserted by this page — only the
// dataset's own run writes its rows, and one run at a time holds a dataset. Updates (a cancellation,
// an answer, the sync's overlap re-reading the last hour) keep their rowids and never count. If a
// concurrent delete of the newest rows let SQLite reuse rowids, a new row could fall under the
// watermark and be missed — never reported twice.
//
// Which pages may notify at all (the history rule) and which new rows are news are pure rules in
// workers/domain/notifications/rules.ts.

import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";

import type { Cabinet, SyncDataset, SyncState } from "../../db/schema";
import type { Db } from "../db/client";
import { KEY_PREFIX } from "../domain/notifications/keys";
import { type EventDataset, FAILURE_STREAK, maxAgeOf, notifiesNewRows } from "../domain/notifications/rules";
import { outboxInsert, recipientsSql } from "./sql";

const TABLE: Record<EventDataset, string> = { orders: "orders", feedbacks: "feedbacks", questions: "questions" };

/** Free texts copied into payloads are cut (the message shows at most ~1000 characters anyway). */
const TEXT_MAX = 1000;

export interface PageDetection {
  cabinet: Pick<Cabinet, "id">;
  dataset: SyncDataset;
  /** The dataset's sync state before this page. */
  state: Pick<SyncState, "backfillDone" | "lastSuccessAt">;
  now: Date;
}

/** The highest rowid of an event table now (0 when empty). */
async function watermarkOf(db: Db, dataset: EventDataset): Promise<number> {
  const row = await db.$client.prepare(`SELECT coalesce(max(rowid), 0) AS m FROM ${TABLE[dataset]}`).first<{ m: number }>();
  return row?.m ?? 0;
}

/**
 * The detection statements for one page, to append AFTER the page's own statements in its batch.
 * [] when the page cannot notify (history, or a dataset without events).
 */
export async function pageNotificationStatements(db: Db, page: PageDetection): Promise<BatchItem<"sqlite">[]> {
  if (!notifiesNewRows(page.dataset, page.state)) return [];
  const dataset = page.dataset as EventDataset;
  const watermark = await watermarkOf(db, dataset);
  const cab = page.cabinet.id;
  const freshFrom = page.now.getTime() - maxAgeOf(dataset);

  // NOT INDEXED: the rowid range is the selective part; the cabinet's own indexes would scan all
  // of its rows.
  if (dataset === "orders") {
    return [
      outboxInsert(
        db,
        {
          columns: sql`r.uid, ${cab}, 'new_order', ${`${KEY_PREFIX.order}:${cab}:`} || o.srid || ':u' || r.uid,
            json_object('srid', o.srid, 'at', o.ordered_at, 'price', o.price_with_disc_kopecks, 'cancelled', o.is_cancel,
                        'article', o.supplier_article, 'nmId', o.nm_id, 'size', o.tech_size, 'subject', o.subject,
                        'brand', o.brand, 'region', o.region, 'okrug', o.okrug, 'country', o.country, 'warehouse', o.warehouse_name)`,
          from: sql`FROM orders AS o NOT INDEXED, ${recipientsSql("new_orders", cab)} AS r
            WHERE o.rowid > ${watermark} AND o.cabinet_id = ${cab} AND o.ordered_at >= ${freshFrom} AND o.is_cancel = 0`,
        },
        page.now,
      ),
    ];
  }
  if (dataset === "feedbacks") {
    return [
      outboxInsert(
        db,
        {
          columns: sql`r.uid, ${cab}, 'new_review', ${`${KEY_PREFIX.review}:${cab}:`} || f.id || ':u' || r.uid,
            json_object('id', f.id, 'nmId', f.nm_id, 'rating', f.rating, 'text', substr(f.text, 1, ${TEXT_MAX}),
                        'pros', substr(f.pros, 1, ${TEXT_MAX}), 'cons', substr(f.cons, 1, ${TEXT_MAX}), 'product', f.product_name,
                        'article', f.supplier_article, 'size', f.size, 'author', f.user_name, 'at', f.created_at)`,
          from: sql`FROM feedbacks AS f NOT INDEXED, ${recipientsSql("new_reviews", cab)} AS r
            WHERE f.rowid > ${watermark} AND f.cabinet_id = ${cab} AND f.created_at >= ${freshFrom} AND f.is_answered = 0`,
        },
        page.now,
      ),
    ];
  }
  return [
    outboxInsert(
      db,
      {
        columns: sql`r.uid, ${cab}, 'new_question', ${`${KEY_PREFIX.question}:${cab}:`} || q.id || ':u' || r.uid,
          json_object('id', q.id, 'nmId', q.nm_id, 'text', substr(q.text, 1, ${TEXT_MAX}), 'product', q.product_name,
                      'article', q.supplier_article, 'at', q.created_at)`,
        from: sql`FROM questions AS q NOT INDEXED, ${recipientsSql("new_questions", cab)} AS r
          WHERE q.rowid > ${watermark} AND q.cabinet_id = ${cab} AND q.created_at >= ${freshFrom} AND q.is_answered = 0`,
      },
      page.now,
    ),
  ];
}

// --- sync and token problems (from the sync's failure paths) --------------------------------------

/** What identifies "this token" in keys: WB's token id, else the per-token random IV of its ciphertext. */
export function tokenRef(cabinet: Pick<Cabinet, "tokenId" | "tokenIv">): string {
  return cabinet.tokenId ?? `iv-${cabinet.tokenIv}`;
}

function problemPayload(problem: string, dataset: string | null, message: string | null) {
  return sql`json_object('problem', ${problem}, 'dataset', ${dataset}, 'message', ${message}, 'expiresAt', NULL, 'failures', NULL)`;
}

/** WB rejected the token (the cabinet is stopped): once per token. */
export function tokenInvalidStatement(db: Db, cabinet: Pick<Cabinet, "id" | "tokenId" | "tokenIv">, message: string, now: Date): BatchItem<"sqlite"> {
  const key = `${KEY_PREFIX.tokenInvalid}:${cabinet.id}:${tokenRef(cabinet)}:`;
  return outboxInsert(
    db,
    {
      columns: sql`r.uid, ${cabinet.id}, 'sync_problem', ${key} || 'u' || r.uid, ${problemPayload("token_invalid", null, message)}`,
      from: sql`FROM ${recipientsSql("sync_problems", cabinet.id)} AS r WHERE 1`,
    },
    now,
  );
}

/** A dataset WB will not serve to this token (missing scope, token type): once per dataset and token. */
export function datasetDisabledStatement(
  db: Db,
  cabinet: Pick<Cabinet, "id" | "tokenId" | "tokenIv">,
  dataset: SyncDataset,
  message: string,
  now: Date,
): BatchItem<"sqlite"> {
  const key = `${KEY_PREFIX.datasetDisabled}:${cabinet.id}:${dataset}:${tokenRef(cabinet)}:`;
  return outboxInsert(
    db,
    {
      columns: sql`r.uid, ${cabinet.id}, 'sync_problem', ${key} || 'u' || r.uid, ${problemPayload("dataset_disabled", dataset, message)}`,
      from: sql`FROM ${recipientsSql("sync_problems", cabinet.id)} AS r WHERE 1`,
    },
    now,
  );
}

/**
 * Repeated failures: to append after the statement that counted the failure. It inserts only when
 * sync_state.consecutive_failures has reached FAILURE_STREAK; the key carries the last success, so
 * a streak is reported once however long it lasts.
 */
export function syncFailingStatement(db: Db, cabinetId: string, dataset: SyncDataset, now: Date): BatchItem<"sqlite"> {
  return outboxInsert(
    db,
    {
      columns: sql`r.uid, ${cabinetId}, 'sync_problem',
        ${`${KEY_PREFIX.syncFailing}:${cabinetId}:${dataset}:`} || coalesce(s.last_success_at, 0) || ':u' || r.uid,
        json_object('problem', 'sync_failing', 'dataset', ${dataset}, 'message', s.last_error, 'expiresAt', NULL, 'failures', s.consecutive_failures)`,
      from: sql`FROM sync_state AS s, ${recipientsSql("sync_problems", cabinetId)} AS r
        WHERE s.cabinet_id = ${cabinetId} AND s.dataset = ${dataset} AND s.consecutive_failures >= ${FAILURE_STREAK}`,
    },
    now,
  );
}
