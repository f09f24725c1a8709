// Access to the fake OpenAI-compatible server (test/emulators/fake-openai.ts) from tests inside
// workerd: vitest starts it once and passes its URL as the FAKE_OPENAI_URL binding. Each caller
// gets its own namespace, so recorded requests and scripts of parallel test files never mix.

import { env } from "cloudflare:test";

import type { RecordedRequest, Scripted } from "../emulators/fake-openai";

export type { RecordedRequest, Scripted };

export const FAKE_OPENAI_KEY = "sk-fake-test-key";

export interface FakeAi {
  /** The variables that point the Worker's provider at this namespace. */
  env: { OPENAI_BASE_URL: string; OPENAI_API_KEY: string };
  script(responses: Scripted[]): Promise<void>;
  requests(): Promise<RecordedRequest[]>;
  reset(): Promise<void>;
}

export function fakeOpenAi(namespace = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`): FakeAi {
  const base = `${env.FAKE_OPENAI_URL}/ns/${encodeURIComponent(namespace)}`;
  const control = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${base}/__control/${path}`, init);
    if (!res.ok) throw new Error(`fake OpenAI control ${path}: ${res.status}`);
    return res.json();
  };
  return {
    env: { OPENAI_BASE_URL: `${base}/v1`, OPENAI_API_KEY: FAKE_OPENAI_KEY },
    script: async (responses) => {
      await control("script", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ responses }) });
    },
    requests: async () => (await control("requests")) as RecordedRequest[],
    reset: async () => {
      await control("reset", { method: "POST" });
    },
  };
}

/** `env` with the AI provider pointed at `fake` (other bindings unchanged). */
export function withFakeAi(base: Env, fake: FakeAi, extra: Partial<Record<keyof Env, string>> = {}): Env {
  return { ...base, ...fake.env, ...extra } as Env;
}
