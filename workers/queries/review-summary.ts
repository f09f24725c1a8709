// Reviews of a period in figures: how many, the average and the spread of ratings, how many are
// unanswered, and the newest negative ones — for the assistant's reviews_summary tool.

import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";

export interface ReviewSummary {
  since: Date;
  nmId: number | null;
  total: number;
  averageRating: number | null;
  /** Count per star, index 0 = 1★ … 4 = 5★. */
  byRating: [number, number, number, number, number];
  unanswered: number;
  /** The newest 1–3★ reviews with text (buyers' words, shown to the model as data). */
  recentNegative: { id: string; nmId: number; productName: string | null; rating: number; text: string; createdAt: Date }[];
}

const STATS_SQL = `
SELECT rating, count(*) AS n, sum(CASE WHEN is_answered = 0 THEN 1 ELSE 0 END) AS unanswered
FROM feedbacks WHERE cabinet_id = ?1 AND created_at >= ?2 AND (?3 IS NULL OR nm_id = ?3)
GROUP BY rating`;

const NEGATIVE_SQL = `
SELECT id, nm_id AS nmId, product_name AS productName, rating, coalesce(nullif(text, ''), cons, '') AS text, created_at AS createdAt
FROM feedbacks WHERE cabinet_id = ?1 AND created_at >= ?2 AND (?3 IS NULL OR nm_id = ?3) AND rating <= 3
  AND coalesce(nullif(text, ''), cons, '') <> ''
ORDER BY created_at DESC LIMIT 3`;

export async function reviewSummary(db: Db, auth: AuthorizedCabinet, since: Date, nmId: number | null): Promise<ReviewSummary> {
  const d1 = db.$client;
  const [stats, negative] = await d1.batch([
    d1.prepare(STATS_SQL).bind(auth.cabinet.id, since.getTime(), nmId),
    d1.prepare(NEGATIVE_SQL).bind(auth.cabinet.id, since.getTime(), nmId),
  ]);
  const byRating: ReviewSummary["byRating"] = [0, 0, 0, 0, 0];
  let total = 0;
  let sum = 0;
  let unanswered = 0;
  for (const row of (stats?.results ?? []) as { rating: number; n: number; unanswered: number }[]) {
    if (row.rating < 1 || row.rating > 5) continue;
    byRating[row.rating - 1] = (byRating[row.rating - 1] ?? 0) + row.n;
    total += row.n;
    sum += row.rating * row.n;
    unanswered += row.unanswered;
  }
  return {
    since,
    nmId,
    total,
    averageRating: total > 0 ? Math.round((sum / total) * 100) / 100 : null,
    byRating,
    unanswered,
    recentNegative: ((negative?.results ?? []) as { id: string; nmId: number; productName: string | null; rating: number; text: string; createdAt: number }[]).map((r) => ({
      ...r,
      text: r.text.slice(0, 400),
      createdAt: new Date(r.createdAt),
    })),
  };
}
