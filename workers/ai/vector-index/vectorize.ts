// The vector index on Cloudflare Vectorize (production). Every vector carries its scope (cabinet id
// or "kb") as metadata and every query filters by it; the index needs a metadata index on `scope`:
//   wrangler vectorize create wb-assist-rag --dimensions=512 --metric=cosine
//   wrangler vectorize create-metadata-index wb-assist-rag --property-name=scope --type=string
// (dimensions = the embedding model's output: AI_EMBEDDING_DIMENSIONS for text-embedding-3-*, 1024 for bge-m3).

import type { VectorIndex, VectorMatch, VectorQuery, VectorRecord } from "../types";

/** The part of the binding used here. */
export interface VectorizeBinding {
  upsert(vectors: { id: string; values: number[] | Float32Array; metadata?: Record<string, string> }[]): Promise<unknown>;
  deleteByIds(ids: string[]): Promise<unknown>;
  query(vector: number[] | Float32Array, options: { topK: number; filter?: Record<string, unknown>; returnValues?: boolean; returnMetadata?: "none" | "indexed" | "all" }): Promise<{ matches: { id: string; score: number }[] }>;
}

/** Vectorize's largest topK without values or metadata. */
const MAX_TOP_K = 100;
const UPSERT_BATCH = 500;

export function createVectorizeIndex(binding: VectorizeIndex | Vectorize | VectorizeBinding): VectorIndex {
  const index = binding as unknown as VectorizeBinding;
  return {
    name: "vectorize",
    async upsert(records: readonly VectorRecord[]): Promise<void> {
      for (let i = 0; i < records.length; i += UPSERT_BATCH) {
        await index.upsert(records.slice(i, i + UPSERT_BATCH).map((r) => ({ id: r.id, values: r.values, metadata: { scope: r.scope } })));
      }
    },
    async delete(ids: readonly string[]): Promise<void> {
      for (let i = 0; i < ids.length; i += UPSERT_BATCH) await index.deleteByIds(ids.slice(i, i + UPSERT_BATCH));
    },
    async query(values: Float32Array, query: VectorQuery): Promise<VectorMatch[]> {
      if (query.scopes.length === 0) return [];
      const result = await index.query(values, {
        topK: Math.min(MAX_TOP_K, Math.max(1, query.topK)),
        filter: { scope: { $in: [...query.scopes] } },
        returnValues: false,
        returnMetadata: "none",
      });
      return result.matches.map((m) => ({ id: m.id, score: m.score }));
    },
  };
}
