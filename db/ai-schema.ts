// AI assistant tables in D1 (re-exported from schema.ts). Chat history and the daily request quota
// live in the ChatSession Durable Object, not here; D1 holds what other parts of the product read:
// RAG chunks (and, without Vectorize, their embeddings), reply settings and drafts, card texts.
//
// References to users/cabinets are lazy closures: schema.ts re-exports this file (see bot-schema.ts).

import { sql } from "drizzle-orm";
import { type AnySQLiteColumn, blob, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { cabinets, users } from "./schema";

const nowMs = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/** What a RAG chunk was made from. `kb` = the project's WB seller knowledge base (no cabinet). */
export const AI_CHUNK_KINDS = ["card", "feedback", "question", "kb"] as const;
export type AiChunkKind = (typeof AI_CHUNK_KINDS)[number];

/** The scope of knowledge-base chunks (every other chunk's scope is its cabinet id). */
export const KNOWLEDGE_BASE_SCOPE = "kb";

/**
 * RAG chunks: the text the model may be shown, one row per chunk. `id` is the vector id (also in
 * Vectorize): a short hash of scope and key, because Vectorize ids are at most 64 bytes.
 * `scope` is the cabinet id or "kb"; every query filters by it, so a cabinet's retrieval can only
 * ever see its own chunks and the knowledge base. `cabinet_id` repeats the scope for cabinets (NULL
 * for kb) so deleting a cabinet deletes its chunks.
 * `embedding` is used by the D1 exact index only (Float32 little-endian); with Vectorize it stays NULL.
 * `indexed_at` NULL = the text changed (or is new) and must be embedded again.
 */
export const aiChunks = sqliteTable(
  "ai_chunks",
  {
    id: text("id").primaryKey(),
    scope: text("scope").notNull(),
    cabinetId: text("cabinet_id").references((): AnySQLiteColumn => cabinets.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: AI_CHUNK_KINDS }).notNull(),
    /** The chunk's key inside its scope, e.g. `card:12345`, `feedback:<wb id>`, `kb:returns:0`. */
    key: text("key").notNull(),
    /** nmID of the card it is about, when it is about one. */
    nmId: integer("nm_id"),
    text: text("text").notNull(),
    /** SHA-256 (hex, first 32) of `text`: unchanged text is never embedded twice. */
    contentHash: text("content_hash").notNull(),
    embedding: blob("embedding", { mode: "buffer" }),
    /** The embedding model that made the vector; another model means re-embedding. */
    embeddingModel: text("embedding_model"),
    indexedAt: integer("indexed_at", { mode: "timestamp_ms" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [index("ai_chunks_scope_key_idx").on(t.scope, t.key), index("ai_chunks_scope_indexed_idx").on(t.scope, t.indexedAt)],
);

export const AI_REPLY_TONES = ["friendly", "formal", "brief"] as const;
export type AiReplyTone = (typeof AI_REPLY_TONES)[number];

/** Per cabinet: how AI drafts of review answers sound, and whether 4–5★ answers go out on their own. */
export const aiReplySettings = sqliteTable("ai_reply_settings", {
  cabinetId: text("cabinet_id")
    .primaryKey()
    .references((): AnySQLiteColumn => cabinets.id, { onDelete: "cascade" }),
  tone: text("tone", { enum: AI_REPLY_TONES }).notNull().default("friendly"),
  /** Appended to every draft, e.g. «С уважением, команда бренда». */
  signature: text("signature"),
  /** 4–5★ reviews are answered without approval. 1–3★ are always drafts, whatever this says. */
  autoSendPositive: integer("auto_send_positive", { mode: "boolean" }).notNull().default(false),
  /** When auto-send was switched on: only reviews written after it are auto-answered (never history). */
  autoSendSince: integer("auto_send_since", { mode: "timestamp_ms" }),
  updatedBy: integer("updated_by").references((): AnySQLiteColumn => users.id, { onDelete: "set null" }),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
});

export const AI_DRAFT_TARGETS = ["feedback", "question"] as const;
export type AiDraftTarget = (typeof AI_DRAFT_TARGETS)[number];

/** draft: waits for the seller; sent: approved and sent; auto_sent: sent without approval (4–5★); failed: WB refused. */
export const AI_DRAFT_STATUSES = ["draft", "sent", "auto_sent", "failed"] as const;
export type AiDraftStatus = (typeof AI_DRAFT_STATUSES)[number];

/** The latest AI draft of an answer to one review or question (a new draft replaces the old one). */
export const aiReplyDrafts = sqliteTable(
  "ai_reply_drafts",
  {
    cabinetId: text("cabinet_id")
      .notNull()
      .references((): AnySQLiteColumn => cabinets.id, { onDelete: "cascade" }),
    targetKind: text("target_kind", { enum: AI_DRAFT_TARGETS }).notNull(),
    targetId: text("target_id").notNull(),
    text: text("text").notNull(),
    status: text("status", { enum: AI_DRAFT_STATUSES }).notNull().default("draft"),
    /** NULL for automatic drafts. */
    createdBy: integer("created_by").references((): AnySQLiteColumn => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    /** Why sending failed (Russian, for the seller). */
    error: text("error"),
  },
  (t) => [primaryKey({ columns: [t.cabinetId, t.targetKind, t.targetId] }), index("ai_reply_drafts_status_idx").on(t.cabinetId, t.status, t.createdAt)],
);

/** The latest generated title and description per card, for the seller to copy. */
export const aiCardTexts = sqliteTable(
  "ai_card_texts",
  {
    cabinetId: text("cabinet_id")
      .notNull()
      .references((): AnySQLiteColumn => cabinets.id, { onDelete: "cascade" }),
    nmId: integer("nm_id").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    createdBy: integer("created_by").references((): AnySQLiteColumn => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [primaryKey({ columns: [t.cabinetId, t.nmId] })],
);

export type AiChunk = typeof aiChunks.$inferSelect;
export type NewAiChunk = typeof aiChunks.$inferInsert;
export type AiReplySettings = typeof aiReplySettings.$inferSelect;
export type AiReplyDraft = typeof aiReplyDrafts.$inferSelect;
export type AiCardText = typeof aiCardTexts.$inferSelect;
