// Review reply drafts, automatic answers to 4–5★ reviews, and card texts, on a demo cabinet whose
// answers go to the built-in WB sandbox (in-process, as in production the WB API).

import { env } from "cloudflare:workers";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { aiCardTexts, aiReplyDrafts, aiReplySettings, feedbacks, users } from "../../db/schema";
import { assistantUsage } from "../../workers/ai/assistant";
import { runAutoReplies } from "../../workers/ai/auto-replies";
import { generateCardText } from "../../workers/ai/card-text";
import { draftAnswer, getDraft, getReplySettings, updateReplySettings } from "../../workers/ai/review-drafts";
import { type AuthorizedCabinet, requireCabinetAccess } from "../../workers/cabinets/access";
import { connectDemoCabinetFor } from "../../workers/cabinets/demo-for-user";
import { CARD_DESCRIPTION_MAX, CARD_TITLE_MAX } from "../../workers/domain/ai/card-text-limits";
import { wbCardToRows } from "../../workers/domain/wb-rows/cards";
import { wbFeedbackToRow } from "../../workers/domain/wb-rows/feedbacks";
import { getSandbox } from "../../workers/wb/sandbox-instance";
import { fakeOpenAi, withFakeAi } from "../support/fake-openai";
import { seed } from "./api-helpers";
import { db } from "./ai-helpers";

let auth: AuthorizedCabinet;
let cabinetId: string;
const userId = 880_000_000_000 + Math.floor(Math.random() * 1e6);

beforeAll(async () => {
  await db.insert(users).values({ id: userId, firstName: "Продавец черновиков" });
  const { cabinet } = await connectDemoCabinetFor(db, env, userId, "http://localhost:8787");
  cabinetId = cabinet.id;
  const sandbox = getSandbox(env);
  const now = new Date();
  await seed.products(sandbox.data.cards().slice(0, 20).map((c) => wbCardToRows(cabinetId, c, now).product));
  await seed.feedbacks((await sandbox.data.feedbacks()).map((f) => wbFeedbackToRow(cabinetId, f, now)));
  auth = await requireCabinetAccess(db, userId, cabinetId, "manager");
}, 60_000);

describe("review reply drafts", () => {
  it("drafts in the cabinet's tone with its signature, stores the draft and counts one request", async () => {
    const fake = fakeOpenAi();
    const aiEnv = withFakeAi(env, fake);
    await updateReplySettings(db, auth, { tone: "formal", signature: "С уважением, команда Mirella" }, new Date());
    const [review] = await db.select().from(feedbacks).where(and(eq(feedbacks.cabinetId, cabinetId), eq(feedbacks.isAnswered, false), eq(feedbacks.rating, 2))).limit(1);
    expect(review).toBeDefined();
    const outcome = await draftAnswer(aiEnv, db, auth, "feedback", review?.id ?? "");
    expect(outcome.kind).toBe("drafted");
    if (outcome.kind !== "drafted") return;
    expect(outcome.text.endsWith("\n\nС уважением, команда Mirella")).toBe(true);
    expect(Array.from(outcome.text).length).toBeLessThanOrEqual(1000);
    const [request] = await fake.requests();
    const system = (request?.body.messages as { role: string; content: string }[])[0]?.content ?? "";
    expect(system).toContain("официальный");
    expect(system).toMatch(/без телефонов, мессенджеров, ссылок/);
    expect((await getDraft(db, auth, "feedback", review?.id ?? ""))?.status).toBe("draft");
    expect((await assistantUsage(aiEnv, userId)).used).toBe(1);
  });

  it("does not draft for an answered or unknown review, and asks nothing of the model", async () => {
    const fake = fakeOpenAi();
    const aiEnv = withFakeAi(env, fake);
    const [answered] = await db.select({ id: feedbacks.id }).from(feedbacks).where(and(eq(feedbacks.cabinetId, cabinetId), eq(feedbacks.isAnswered, true))).limit(1);
    expect((await draftAnswer(aiEnv, db, auth, "feedback", answered?.id ?? "")).kind).toBe("already_answered");
    expect((await draftAnswer(aiEnv, db, auth, "feedback", "no-such-review")).kind).toBe("missing");
    expect(await fake.requests()).toEqual([]);
  });
});

