// Cabinets with the demo seller's data (the WB sandbox) for the AI tests, loaded through the same
// row mappers the sync uses, and a real encrypted WB token on each cabinet.

import { env } from "cloudflare:workers";

import { cabinetMembers, cabinets, feedbacks, products, productSizes, questions, users } from "../../db/schema";
import { createDb } from "../../workers/db/client";
import { wbCardToRows } from "../../workers/domain/wb-rows/cards";
import { wbFeedbackToRow, wbQuestionToRow } from "../../workers/domain/wb-rows/feedbacks";
import { encryptSecret } from "../../workers/security/token-vault";
import { createWbSandbox } from "../../workers/wb/sandbox";
import { makeSandboxToken } from "../../workers/wb/sandbox/tokens";
import { seed } from "./api-helpers";

export const db = createDb(env.DB);
/** 2026-11-24 12:00 Moscow, the sandbox's clock for these tests. */
export const AI_T0 = new Date(Date.UTC(2026, 10, 24, 9, 0, 0));

let nextUser = 900_000_000_000 + Math.floor(Math.random() * 1e9) * 100;

export interface SeededCabinet {
  userId: number;
  cabinetId: string;
  /** The plaintext WB token and its stored ciphertext (neither may ever reach the model). */
  wbToken: string;
  tokenCiphertext: string;
}

export async function cabinetWithToken(name: string): Promise<SeededCabinet> {
  const userId = ++nextUser;
  await db.insert(users).values({ id: userId, firstName: `Продавец ${userId}` });
  const wbToken = makeSandboxToken({ type: "personal", issuedAt: new Date(AI_T0.getTime() - 3_600_000) });
  const sealed = await encryptSecret(env.ENCRYPTION_KEY, wbToken);
  const cabinetId = crypto.randomUUID();
  await db.batch([
    db.insert(cabinets).values({
      id: cabinetId,
      name,
      tokenCiphertext: sealed.ciphertext,
      tokenIv: sealed.iv,
      tokenType: "personal",
      tokenCategories: ["statistics", "content", "feedbacks", "analytics"],
    }),
    db.insert(cabinetMembers).values({ cabinetId, userId, role: "owner" }),
  ]);
  return { userId, cabinetId, wbToken, tokenCiphertext: sealed.ciphertext };
}

/** The demo seller's cards, reviews and questions in `cabinetId`. */
export async function loadDemoTexts(cabinetId: string, seedValue = 20261124): Promise<{ cards: number; feedbacks: number; questions: number }> {
  const sandbox = createWbSandbox({ seed: seedValue, now: () => AI_T0 });
  const cardRows = sandbox.data.cards().map((c) => wbCardToRows(cabinetId, c, AI_T0));
  await seed.products(cardRows.map((r) => r.product));
  await seed.sizes(cardRows.flatMap((r) => r.sizes));
  const fb = (await sandbox.data.feedbacks()).map((f) => wbFeedbackToRow(cabinetId, f, AI_T0));
  await seed.feedbacks(fb);
  const qs = (await sandbox.data.questions()).map((q) => wbQuestionToRow(cabinetId, q, AI_T0));
  await seed.questions(qs);
  return { cards: cardRows.length, feedbacks: fb.length, questions: qs.length };
}

export { feedbacks, products, productSizes, questions };
