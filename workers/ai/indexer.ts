// Incremental RAG indexing of one cabinet (and the shared knowledge base): chunks whose text
// changed since the last run are embedded again, unchanged ones never are, removed ones are
// deleted from the table and the vector index. One call does a bounded amount of embedding so a
// queue message stays short; the caller re-enqueues while `remaining` > 0.

import { and, asc, eq, gte, inArray, isNull, ne, or, sql } from "drizzle-orm";

import { KNOWLEDGE_BASE_SCOPE, aiChunks, feedbacks, products, questions } from "../../db/schema";
import { type ChunkDraft, cardChunks, chunkId, feedbackChunk, knowledgeChunks, questionChunk, shortHash } from "../domain/ai/chunks";
import type { Db } from "../db/client";
import { jsonUpsert } from "../db/bulk-upsert";
import { KNOWLEDGE_BASE } from "./knowledge-base";
import type { AiProvider, VectorIndex } from "./types";
import { vectorIndexFor } from "./vector-index";

/** Reviews and questions older than this are not indexed (they rarely answer today's questions). */
export const INDEX_WINDOW_DAYS = 365;
const EMBED_BATCH = 64;
const DELETE_BATCH = 90;

export interface IndexStep {
  embedded: number;
  deleted: number;
  /** Chunks still waiting for an embedding after this step. */
  remaining: number;
}

export interface IndexOptions {
  /** Embeddings computed in this call at most. */
  maxEmbeddings?: number;
  /** Skip comparing with the cabinet's data (a continuation of a run that already did). */
  embedOnly?: boolean;
  now?: Date;
  index?: VectorIndex;
}

/** The cabinet's chunks as they should be now. */
export async function cabinetChunks(db: Db, cabinetId: string, now: Date): Promise<ChunkDraft[]> {
  const since = new Date(now.getTime() - INDEX_WINDOW_DAYS * 86_400_000);
  const [cards, reviewRows, questionRows] = await Promise.all([
    db
      .select({
        nmId: products.nmId,
        vendorCode: products.vendorCode,
        title: products.title,
        brand: products.brand,
        subjectName: products.subjectName,
        description: products.description,
        characteristics: products.characteristics,
      })
      .from(products)
      .where(eq(products.cabinetId, cabinetId)),
    db
      .select({
        id: feedbacks.id,
        nmId: feedbacks.nmId,
        productName: feedbacks.productName,
        supplierArticle: feedbacks.supplierArticle,
        rating: feedbacks.rating,
        text: feedbacks.text,
        pros: feedbacks.pros,
        cons: feedbacks.cons,
        answerText: feedbacks.answerText,
        createdAt: feedbacks.createdAt,
      })
      .from(feedbacks)
      .where(and(eq(feedbacks.cabinetId, cabinetId), gte(feedbacks.createdAt, since))),
    db
      .select({
        id: questions.id,
        nmId: questions.nmId,
        productName: questions.productName,
        supplierArticle: questions.supplierArticle,
        text: questions.text,
        answerText: questions.answerText,
        createdAt: questions.createdAt,
      })
      .from(questions)
      .where(and(eq(questions.cabinetId, cabinetId), gte(questions.createdAt, since))),
  ]);
  return [
    ...cards.flatMap(cardChunks),
    ...reviewRows.flatMap((r) => feedbackChunk(r) ?? []),
    ...questionRows.flatMap((q) => questionChunk(q) ?? []),
  ];
}

export function knowledgeBaseChunks(): ChunkDraft[] {
  return KNOWLEDGE_BASE.flatMap(knowledgeChunks);
}

