// Messages of the "notifications" queue. They carry no notification: the outbox (D1) is the source
// of truth and a message only says "there is work" — send what is due, or check a cabinet's stock
// alerts after its stocks run. A lost message delays sending until the next cron tick (every 5
// minutes), and a duplicate costs one claim that finds nothing.

export type NotifyMessage = { type: "send" } | { type: "stock_check"; cabinetId: string };

export function parseNotifyMessage(body: unknown): NotifyMessage | null {
  if (typeof body !== "object" || body === null) return null;
  const b = body as Record<string, unknown>;
  if (b.type === "send") return { type: "send" };
  if (b.type === "stock_check" && typeof b.cabinetId === "string" && b.cabinetId !== "") return { type: "stock_check", cabinetId: b.cabinetId };
  return null;
}

/** The producer side (env.NOTIFY_QUEUE, or a recorder in tests). */
export interface NotifyProducer {
  send(body: NotifyMessage, options?: QueueSendOptions): Promise<unknown>;
}

let testProducer: NotifyProducer | null = null;

/**
 * Test-only: route every notify message to `producer` (null restores env.NOTIFY_QUEUE). Tests in
 * workerd drive the sender themselves, on their own clock; a real queue would also run it, in the
 * background, on the wall clock.
 */
export function setNotifyProducerForTests(producer: NotifyProducer | null): void {
  testProducer = producer;
}

export function notifyProducer(env: Pick<Env, "NOTIFY_QUEUE">): NotifyProducer {
  return testProducer ?? env.NOTIFY_QUEUE;
}

/** Asks for a sender run (after `delaySeconds`). Never throws: the cron tick is the fallback. */
export async function kickSender(env: Pick<Env, "NOTIFY_QUEUE">, delaySeconds = 0): Promise<void> {
  try {
    await notifyProducer(env).send({ type: "send" }, delaySeconds > 0 ? { delaySeconds } : undefined);
  } catch (error) {
    console.error("notifications: could not enqueue a sender run; the cron will", error);
  }
}

/** Asks for a cabinet's stock alerts to be evaluated (after its stocks run committed). */
export async function requestStockCheck(env: Pick<Env, "NOTIFY_QUEUE">, cabinetId: string): Promise<void> {
  try {
    await notifyProducer(env).send({ type: "stock_check", cabinetId });
  } catch (error) {
    console.error("notifications: could not enqueue a stock check; the next stocks run will", error);
  }
}
