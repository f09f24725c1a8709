// Incremental RAG indexing: only changed text is embedded again, removed data leaves the index,
// another cabinet is never touched, and the "ai" queue consumer drives it step by step.

import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { aiChunks, feedbacks, products } from "../../db/schema";
import { indexCabinet } from "../../workers/ai/indexer";
import { requireAiProvider } from "../../workers/ai/provider";
import { retrieveChunks } from "../../workers/ai/retrieval";
import { consumeAiBatch } from "../../workers/jobs/ai-consumer";
import { fakeOpenAi, withFakeAi } from "../support/fake-openai";
import { seed } from "./api-helpers";
import { AI_T0, cabinetWithToken, db } from "./ai-helpers";

async function smallCabinet(name: string, productTitle: string) {
  const cab = await cabinetWithToken(name);
  await seed.products([
    { cabinetId: cab.cabinetId, nmId: 1001, vendorCode: "A-1", title: productTitle, description: "Плотный хлопок, свободный крой." },
    { cabinetId: cab.cabinetId, nmId: 1002, vendorCode: "A-2", title: "Шапка вязаная", description: "Шерсть и акрил." },
  ]);
  await seed.feedbacks([
    { cabinetId: cab.cabinetId, id: `${name}-f1`, nmId: 1001, productName: productTitle, rating: 2, text: "Маломерит на размер, швы кривые.", createdAt: new Date(AI_T0.getTime() - 86_400_000) },
    { cabinetId: cab.cabinetId, id: `${name}-f2`, nmId: 1002, productName: "Шапка вязаная", rating: 5, text: "Тёплая и мягкая.", createdAt: new Date(AI_T0.getTime() - 86_400_000) },
    { cabinetId: cab.cabinetId, id: `${name}-f3`, nmId: 1002, productName: "Шапка вязаная", rating: 5, text: null, createdAt: new Date(AI_T0.getTime() - 86_400_000) },
  ]);
  return cab;
}

const embeddedTexts = async (fake: ReturnType<typeof fakeOpenAi>) =>
  (await fake.requests()).filter((r) => r.path === "/v1/embeddings").flatMap((r) => r.body.input as string[]);

describe("incremental indexing", () => {
  it("embeds each text once, re-embeds only what changed, and drops what is gone", async () => {
    const fake = fakeOpenAi();
    const aiEnv = withFakeAi(env, fake);
    const provider = requireAiProvider(aiEnv);
    const a = await smallCabinet("ind-a", "Худи оверсайз");
    const b = await smallCabinet("ind-b", "Худи оверсайз");

    const first = await indexCabinet(aiEnv, db, provider, a.cabinetId, { now: AI_T0 });
    expect(first.remaining).toBe(0);
    const firstTexts = await embeddedTexts(fake);
    // 2 cards + 2 reviews with text (the one without text has nothing to retrieve) + the knowledge base.
    expect(firstTexts.filter((t) => !t.startsWith("База знаний")).length).toBe(4);
    expect(firstTexts.some((t) => t.startsWith("База знаний"))).toBe(true);

    await fake.reset();
    expect(await indexCabinet(aiEnv, db, provider, a.cabinetId, { now: AI_T0 })).toEqual({ embedded: 0, deleted: 0, remaining: 0 });
    expect(await embeddedTexts(fake)).toEqual([]);

    // The seller answered a review; a card was deleted on WB.
    await db.update(feedbacks).set({ answerText: "Спасибо, передали в производство." }).where(and(eq(feedbacks.cabinetId, a.cabinetId), eq(feedbacks.id, "ind-a-f1")));
    await db.delete(products).where(and(eq(products.cabinetId, a.cabinetId), eq(products.nmId, 1002)));
    const bBefore = await db.select().from(aiChunks).where(eq(aiChunks.scope, b.cabinetId));
    const step = await indexCabinet(aiEnv, db, provider, a.cabinetId, { now: AI_T0 });
    expect(step).toEqual({ embedded: 1, deleted: 1, remaining: 0 });
    const texts = await embeddedTexts(fake);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain("Ответ продавца: Спасибо, передали в производство.");
    expect(await db.select().from(aiChunks).where(and(eq(aiChunks.scope, a.cabinetId), eq(aiChunks.key, "card:1002:0")))).toEqual([]);
    expect(await db.select().from(aiChunks).where(eq(aiChunks.scope, b.cabinetId))).toEqual(bBefore);
  });

  it("never retrieves another cabinet's chunk, even the closest one", async () => {
    const fake = fakeOpenAi();
    const aiEnv = withFakeAi(env, fake);
    const provider = requireAiProvider(aiEnv);
    const a = await smallCabinet("iso-a", "Куртка пуховая обычная");
    const b = await smallCabinet("iso-b", "Куртка пуховая секретная жертвы");
    await indexCabinet(aiEnv, db, provider, a.cabinetId, { now: AI_T0 });
    await indexCabinet(aiEnv, db, provider, b.cabinetId, { now: AI_T0 });
    const found = await retrieveChunks(aiEnv, db, provider, a.cabinetId, "Куртка пуховая секретная жертвы", 20);
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((c) => c.text.includes("секретная"))).toBe(false);
    const ownIds = new Set((await db.select({ id: aiChunks.id }).from(aiChunks).where(sql`${aiChunks.scope} in (${a.cabinetId}, 'kb')`)).map((r) => r.id));
    expect(found.every((c) => ownIds.has(c.id))).toBe(true);
  });

  it("the ai queue consumer indexes in steps and skips junk", async () => {
    const fake = fakeOpenAi();
    const aiEnv = withFakeAi(env, fake);
    const a = await smallCabinet("queue-a", "Платье льняное");
    const batch = createMessageBatch("ai", [
      { id: "m1", timestamp: new Date(), attempts: 1, body: { kind: "index", cabinetId: a.cabinetId } },
      { id: "m2", timestamp: new Date(), attempts: 1, body: { kind: "drop tables", cabinetId: a.cabinetId } },
      { id: "m3", timestamp: new Date(), attempts: 1, body: { kind: "index", cabinetId: "no-such-cabinet" } },
    ]);
    const outcomes = await consumeAiBatch(batch, aiEnv, db, () => AI_T0);
    expect(outcomes).toEqual(["indexed", "skipped", "skipped"]);
    const result = await getQueueResult(batch, createExecutionContext());
    expect(result.explicitAcks).toEqual(["m1", "m2", "m3"]);
    const [row] = await db.select({ n: sql<number>`count(*)` }).from(aiChunks).where(and(eq(aiChunks.scope, a.cabinetId), isNotNull(aiChunks.indexedAt)));
    expect(row?.n).toBe(4);
  });
});