/** Makes the stored chunks of `scope` equal `drafts`: changed text is marked for embedding. */
async function syncChunkRows(db: Db, index: VectorIndex, scope: string, cabinetId: string | null, drafts: readonly ChunkDraft[], now: Date): Promise<number> {
  const stored = await db.select({ id: aiChunks.id, contentHash: aiChunks.contentHash }).from(aiChunks).where(eq(aiChunks.scope, scope));
  const storedHash = new Map(stored.map((r) => [r.id, r.contentHash]));
  const wanted = new Map<string, ChunkDraft & { id: string; hash: string }>();
  for (const d of drafts) {
    const id = chunkId(scope, d.key);
    wanted.set(id, { ...d, id, hash: shortHash(d.text) });
  }
  const changed = [...wanted.values()].filter((w) => storedHash.get(w.id) !== w.hash);
  const gone = stored.filter((r) => !wanted.has(r.id)).map((r) => r.id);

  if (changed.length > 0) {
    const rows = changed.map((w) => ({
      id: w.id,
      scope,
      cabinetId,
      kind: w.kind,
      key: w.key,
      nmId: w.nmId,
      text: w.text,
      contentHash: w.hash,
      embedding: null,
      embeddingModel: null,
      indexedAt: null,
      updatedAt: now,
    }));
    const statements = jsonUpsert(db, aiChunks, rows);
    for (let i = 0; i < statements.length; i += 20) {
      const slice = statements.slice(i, i + 20);
      await db.batch(slice as [(typeof slice)[number], ...typeof slice]);
    }
  }
  if (gone.length > 0) {
    await index.delete(gone);
    for (let i = 0; i < gone.length; i += DELETE_BATCH) {
      await db.delete(aiChunks).where(and(eq(aiChunks.scope, scope), inArray(aiChunks.id, gone.slice(i, i + DELETE_BATCH))));
    }
  }
  return gone.length;
}

/** Embeds up to `max` chunks of `scope` that have no vector from the current model. */
async function embedPending(db: Db, provider: AiProvider, index: VectorIndex, scope: string, max: number, now: Date): Promise<{ embedded: number; remaining: number }> {
  const needsEmbedding = and(eq(aiChunks.scope, scope), or(isNull(aiChunks.indexedAt), isNull(aiChunks.embeddingModel), ne(aiChunks.embeddingModel, provider.embeddingModel)));
  let embedded = 0;
  while (embedded < max) {
    const batch = await db
      .select({ id: aiChunks.id, text: aiChunks.text })
      .from(aiChunks)
      .where(needsEmbedding)
      .orderBy(asc(aiChunks.id))
      .limit(Math.min(EMBED_BATCH, max - embedded));
    if (batch.length === 0) break;
    const vectors = await provider.embed(batch.map((c) => c.text));
    await index.upsert(batch.map((c, i) => ({ id: c.id, scope, values: vectors[i] ?? new Float32Array() })));
    await db
      .update(aiChunks)
      .set({ indexedAt: now, embeddingModel: provider.embeddingModel })
      .where(and(eq(aiChunks.scope, scope), inArray(aiChunks.id, batch.map((c) => c.id))));
    embedded += batch.length;
  }
  const [left] = await db.select({ n: sql<number>`count(*)` }).from(aiChunks).where(needsEmbedding);
  return { embedded, remaining: left?.n ?? 0 };
}

/** One step of indexing a cabinet (and the knowledge base, which is shared and cheap once done). */
export async function indexCabinet(env: Env, db: Db, provider: AiProvider, cabinetId: string, options: IndexOptions = {}): Promise<IndexStep> {
  const now = options.now ?? new Date();
  const index = options.index ?? vectorIndexFor(env);
  const max = options.maxEmbeddings ?? 256;
  let deleted = 0;
  if (!options.embedOnly) {
    deleted += await syncChunkRows(db, index, KNOWLEDGE_BASE_SCOPE, null, knowledgeBaseChunks(), now);
    deleted += await syncChunkRows(db, index, cabinetId, cabinetId, await cabinetChunks(db, cabinetId, now), now);
  }
  const kb = await embedPending(db, provider, index, KNOWLEDGE_BASE_SCOPE, max, now);
  const own = await embedPending(db, provider, index, cabinetId, max - kb.embedded, now);
  return { embedded: kb.embedded + own.embedded, deleted, remaining: kb.remaining + own.remaining };
}
