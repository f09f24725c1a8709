import { isbot } from "isbot";
import { renderToReadableStream } from "react-dom/server";
import type { AppLoadContext, EntryContext } from "react-router";
import { ServerRouter } from "react-router";

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  let shellRendered = false;
  const body = await renderToReadableStream(<ServerRouter context={routerContext} url={request.url} />, {
    onError(error: unknown) {
      responseStatusCode = 500;
      // Errors after the shell streamed are only visible in logs.
      if (shellRendered) console.error(error);
    },
  });
  shellRendered = true;

  // Crawlers and SSR benchmarks get the complete document, browsers get a stream.
  if (isbot(request.headers.get("user-agent") || "")) await body.allReady;

  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  // Pages show one seller's data: never cached by shared caches, never framed except by
  // Telegram Web (which shows Mini Apps in an iframe), never sniffed, no URLs leaked in Referer.
  if (!responseHeaders.has("Cache-Control")) responseHeaders.set("Cache-Control", "private, no-store");
  responseHeaders.set("Content-Security-Policy", "frame-ancestors 'self' https://web.telegram.org");
  responseHeaders.set("X-Content-Type-Options", "nosniff");
  if (!responseHeaders.has("Referrer-Policy")) responseHeaders.set("Referrer-Policy", "same-origin");
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}
