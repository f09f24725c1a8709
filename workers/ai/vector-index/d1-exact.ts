// The vector index in D1 (local runs, tests, deployments without Vectorize): embeddings are stored
// beside their chunk in ai_chunks.embedding and a query is an exact cosine scan over the requested
// scopes. The decoded, normalised vectors of a scope stay in the isolate while the scope's
// fingerprint (row count and last indexing time) is unchanged, so a question costs one small read.

import { FingerprintCache } from "../../queries/fingerprint-cache";
import type { VectorIndex, VectorMatch, VectorQuery, VectorRecord } from "../types";

interface ScopeVectors {
  ids: string[];
  /** All vectors of the scope back to back, each L2-normalised; `dims` floats apiece. */
  values: Float32Array;
  dims: number;
}

const cache = new FingerprintCache<ScopeVectors>(32);
const BATCH = 50;

export function normalise(values: Float32Array): Float32Array {
  let norm = 0;
  for (const x of values) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm === 0) return values;
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = (values[i] ?? 0) / norm;
  return out;
}

export function vectorToBytes(values: Float32Array): ArrayBuffer {
  return normalise(values).slice().buffer;
}

export function createD1ExactIndex(d1: D1Database): VectorIndex {
  async function scopeVectors(scope: string): Promise<ScopeVectors> {
    const fp = await d1.prepare(`SELECT count(embedding) AS n, max(indexed_at) AS last FROM ai_chunks WHERE scope = ?1`).bind(scope).first<{ n: number; last: number | null }>();
    const fingerprint = `${fp?.n ?? 0}:${fp?.last ?? 0}`;
    const hit = cache.get(scope, fingerprint);
    if (hit) return hit;
    const { results } = await d1.prepare(`SELECT id, embedding FROM ai_chunks WHERE scope = ?1 AND embedding IS NOT NULL`).bind(scope).all<{ id: string; embedding: ArrayBuffer | number[] }>();
    const rows = results.map((r) => ({ id: r.id, v: new Float32Array(r.embedding instanceof ArrayBuffer ? r.embedding : new Uint8Array(r.embedding).buffer) }));
    const dims = rows[0]?.v.length ?? 0;
    const usable = rows.filter((r) => r.v.length === dims);
    const values = new Float32Array(usable.length * dims);
    usable.forEach((r, i) => values.set(r.v, i * dims));
    const vectors = { ids: usable.map((r) => r.id), values, dims };
    cache.set(scope, fingerprint, vectors);
    return vectors;
  }

  return {
    name: "d1-exact",
    async upsert(records: readonly VectorRecord[]): Promise<void> {
      const statements = records.map((r) => d1.prepare(`UPDATE ai_chunks SET embedding = ?1 WHERE id = ?2 AND scope = ?3`).bind(vectorToBytes(r.values), r.id, r.scope));
      for (let i = 0; i < statements.length; i += BATCH) await d1.batch(statements.slice(i, i + BATCH));
    },
    async delete(ids: readonly string[]): Promise<void> {
      const statements = ids.map((id) => d1.prepare(`UPDATE ai_chunks SET embedding = NULL WHERE id = ?1`).bind(id));
      for (let i = 0; i < statements.length; i += BATCH) await d1.batch(statements.slice(i, i + BATCH));
    },
    async query(values: Float32Array, query: VectorQuery): Promise<VectorMatch[]> {
      const q = normalise(values);
      const matches: VectorMatch[] = [];
      for (const scope of new Set(query.scopes)) {
        const s = await scopeVectors(scope);
        if (s.dims !== q.length) continue;
        for (let i = 0; i < s.ids.length; i++) {
          let dot = 0;
          const base = i * s.dims;
          for (let d = 0; d < s.dims; d++) dot += (q[d] ?? 0) * (s.values[base + d] ?? 0);
          matches.push({ id: s.ids[i] ?? "", score: dot });
        }
      }
      return matches.sort((a, b) => b.score - a.score).slice(0, Math.max(1, query.topK));
    },
  };
}
