// Delivery rules of the notification sender: Telegram's limits, what to do with a row before
// sending it (send, hold for quiet hours, skip), and what a Telegram error means. Pure.

import { type EffectiveNotificationSettings, isQuietAt, quietHoursEnd } from "../../bot/notification-prefs";
import { SETTING_OF, type OutboxKind } from "./types";

// --- Telegram's limits (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this)

/** At most one message per chat per this long ("about one message per second" per chat, with margin). */
export const PER_CHAT_INTERVAL_MS = 1_050;
/**
 * At most this many chats are being sent to at any moment, across every sender run. Each of them
 * gets at most one message per PER_CHAT_INTERVAL_MS, so the bot sends at most 25 messages a
 * second overall — under Telegram's 30/s for bulk notifications.
 */
export const MAX_CHATS_IN_FLIGHT = 25;
/** A claimed user's rows belong to the claiming run for this long (then any run may take them). */
export const LEASE_MS = 60_000;
/** A run stops sending to a claimed user this long after the claim, well inside the lease. */
export const SEND_WINDOW_MS = 40_000;
/** Messages per user per claim: 20 × 1.05 s fits the send window with room for slow calls. */
export const MAX_MESSAGES_PER_CLAIM = 20;
/** Rows read per user per claim (enough for MAX_MESSAGES_PER_CLAIM full messages). */
export const MAX_ROWS_PER_USER_CLAIM = 400;
/** Send attempts (transient errors) before a row is marked failed. */
export const MAX_ATTEMPTS = 6;
/** When Telegram says 429 without a retry_after. */
export const DEFAULT_RETRY_AFTER_S = 5;

/** Wait after the n-th failed attempt (1-based): 30 s, 1, 2, 4, 8 min …, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

// --- before sending --------------------------------------------------------------------------------

export interface RecipientState {
  /** users.notifications_paused (the user blocked the bot). */
  paused: boolean;
  /** Still a member of the row's cabinet. */
  member: boolean;
  settings: Pick<EffectiveNotificationSettings, "enabled" | "quietHours" | "timeZone">;
}

export type Disposition =
  | { action: "send" }
  /** Quiet hours: keep the row, due again when they end. */
  | { action: "hold"; until: Date }
  | { action: "skip"; reason: "paused" | "not_member" | "disabled" };

/**
 * Settings are applied when a row is sent, not only when it was created: switching a kind off,
 * leaving a cabinet or blocking the bot stops what is already queued, and quiet hours hold
 * whatever falls due inside them until they end (status held, not_before_at = the end).
 */
export function dispositionOf(kind: OutboxKind, recipient: RecipientState, now: Date): Disposition {
  if (recipient.paused) return { action: "skip", reason: "paused" };
  if (!recipient.member) return { action: "skip", reason: "not_member" };
  if (!recipient.settings.enabled[SETTING_OF[kind]]) return { action: "skip", reason: "disabled" };
  if (isQuietAt(recipient.settings, now)) return { action: "hold", until: quietHoursEnd(recipient.settings, now) };
  return { action: "send" };
}

// --- Telegram's answer ----------------------------------------------------------------------------

export interface TelegramFailure {
  /** Bot API error_code, or null for a network failure / timeout. */
  code: number | null;
  description: string;
  /** parameters.retry_after (seconds), when Telegram sent it. */
  retryAfter?: number | null;
}

export type FailureAction =
  /** 429: try this chat again after retry_after; not the message's fault, not an attempt. */
  | { action: "rate_limited"; retryAfterMs: number }
  /**
   * 403 (the user blocked the bot, deleted the account) or 400 "chat not found" (never started
   * it): pause, do not retry. The bot lifts the pause when the user writes to it.
   */
  | { action: "blocked" }
  /** 400: the request itself is wrong; retrying sends the same thing. */
  | { action: "permanent" }
  /** Network, timeouts, 5xx, anything else: retry with backoff, then give up. */
  | { action: "transient" };

export function classifyTelegramFailure(f: TelegramFailure): FailureAction {
  if (f.code === 429) {
    const fromText = /retry after (\d+)/i.exec(f.description)?.[1];
    const seconds = f.retryAfter ?? (fromText ? Number(fromText) : DEFAULT_RETRY_AFTER_S);
    return { action: "rate_limited", retryAfterMs: Math.max(1, seconds) * 1000 };
  }
  if (f.code === 403) return { action: "blocked" };
  if (f.code === 400 && /chat not found|user not found|PEER_ID_INVALID/i.test(f.description)) return { action: "blocked" };
  if (f.code === 400) return { action: "permanent" };
  return { action: "transient" };
}
