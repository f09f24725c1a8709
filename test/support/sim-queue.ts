// A simulated Cloudflare Queue for driving the sync pipeline deterministically inside workerd:
// send/sendBatch with delays, redelivery with the consumer's retry delay, max_retries, then the
// dead-letter consumer — all on a clock the test controls.

import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { vi } from "vitest";

import type { SyncDeps, SyncQueue } from "../../workers/jobs/deps";
import { handleQueue } from "../../workers/jobs/queue";
import type { SyncMessage } from "../../workers/sync/messages";

export const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
export const MAX_RETRIES = 5; // wrangler.toml, wb-sync consumer

export class Clock {
  constructor(public t = T0) {}
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface Pending {
  id: string;
  body: SyncMessage;
  availableAt: number;
  attempts: number;
}

export class SimQueue implements SyncQueue {
  pending: Pending[] = [];
  /**
   * Cabinets this test created: the cron claims due rows of every cabinet in the database
   * (earlier tests' too); their messages are recorded in `sent` but never delivered here.
   */
  readonly tracked = new Set<string>();
  /** Every message ever sent, with its delay. */
  sent: { body: SyncMessage; delaySeconds: number }[] = [];
  sendBatchSizes: number[] = [];
  failSends = 0;
  failBatches = 0;
  private seq = 0;

  constructor(private readonly clock: Clock) {}

  async send(body: SyncMessage, options?: QueueSendOptions): Promise<void> {
    if (this.failSends > 0) {
      this.failSends--;
      throw new Error("simulated Queues outage");
    }
    this.push(body, options?.delaySeconds ?? 0);
  }

  async sendBatch(messages: Iterable<MessageSendRequest<SyncMessage>>): Promise<void> {
    const list = [...messages];
    if (this.failBatches > 0) {
      this.failBatches--;
      throw new Error("simulated Queues outage");
    }
    this.sendBatchSizes.push(list.length);
    for (const m of list) this.push(m.body, m.delaySeconds ?? 0);
  }

  private push(body: SyncMessage, delaySeconds: number): void {
    // Structured clone, as Queues does: the consumer must not share objects with the producer.
    const copy = structuredClone(body);
    this.sent.push({ body: copy, delaySeconds });
    if (!this.tracked.has(copy.cabinetId)) return;
    this.pending.push({ id: `m${++this.seq}`, body: copy, availableAt: this.clock.t + delaySeconds * 1000, attempts: 1 });
  }

  /** The next deliverable message (earliest first), removed from the queue. */
  take(): Pending | undefined {
    this.pending.sort((a, b) => a.availableAt - b.availableAt);
    return this.pending.shift();
  }
}

export interface Delivery {
  id: string;
  body: SyncMessage;
  outcome: "acked" | "retried" | "dead";
  retryDelaySeconds?: number;
}

/** Delivers one message to queue() like Queues would; a retried message goes back with its delay. */
export async function deliver(q: SimQueue, clock: Clock, deps: SyncDeps, m: Pending): Promise<Delivery> {
  clock.t = Math.max(clock.t, m.availableAt);
  const batch = createMessageBatch<SyncMessage>("wb-sync", [{ id: m.id, timestamp: new Date(clock.t), attempts: m.attempts, body: m.body }]);
  // getQueueResult does not report a retry's delaySeconds locally; the spy does (and calls through).
  const retrySpy = vi.spyOn(batch.messages[0] as Message<SyncMessage>, "retry");
  const ctx = createExecutionContext();
  await handleQueue(batch, env, ctx, deps);
  const result = await getQueueResult(batch, ctx);
  const retry = result.retryMessages.find((r) => r.msgId === m.id);
  if (!retry && !result.retryBatch.retry) return { id: m.id, body: m.body, outcome: "acked" };
  const delaySeconds = retrySpy.mock.calls[0]?.[0]?.delaySeconds ?? 0;
  if (m.attempts > MAX_RETRIES) {
    const dlq = createMessageBatch<SyncMessage>("wb-sync-dlq", [{ id: m.id, timestamp: new Date(clock.t), attempts: 1, body: m.body }]);
    const dctx = createExecutionContext();
    await handleQueue(dlq, env, dctx, deps);
    await getQueueResult(dlq, dctx);
    return { id: m.id, body: m.body, outcome: "dead" };
  }
  q.pending.push({ ...m, attempts: m.attempts + 1, availableAt: clock.t + delaySeconds * 1000 });
  return { id: m.id, body: m.body, outcome: "retried", retryDelaySeconds: delaySeconds };
}

/** Delivers messages until the queue is empty (or `limit` deliveries). */
export async function drain(q: SimQueue, clock: Clock, deps: SyncDeps, limit = 100): Promise<Delivery[]> {
  const log: Delivery[] = [];
  for (let m = q.take(); m && log.length < limit; m = q.take()) log.push(await deliver(q, clock, deps, m));
  return log;
}

