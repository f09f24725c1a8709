declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    WB_OPENAPI_DIR: string;
    CI: string;
    FAKE_OPENAI_URL: string;
  }
}
