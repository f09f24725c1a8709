// The sandbox with its D1 store: answers and revocations written by one sandbox instance (one
// Worker isolate) are seen by another, as they are across isolates and restarts in the demo.

import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";

import { createWbSandbox, D1SandboxStore, makeSandboxToken, SANDBOX_STORE_SCHEMA_SQL, type Feedback } from "../../workers/wb/sandbox";

const NOW = new Date("2026-11-20T09:30:00Z");
const base = "http://localhost:8787/wb-sandbox/feedbacks-api";

beforeAll(async () => {
  // The lead's migration will own these tables; the test creates them if it has not landed yet.
  await env.DB.batch(SANDBOX_STORE_SCHEMA_SQL.map((sql) => env.DB.prepare(sql)));
});

function sandbox() {
  return createWbSandbox({ seed: "d1", now: () => NOW, store: new D1SandboxStore(env.DB) });
}

const auth = (t = makeSandboxToken({ issuedAt: NOW })) => ({ Authorization: t });

describe("D1SandboxStore", () => {
  it("persists a feedback answer across sandbox instances", async () => {
    const first = sandbox();
    const list = (await (await first.fetch(new Request(`${base}/api/v1/feedbacks?isAnswered=false&take=1&skip=0`, { headers: auth() }))).json()) as { data: { feedbacks: Feedback[] } };
    const target = list.data.feedbacks[0];
    if (!target) throw new Error("no unanswered feedback");
    const answer = await first.fetch(
      new Request(`${base}/api/v1/feedbacks/answer`, { method: "POST", headers: { ...auth(), "Content-Type": "application/json" }, body: JSON.stringify({ id: target.id, text: "Спасибо за отзыв!" }) }),
    );
    expect(answer.status).toBe(204);

    const second = sandbox();
    const answered = (await second.data.feedbacks()).find((f) => f.id === target.id);
    expect(answered?.answer).toEqual({ text: "Спасибо за отзыв!", state: "wbRu", editable: true });
    const row = await env.DB.prepare("SELECT text, answered_at FROM wb_sandbox_answers WHERE kind = 'feedback' AND id = ?1").bind(target.id).first<{ text: string; answered_at: number }>();
    expect(row).toEqual({ text: "Спасибо за отзыв!", answered_at: NOW.getTime() });
  });

  it("persists token revocation", async () => {
    const token = makeSandboxToken({ issuedAt: NOW, id: "d1d1d1d1-0000-4000-8000-000000000001" });
    const sb = sandbox();
    expect((await sb.fetch(new Request(`${base}/api/v1/feedbacks/count-unanswered`, { headers: auth(token) }))).status).toBe(200);
    await new D1SandboxStore(env.DB).revokeToken("d1d1d1d1-0000-4000-8000-000000000001", NOW.getTime());
    const res = await sandbox().fetch(new Request(`${base}/api/v1/feedbacks/count-unanswered`, { headers: auth(token) }));
    expect(res.status).toBe(401);
    expect(await new D1SandboxStore(env.DB).isTokenRevoked("d1d1d1d1-0000-4000-8000-000000000001")).toBe(true);
  });

  it("upserts by (kind, id)", async () => {
    const store = new D1SandboxStore(env.DB);
    await store.saveAnswer({ kind: "question", id: "q1", text: "первый", answeredAt: 1 });
    await store.saveAnswer({ kind: "question", id: "q1", text: "второй", answeredAt: 2 });
    await store.saveAnswer({ kind: "questionViewed", id: "q1", text: "", answeredAt: 3 });
    expect(await store.listAnswers("question")).toEqual([{ kind: "question", id: "q1", text: "второй", answeredAt: 2 }]);
    expect(await store.listAnswers("questionViewed")).toHaveLength(1);
  });
});
