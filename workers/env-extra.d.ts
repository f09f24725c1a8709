// What `wrangler types` cannot see: secrets (set with `wrangler secret put`, or in .dev.vars)
// and optional overrides. Every entry is documented in .dev.vars.example.
interface WbAssistSecrets {
    ENCRYPTION_KEY?: string;
    WB_API_BASE?: string;
    WB_CLIENT_SECRET?: string;
    WB_SANDBOX_FAULT_RATE?: string;
    TELEGRAM_SELLER_BOT_TOKEN?: string;
    TELEGRAM_SELLER_WEBHOOK_SECRET?: string;
    TELEGRAM_API_ROOT?: string;
    OPENAI_BASE_URL?: string;
    OPENAI_API_KEY?: string;
    /** Output size of the embedding model when it can be chosen (OpenAI text-embedding-3-*); default 512. */
    AI_EMBEDDING_DIMENSIONS?: string;
    /** Per-call timeout of the AI provider, ms; default 30000. */
    AI_TIMEOUT_MS?: string;
}

// `Env` (used by our code) and `Cloudflare.Env` (used by `cloudflare:workers`) are both generated.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges into the generated Env
interface Env extends WbAssistSecrets {}

declare namespace Cloudflare {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges into the generated Env
interface Env extends WbAssistSecrets {}
  interface GlobalProps {
    mainModule: typeof import("./app");
    durableNamespaces: "CabinetGate" | "ChatSession" | "SellerBotPoller";
  }
}
