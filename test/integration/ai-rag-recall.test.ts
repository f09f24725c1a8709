// RAG on the demo seller's data: the whole cabinet is chunked and embedded (through the fake
// OpenAI server's hashed bag-of-words embeddings, over real HTTP), then a labelled set of seller
// questions is asked. A question counts as answered when at least one chunk that answers it is
// in the top 5 (recall@5); the mean reciprocal rank of the first right chunk is printed too.

import { env } from "cloudflare:workers";
import { and, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { aiChunks, products } from "../../db/schema";
import { indexCabinet } from "../../workers/ai/indexer";
import { requireAiProvider } from "../../workers/ai/provider";
import { type RetrievedChunk, retrieveChunks } from "../../workers/ai/retrieval";
import { fakeOpenAi, withFakeAi } from "../support/fake-openai";
import { AI_T0, cabinetWithToken, db, loadDemoTexts } from "./ai-helpers";

interface Labelled {
  question: string;
  /** Right chunks: a predicate over the retrieved chunk and the card titles by nmID. */
  right: (c: RetrievedChunk, titleOf: (nmId: number | null) => string) => boolean;
}

const titled = (title: string) => (c: RetrievedChunk, titleOf: (nmId: number | null) => string) => titleOf(c.nmId).startsWith(title);
const kb = (slug: string) => (c: RetrievedChunk) => c.key.startsWith(`kb:${slug}:`);

const LABELLED: Labelled[] = [
  { question: "Из какого материала куртка косуха из экокожи?", right: (c, t) => c.kind === "card" && titled("Куртка косуха из экокожи")(c, t) },
  { question: "Какой состав у футболки поло трикотажной?", right: (c, t) => c.kind === "card" && titled("Футболка поло трикотажная")(c, t) },
  { question: "Как стирать платье-свитер вязаное оверсайз?", right: (c, t) => titled("Платье-свитер вязаное")(c, t) },
  { question: "Что пишут покупатели про брак у свитшота базового хлопкового?", right: (c, t) => c.kind === "feedback" && titled("Свитшот базовый хлопковый")(c, t) },
  { question: "Жалуются ли на торчащие нитки у худи оверсайз на флисе?", right: (c, t) => c.kind === "feedback" && titled("Худи оверсайз с капюшоном на флисе")(c, t) },
  { question: "Большемерят ли брюки палаццо из костюмной ткани?", right: (c, t) => titled("Брюки палаццо")(c, t) },
  { question: "Что спрашивают покупатели про поставку размеров?", right: (c) => c.kind === "question" && /поставк/i.test(c.text) },
  { question: "Спрашивали ли, какой рост у модели на фото?", right: (c) => c.kind === "question" && /рост у модели/i.test(c.text) },
  { question: "Просвечивает ли ткань в светлых цветах?", right: (c) => /просвечива/i.test(c.text) },
  { question: "Юбка джинсовая миди с разрезом — какие у неё характеристики?", right: (c, t) => titled("Юбка джинсовая миди с разрезом")(c, t) },
  { question: "Как покупатель может вернуть товар с браком?", right: kb("returns") },
  { question: "Сколько дней действует токен API и какие у него категории?", right: kb("api-tokens") },
  { question: "Какой длины может быть название карточки товара?", right: kb("card-quality") },
  { question: "Что такое СПП и кто оплачивает эту скидку?", right: (c) => kb("prices-discounts")(c) || kb("commission")(c) },
  { question: "Можно ли удалить негативный отзыв и что нельзя писать в ответе на отзыв?", right: kb("reviews-rules") },
  { question: "Почему WB отвечает ошибкой 429 на запросы к API?", right: kb("api-limits") },
  { question: "Что такое процент выкупа и как его поднять?", right: kb("buyout") },
  { question: "Как рассчитывается логистика и платное хранение на складах?", right: kb("logistics") },
  { question: "Что значит группа AX в ABC/XYZ-анализе?", right: kb("abc-xyz") },
  { question: "Как работает модель FBS и чем отличается от FBO?", right: kb("fbo-fbs") },
];

describe("RAG retrieval on the demo cabinet", () => {
  it("finds a right chunk in the top 5 for most labelled questions", { timeout: 240_000 }, async () => {
    const fake = fakeOpenAi();
    const aiEnv = withFakeAi(env, fake);
    const provider = requireAiProvider(aiEnv);
    const cab = await cabinetWithToken("Демо для RAG");
    const loaded = await loadDemoTexts(cab.cabinetId);

    const started = Date.now();
    let steps = 0;
    let embedded = 0;
    for (let step = await indexCabinet(aiEnv, db, provider, cab.cabinetId, { now: AI_T0, maxEmbeddings: 2_000 }); ; ) {
      steps++;
      embedded += step.embedded;
      if (step.remaining === 0) break;
      step = await indexCabinet(aiEnv, db, provider, cab.cabinetId, { now: AI_T0, maxEmbeddings: 2_000, embedOnly: true });
    }
    const indexMs = Date.now() - started;
    const [{ chunks } = { chunks: 0 }] = await db.select({ chunks: sql<number>`count(*)` }).from(aiChunks).where(eq(aiChunks.scope, cab.cabinetId));
    const [{ waiting } = { waiting: 0 }] = await db.select({ waiting: sql<number>`count(*)` }).from(aiChunks).where(and(eq(aiChunks.scope, cab.cabinetId), isNull(aiChunks.indexedAt)));
    expect(waiting).toBe(0);
    const embedRequests = (await fake.requests()).filter((r) => r.path === "/v1/embeddings").length;

    const titles = new Map((await db.select({ nmId: products.nmId, title: products.title }).from(products).where(eq(products.cabinetId, cab.cabinetId))).map((p) => [p.nmId, p.title ?? ""]));
    const titleOf = (nmId: number | null) => (nmId === null ? "" : (titles.get(nmId) ?? ""));

    let hits = 0;
    let reciprocal = 0;
    const misses: string[] = [];
    for (const item of LABELLED) {
      const top = await retrieveChunks(aiEnv, db, provider, cab.cabinetId, item.question, 5);
      const rank = top.findIndex((c) => item.right(c, titleOf));
      if (rank >= 0) {
        hits++;
        reciprocal += 1 / (rank + 1);
      } else misses.push(`${item.question} → ${top.map((c) => c.key).join(", ")}`);
    }
    const recall = hits / LABELLED.length;
    console.log(
      `RAG recall@5 = ${hits}/${LABELLED.length} = ${recall.toFixed(2)}, MRR = ${(reciprocal / LABELLED.length).toFixed(2)}; ` +
        `indexed ${chunks} cabinet chunks (${loaded.cards} cards, ${loaded.feedbacks} reviews, ${loaded.questions} questions loaded) + knowledge base: ` +
        `${embedded} embeddings in ${embedRequests} requests, ${steps} steps, ${indexMs} ms`,
    );
    if (misses.length > 0) console.log(`RAG misses:\n${misses.join("\n")}`);
    expect(recall).toBeGreaterThanOrEqual(0.8);

    // Incremental: a second pass embeds nothing.
    const again = await indexCabinet(aiEnv, db, provider, cab.cabinetId, { now: AI_T0 });
    expect(again).toEqual({ embedded: 0, deleted: 0, remaining: 0 });
  });
});
