// The sandbox's only mutable state: answers sent through the API (feedback answers, question
// answers/rejections, "viewed" marks) and revoked token ids. Everything else is generated.
// MemorySandboxStore serves tests and single-process use; D1SandboxStore keeps answers across
// Worker isolates and restarts in the demo.

export type SandboxAnswerKind = "feedback" | "question" | "questionRejected" | "questionViewed";

export interface SandboxAnswer {
  kind: SandboxAnswerKind;
  /** Feedback or question id. */
  id: string;
  /** Answer text ("" for a viewed mark). */
  text: string;
  /** Unix milliseconds, sandbox clock. */
  answeredAt: number;
}

export interface SandboxStore {
  /** Inserts or replaces the answer of (kind, id). */
  saveAnswer(answer: SandboxAnswer): Promise<void>;
  listAnswers(kind: SandboxAnswerKind): Promise<SandboxAnswer[]>;
  revokeToken(tokenId: string, revokedAt: number): Promise<void>;
  isTokenRevoked(tokenId: string): Promise<boolean>;
}

/** DDL for D1SandboxStore, for the migration and for tests that create the tables themselves. */
export const SANDBOX_STORE_SCHEMA_SQL = [
  "CREATE TABLE IF NOT EXISTS wb_sandbox_answers (kind TEXT NOT NULL, id TEXT NOT NULL, text TEXT NOT NULL, answered_at INTEGER NOT NULL, PRIMARY KEY (kind, id))",
  "CREATE TABLE IF NOT EXISTS wb_sandbox_revoked_tokens (token_id TEXT PRIMARY KEY, revoked_at INTEGER NOT NULL)",
] as const;

export class MemorySandboxStore implements SandboxStore {
  private readonly answers = new Map<string, SandboxAnswer>();
  private readonly revoked = new Map<string, number>();

  async saveAnswer(answer: SandboxAnswer): Promise<void> {
    this.answers.set(`${answer.kind}\u0000${answer.id}`, { ...answer });
  }

  async listAnswers(kind: SandboxAnswerKind): Promise<SandboxAnswer[]> {
    return [...this.answers.values()].filter((a) => a.kind === kind).map((a) => ({ ...a }));
  }

  async revokeToken(tokenId: string, revokedAt: number): Promise<void> {
    this.revoked.set(tokenId, revokedAt);
  }

  async isTokenRevoked(tokenId: string): Promise<boolean> {
    return this.revoked.has(tokenId);
  }
}

interface AnswerRecord {
  kind: string;
  id: string;
  text: string;
  answered_at: number;
}

export class D1SandboxStore implements SandboxStore {
  constructor(private readonly db: D1Database) {}

  async saveAnswer(answer: SandboxAnswer): Promise<void> {
    await this.db
      .prepare(
        "INSERT INTO wb_sandbox_answers (kind, id, text, answered_at) VALUES (?1, ?2, ?3, ?4) " +
          "ON CONFLICT (kind, id) DO UPDATE SET text = excluded.text, answered_at = excluded.answered_at",
      )
      .bind(answer.kind, answer.id, answer.text, answer.answeredAt)
      .run();
  }

  async listAnswers(kind: SandboxAnswerKind): Promise<SandboxAnswer[]> {
    const { results } = await this.db
      .prepare("SELECT kind, id, text, answered_at FROM wb_sandbox_answers WHERE kind = ?1")
      .bind(kind)
      .all<AnswerRecord>();
    return results.map((r) => ({ kind, id: r.id, text: r.text, answeredAt: r.answered_at }));
  }

  async revokeToken(tokenId: string, revokedAt: number): Promise<void> {
    await this.db
      .prepare("INSERT INTO wb_sandbox_revoked_tokens (token_id, revoked_at) VALUES (?1, ?2) ON CONFLICT (token_id) DO NOTHING")
      .bind(tokenId, revokedAt)
      .run();
  }

  async isTokenRevoked(tokenId: string): Promise<boolean> {
    const row = await this.db.prepare("SELECT 1 AS revoked FROM wb_sandbox_revoked_tokens WHERE token_id = ?1").bind(tokenId).first<{ revoked: number }>();
    return row !== null;
  }
}
