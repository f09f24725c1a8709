import path from "node:path";

import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

import { startFakeOpenAi } from "./test/emulators/fake-openai.ts";

// wrangler warns on every test file that [env.local] lacks AI and Vectorize — on purpose (see
// docs/design.md); keep its log to errors so real problems stand out.
process.env.WRANGLER_LOG ??= "error";

const migrations = await readD1Migrations(path.join(import.meta.dirname, "db/migrations"));

// One fake OpenAI-compatible server on loopback for the whole run (tests use their own namespaces).
const fakeOpenAi = await startFakeOpenAi();
process.env.FAKE_OPENAI_URL = fakeOpenAi.url;

// Two projects: `workers` runs inside workerd with real local D1, Durable Objects and Queues
// (unit tests of pure logic run there too); `node` drives the production build from outside,
// as a browser, Telegram or a load generator would.
export default defineConfig({
  test: {
    reporters: ["default", "./test/support/summary-reporter.ts"],
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml", environment: "local" },
            remoteBindings: false,
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: migrations,
                ENCRYPTION_KEY: "dGVzdC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcy1vayE=",
                WB_OPENAPI_DIR: process.env.WB_OPENAPI_DIR ?? path.join(import.meta.dirname, "../shared/wb-openapi"),
                CI: process.env.CI ?? "",
                FAKE_OPENAI_URL: fakeOpenAi.url,
              },
            },
          }),
        ],
        resolve: {
          // The React Router server build only exists in the production bundle (tested by `node`).
          alias: { "virtual:react-router/server-build": path.join(import.meta.dirname, "test/support/no-server-build.ts") },
        },
        test: {
          name: "workers",
          include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
          setupFiles: ["./test/support/apply-migrations.ts"],
        },
      },
      {
        test: {
          name: "node",
          environment: "node",
          include: ["test/e2e/**/*.test.ts", "test/spec/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // Files that start the platform each run `react-router build` into the one build/ folder
          // that wrangler dev serves; in parallel they would overwrite each other's build.
          fileParallelism: false,
        },
      },
    ],
  },
});