describe("automatic answers to 4–5★ reviews", () => {
  it("answers only new 4–5★ reviews, each once, never 1–3★ or the history", { timeout: 90_000 }, async () => {
    const fake = fakeOpenAi();
    const aiEnv = withFakeAi(env, fake);
    expect((await runAutoReplies(aiEnv, db, cabinetId, new Date())).sent).toBe(0); // off by default

    await updateReplySettings(db, auth, { autoSendPositive: true }, new Date());
    expect((await getReplySettings(db, auth)).autoSendPositive).toBe(true);
    // Pretend it was switched on three days ago, so the reviews since then are "new".
    const since = new Date(Date.now() - 3 * 86_400_000);
    await db.update(aiReplySettings).set({ autoSendSince: since }).where(eq(aiReplySettings.cabinetId, cabinetId));
    const eligible = await db
      .select({ n: sql<number>`count(*)` })
      .from(feedbacks)
      .where(and(eq(feedbacks.cabinetId, cabinetId), eq(feedbacks.isAnswered, false), sql`${feedbacks.rating} >= 4`, sql`${feedbacks.createdAt} >= ${since.getTime()}`));
    const expected = eligible[0]?.n ?? 0;
    expect(expected).toBeGreaterThan(5);

    // Two overlapping runs, then runs until nothing is left.
    const [a, b] = await Promise.all([runAutoReplies(aiEnv, db, cabinetId, new Date()), runAutoReplies(aiEnv, db, cabinetId, new Date())]);
    let sent = (a?.sent ?? 0) + (b?.sent ?? 0);
    for (let i = 0; i < 100; i++) {
      const run = await runAutoReplies(aiEnv, db, cabinetId, new Date());
      sent += run.sent;
      if (!run.more) break;
    }
    const answeredByAi = await db.select({ id: feedbacks.id, rating: feedbacks.rating, createdAt: feedbacks.createdAt }).from(feedbacks).where(and(eq(feedbacks.cabinetId, cabinetId), eq(feedbacks.answerSource, "ai")));
    expect(answeredByAi.length).toBe(Math.min(expected, 100));
    expect(sent).toBe(answeredByAi.length);
    expect(answeredByAi.every((r) => r.rating >= 4 && r.createdAt.getTime() >= since.getTime())).toBe(true);
    const drafts = await db.select().from(aiReplyDrafts).where(and(eq(aiReplyDrafts.cabinetId, cabinetId), eq(aiReplyDrafts.status, "auto_sent")));
    expect(drafts).toHaveLength(answeredByAi.length);

    // WB (the sandbox) got exactly one answer per review.
    const inSandbox = (await getSandbox(env).data.feedbacks()).filter((f) => answeredByAi.some((r) => r.id === f.id));
    expect(inSandbox.every((f) => typeof f.answer?.text === "string" && f.answer.text.length > 0)).toBe(true);
    expect((await runAutoReplies(aiEnv, db, cabinetId, new Date())).sent).toBe(0);
    // Automatic answers are the cabinet's, not a user's request.
    const usage = await assistantUsage(aiEnv, userId);
    expect(usage.used).toBeLessThanOrEqual(1);
  });
});

describe("card texts", () => {
  it("writes a title and description within WB's limits from the card's characteristics", async () => {
    const fake = fakeOpenAi();
    const aiEnv = withFakeAi(env, fake);
    const card = getSandbox(env).data.cards()[0];
    const outcome = await generateCardText(aiEnv, db, auth, card?.nmID ?? 0);
    expect(outcome.kind).toBe("generated");
    if (outcome.kind !== "generated") return;
    expect(Array.from(outcome.title).length).toBeLessThanOrEqual(CARD_TITLE_MAX);
    expect(outcome.title.length).toBeGreaterThan(3);
    expect(Array.from(outcome.description).length).toBeLessThanOrEqual(CARD_DESCRIPTION_MAX);
    expect(outcome.description.length).toBeGreaterThan(200);
    const [request] = await fake.requests();
    const userText = JSON.stringify(request?.body.messages);
    for (const c of (card?.characteristics ?? []).slice(0, 2)) expect(userText).toContain(c.name);
    const [stored] = await db.select().from(aiCardTexts).where(and(eq(aiCardTexts.cabinetId, cabinetId), eq(aiCardTexts.nmId, card?.nmID ?? 0)));
    expect(stored?.title).toBe(outcome.title);

    expect((await generateCardText(aiEnv, db, auth, 1)).kind).toBe("missing");
    await fake.script([{ content: "не JSON" }, { content: "и снова не JSON" }]);
    const failed = await generateCardText(aiEnv, db, auth, card?.nmID ?? 0);
    expect(failed).toMatchObject({ kind: "failed", message: expect.stringMatching(/не смог/) });
  });
});
