// Which vector index this deployment uses: Vectorize when bound (production), else the exact
// index in D1 — so local runs and tests exercise the same RAG code.

import { createD1ExactIndex } from "./vector-index/d1-exact";
import { createVectorizeIndex } from "./vector-index/vectorize";
import type { VectorIndex } from "./types";

export function vectorIndexFor(env: Env): VectorIndex {
  const vectorize = (env as { VECTORIZE?: VectorizeIndex }).VECTORIZE;
  return vectorize ? createVectorizeIndex(vectorize) : createD1ExactIndex(env.DB);
}
