// Dedupe keys of notification_outbox (UNIQUE): every insert is ON CONFLICT(dedupe_key) DO NOTHING,
// so a key names "this fact, for this user" and the same fact can never be queued twice — not by a
// retried page, a re-sync, a regrouping, or a second cron tick.
//
// Shape: "<prefix>:<cabinet>:<what>[:<when>]:u<user>". The user is always last, so one fact fans
// out to one row per member. Keys are stable: they depend only on WB identities (srid, feedback
// id, chrtID, token id) and calendar days, never on time of detection or on grouping.
//
// The sync writes some of these in SQL (workers/notifications/detect.ts) by concatenating the same
// prefixes; test/integration/notify-detection.test.ts checks the two agree.

export const KEY_PREFIX = {
  order: "order",
  review: "review",
  question: "question",
  stockZero: "stock_zero",
  stockLow: "stock_low",
  tokenInvalid: "token_invalid",
  tokenExpiring: "token_expiring",
  datasetDisabled: "dataset_disabled",
  syncFailing: "sync_failing",
  daily: "daily",
  weekly: "weekly",
} as const;

const user = (userId: number) => `u${userId}`;

/** One order (WB `srid`), once per user, whenever and however it is grouped. */
export function orderKey(cabinetId: string, srid: string, userId: number): string {
  return `${KEY_PREFIX.order}:${cabinetId}:${srid}:${user(userId)}`;
}

export function reviewKey(cabinetId: string, feedbackId: string, userId: number): string {
  return `${KEY_PREFIX.review}:${cabinetId}:${feedbackId}:${user(userId)}`;
}

export function questionKey(cabinetId: string, questionId: string, userId: number): string {
  return `${KEY_PREFIX.question}:${cabinetId}:${questionId}:${user(userId)}`;
}

/** A size going to zero or below the threshold: at most once per size, state and Moscow day. */
export function stockKey(state: "zero" | "low", cabinetId: string, chrtId: number, day: string, userId: number): string {
  return `${state === "zero" ? KEY_PREFIX.stockZero : KEY_PREFIX.stockLow}:${cabinetId}:${chrtId}:${day}:${user(userId)}`;
}

/** WB refused the token: once per token (a replaced token has another id). */
export function tokenInvalidKey(cabinetId: string, tokenRef: string, userId: number): string {
  return `${KEY_PREFIX.tokenInvalid}:${cabinetId}:${tokenRef}:${user(userId)}`;
}

/** The token expires within the warning window: once per token. */
export function tokenExpiringKey(cabinetId: string, tokenRef: string, userId: number): string {
  return `${KEY_PREFIX.tokenExpiring}:${cabinetId}:${tokenRef}:${user(userId)}`;
}

/** A dataset WB will not serve to this token (scope, tier): once per dataset and token. */
export function datasetDisabledKey(cabinetId: string, dataset: string, tokenRef: string, userId: number): string {
  return `${KEY_PREFIX.datasetDisabled}:${cabinetId}:${dataset}:${tokenRef}:${user(userId)}`;
}

/**
 * Repeated failures of a dataset: once per failure streak. A streak is identified by the last
 * success before it (0 = never succeeded), which only changes when the dataset syncs again.
 */
export function syncFailingKey(cabinetId: string, dataset: string, lastSuccessAtMs: number, userId: number): string {
  return `${KEY_PREFIX.syncFailing}:${cabinetId}:${dataset}:${lastSuccessAtMs}:${user(userId)}`;
}

export function dailySummaryKey(cabinetId: string, day: string, userId: number): string {
  return `${KEY_PREFIX.daily}:${cabinetId}:${day}:${user(userId)}`;
}

/** `weekStart`: the Monday (Moscow day) the digest is sent on. */
export function weeklyDigestKey(cabinetId: string, weekStart: string, userId: number): string {
  return `${KEY_PREFIX.weekly}:${cabinetId}:${weekStart}:${user(userId)}`;
}
