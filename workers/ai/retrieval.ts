// Retrieval for the assistant: the question's nearest chunks among the cabinet's own and the
// knowledge base — never another cabinet's, whatever the index returns (scopes are filtered in
// the index query and checked again when the rows are read).

import { and, inArray } from "drizzle-orm";

import { type AiChunkKind, KNOWLEDGE_BASE_SCOPE, aiChunks } from "../../db/schema";
import type { Db } from "../db/client";
import type { AiProvider, VectorIndex } from "./types";
import { vectorIndexFor } from "./vector-index";

export interface RetrievedChunk {
  id: string;
  kind: AiChunkKind;
  key: string;
  nmId: number | null;
  text: string;
  score: number;
}

export async function retrieveChunks(
  env: Env,
  db: Db,
  provider: AiProvider,
  cabinetId: string,
  question: string,
  topK = 5,
  index: VectorIndex = vectorIndexFor(env),
): Promise<RetrievedChunk[]> {
  const [vector] = await provider.embed([question]);
  if (!vector) return [];
  const scopes = [cabinetId, KNOWLEDGE_BASE_SCOPE];
  const matches = await index.query(vector, { scopes, topK });
  if (matches.length === 0) return [];
  const rows = await db
    .select({ id: aiChunks.id, kind: aiChunks.kind, key: aiChunks.key, nmId: aiChunks.nmId, text: aiChunks.text })
    .from(aiChunks)
    .where(and(inArray(aiChunks.scope, scopes), inArray(aiChunks.id, matches.map((m) => m.id))));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return matches.flatMap((m) => {
    const row = byId.get(m.id);
    return row ? [{ ...row, score: m.score }] : [];
  });
}
