import { defineConfig } from "drizzle-kit";

// `npx drizzle-kit generate --name <change>` writes db/migrations/NNNN_<change>.sql (plus meta/,
// drizzle-kit's snapshots, which wrangler ignores: it reads only *.sql). Apply them with
// `wrangler d1 migrations apply DB` (`--local --env local` for the local database); the tests apply
// the same files through readD1Migrations/applyD1Migrations.
export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  strict: true,
  verbose: true,
});
