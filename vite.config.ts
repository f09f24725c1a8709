import { cloudflare } from "@cloudflare/vite-plugin";
import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

// The dashboard build: the Worker (workers/app.ts) with React Router's server build inside it.
// CLOUDFLARE_ENV picks the wrangler environment; `local` (no AI/Vectorize) unless told otherwise.
export default defineConfig({
  plugins: [
    cloudflare({ viteEnvironment: { name: "ssr" }, remoteBindings: false }),
    reactRouter(),
  ],
});
