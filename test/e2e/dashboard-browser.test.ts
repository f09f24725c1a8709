// The dashboard in a real browser (Debian's Chromium via playwright-core) against the platform as
// `npm start` runs it: sign-in with the one-time link, the overview equal to the REST API, every
// chart drawn, a review reply that reaches the WB sandbox, a viewer who cannot reply, the Telegram
// Mini App sign-in (forged initData refused), sign-out — and a screenshot of every page in
// test-results/dashboard/.
//
// The viewer is made by POST /api/dev/demo/members (exists only with WB_SANDBOX=1, like
// /api/dev/demo): a fresh user with a role in the demo cabinet and a login link for them.

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { signInitData } from "../../workers/auth/telegram-init-data";
import { formatRub } from "../../workers/domain/money";
import { SANDBOX_DEMO_TOKEN } from "../../workers/wb/sandbox/tokens";
import {
  type Platform,
  TEST_BOT_TOKEN,
  api,
  browserAvailability,
  launchChromium,
  newContext,
  pick,
  screenshot,
  startPlatform,
  waitFor,
} from "./dashboard-support";

const availability = browserAvailability();

describe.skipIf(!availability.run)(`dashboard in Chromium${availability.run ? "" : ` (skipped: ${availability.reason})`}`, () => {
  let platform: Platform;
  let browser: Browser;
  let cabinetId = "";
  let owner: BrowserContext;
  let page: Page;
  /** Uncaught exceptions and console errors (hydration mismatches included) on the owner's pages. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    platform = await startPlatform({ fakeAi: true });
    const cabinets = await api(platform, "/cabinets");
    cabinetId = cabinets.cabinets.find((c: { isDemo: boolean }) => c.isDemo).id;
    // The demo's first sync: orders and sales history under way, reviews loaded.
    await waitFor("the demo's first sync", 150_000, async () => {
      const sync = await api(platform, `/cabinets/${cabinetId}/sync`);
      const ds = (name: string) => sync.datasets.find((d: { dataset: string }) => d.dataset === name);
      return ds("orders")?.backfill.progress > 0 && ds("sales")?.backfill.progress > 0 && ds("feedbacks")?.lastSuccessAt !== null;
    });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  }, 60_000);

  const url = (p = "") => `${platform.origin}/c/${cabinetId}${p}`;

  it("signs in with the one-time login link, which works once only", async () => {
    owner = await newContext(browser);
    page = await owner.newPage();
    page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(`console at ${page.url()}: ${message.text()}`);
    });
    await page.goto(platform.loginUrl);
    expect(await page.textContent("[data-testid=login-link-page]")).toMatch(/Вы входите как\s*Демо-продавец/);
    expect(await page.getAttribute("[data-testid=login-link-page]", "data-link-status")).toBe("valid");
    await screenshot(page, "login-link");
    await Promise.all([page.waitForURL(`**/c/${cabinetId}`), page.click("[data-testid=login-confirm]")]);

    const cookies = await owner.cookies();
    const session = cookies.find((c) => c.name === "wba_session");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    expect(session?.secure).toBe(false); // http://localhost; Secure is set over https (integration tests)

    // The same link in another browser: refused, and no session.
    const other = await newContext(browser);
    const again = await other.newPage();
    const response = await again.goto(platform.loginUrl);
    expect(response?.status()).toBe(410);
    expect(await again.getAttribute("[data-testid=login-link-page]", "data-link-status")).toBe("used");
    expect(await again.textContent("[data-testid=login-link-error]")).toMatch(/уже использована/);
    expect(await again.locator("[data-testid=login-confirm]").count()).toBe(0);
    await screenshot(again, "login-link-used");
    expect((await other.cookies()).some((c) => c.name === "wba_session")).toBe(false);
    // Without a session the dashboard sends you to sign in.
    await again.goto(url("/orders"));
    expect(new URL(again.url()).pathname).toBe("/login");
    await screenshot(again, "login");
    await other.close();
  });

  it("shows on the overview exactly the figures the REST API gives", async () => {
    // New orders keep arriving in the sandbox: compare with the API just before and just after the
    // page; each figure must equal one of the two (and the whole check is retried if the data moved).
    let compared = 0;
    let mismatches: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = await api(platform, `/cabinets/${cabinetId}/summary`);
      await page.goto(url());
      const figures = await page.$$eval("[data-figure]", (els) => els.map((e) => ({ name: e.getAttribute("data-figure") ?? "", value: e.getAttribute("data-value") ?? "" })));
      const after = await api(platform, `/cabinets/${cabinetId}/summary`);
      mismatches = [];
      compared = 0;
      for (const f of figures) {
        const expectedBefore = pick(before, f.name);
        if (expectedBefore === undefined) continue; // a figure the API does not have (buyout)
        compared++;
        const shown = f.value === "null" ? null : Number(f.value);
        const ok = [expectedBefore, pick(after, f.name)].some((v) => v === shown);
        if (!ok) mismatches.push(`${f.name}: page ${f.value}, API ${JSON.stringify(expectedBefore)} / ${JSON.stringify(pick(after, f.name))}`);
      }
      if (mismatches.length === 0) break;
    }
    expect(mismatches).toEqual([]);
    // 4 periods × (count, sum, 2 growths) + stocks 4 + reviews 3 + products 2.
    expect(compared).toBeGreaterThanOrEqual(25);
    // The text is formatted ru-RU: «1 554» with a no-break space, «₽».
    const todaySum = await page.textContent("[data-figure='orders.today.sum.kopecks']");
    expect(todaySum).toMatch(/^\d{1,3}(\u00a0\d{3})*\u00a0₽$/);
    expect(await page.locator("[data-testid=freshness-reviews]").textContent()).toMatch(/обновлено/);
  });

  it("draws every chart as an SVG with data", async () => {
    for (const [pathname, name] of [
      ["", "overview"],
      ["/analytics", "analytics"],
    ] as const) {
      await page.goto(url(pathname));
      const charts = page.locator("[data-chart]");
      const count = await charts.count();
      expect(count).toBeGreaterThanOrEqual(2);
      for (let i = 0; i < count; i++) {
        const chart = charts.nth(i);
        const id = await chart.getAttribute("data-chart");
        expect(await chart.getAttribute("data-empty"), `chart ${id} has data`).toBeNull();
        await chart.locator("svg.recharts-surface").first().waitFor({ timeout: 20_000 });
        const shapes = await chart.locator(".recharts-bar-rectangle path, .recharts-area-area, .recharts-line-curve").count();
        expect(shapes, `chart ${id} draws its data`).toBeGreaterThan(0);
        expect(Number(await chart.getAttribute("data-points"))).toBeGreaterThan(0);
      }
      await screenshot(page, name, true);
    }
  });

  it("shows the ABC/XYZ matrix, the forecast chart with a SKU picker, and unit economics with inline cost prices", async () => {
    // The financial report is its own dataset: wait until unit economics has rows.
    const ue = await waitFor("the demo's financial report", 150_000, async () => {
      const r = await api(platform, `/cabinets/${cabinetId}/analytics/unit-economics`);
      return r.items?.length > 0 ? r : null;
    });
    // The matrix equals the API's; the demo's history is still loading, so compare on a page load
    // the API gave the same answer before and after.
    const matrix = page.locator("[data-testid=abc-matrix]");
    const apiCounts = async () =>
      JSON.stringify(
        Object.fromEntries(
          ((await api(platform, `/cabinets/${cabinetId}/analytics/abc-xyz`)).matrix as { cell: string; count: number }[]).map((m) => [m.cell, m.count]),
        ),
      );
    let compared = false;
    for (let attempt = 0; attempt < 5 && !compared; attempt++) {
      const before = await apiCounts();
      await page.goto(url("/analytics"));
      await matrix.waitFor();
      const counts = await matrix
        .locator("td[data-cell]")
        .evaluateAll((tds) => tds.map((td) => [td.getAttribute("data-cell"), Number(td.getAttribute("data-count"))]));
      expect(counts).toHaveLength(9);
      expect(counts.reduce((n, [, c]) => n + Number(c), 0)).toBeGreaterThan(0);
      if ((await apiCounts()) !== before) continue;
      const expected = JSON.parse(before) as Record<string, number>;
      for (const [cell, count] of counts) expect(count, `cell ${cell}`).toBe(expected[cell as string]);
      compared = true;
    }
    expect(compared, "the matrix was compared with the API's").toBe(true);

    const chart = page.locator("[data-chart=forecast]");
    expect(await chart.getAttribute("data-empty")).toBeNull();
    await chart.locator("svg.recharts-surface").first().waitFor({ timeout: 20_000 });
    expect(await chart.locator(".recharts-area-area").count(), "the 80 % band").toBeGreaterThan(0);
    expect(await chart.locator(".recharts-line-curve").count(), "history and forecast lines").toBeGreaterThanOrEqual(2);
    expect(Number(await chart.getAttribute("data-points"))).toBeGreaterThan(14);

    // One card's forecast through the picker.
    const firstSku = await page.locator("[data-testid=forecast-picker] select[name=sku] option").nth(1).getAttribute("value");
    await page.selectOption("[data-testid=forecast-picker] select[name=sku]", firstSku ?? "");
    await Promise.all([page.waitForURL(new RegExp(`sku=${firstSku}`)), page.click("[data-testid=forecast-picker] button[type=submit]")]);
    await page.locator("[data-chart=forecast] svg.recharts-surface, [data-chart=forecast][data-empty]").first().waitFor({ timeout: 20_000 });
    await page.goto(url("/analytics?ue=all"));

    // A cost price typed into the unit-economics table is stored and changes the row.
    const nmId = (ue.items as { nmId: number; costPrice: unknown }[]).find((i) => i.costPrice === null)?.nmId ?? ue.items[0].nmId;
    const row = page.locator(`[data-testid=unit-economics] tbody tr[data-nm="${nmId}"]`);
    await row.locator("input[name=cost]").fill("312,40");
    await row.locator("button[type=submit]").click();
    await page.waitForFunction(
      (nm) => document.querySelector(`[data-testid=unit-economics] tbody tr[data-nm="${nm}"]`)?.hasAttribute("data-missing-cost") === false,
      nmId,
      { timeout: 15_000 },
    );
    const after = await api(platform, `/cabinets/${cabinetId}/analytics/unit-economics`);
    const apiRow = after.items.find((i: { nmId: number }) => i.nmId === nmId);
    expect(apiRow.costPrice.kopecks).toBe(31_240);
    expect(await row.locator("input[name=cost]").inputValue()).toBe("312,40");
    // The dashboard shows whole roubles (formatRub), the API the exact kopecks.
    if (apiRow.profit !== null) expect(await row.locator("[data-testid=ue-profit]").textContent()).toBe(formatRub(apiRow.profit.kopecks));
    await page.goto(url("/analytics"));
    await page.locator("[data-chart=forecast] svg.recharts-surface").first().waitFor({ timeout: 20_000 });
    await screenshot(page, "analytics-matrix-forecast-unit-economics", true);
  }, 240_000);

  it("sends a reply to a review to WB (the sandbox) and then shows it answered", async () => {
    await page.goto(url("/reviews"));
    const card = page.locator("[data-testid=review-card][data-answered='0']").first();
    const id = await card.getAttribute("data-id");
    expect(id).toBeTruthy();
    const reviews = await api(platform, `/cabinets/${cabinetId}/reviews?answered=false&limit=200`);
    const review = reviews.items.find((r: { id: string }) => r.id === id);
    expect(review).toBeDefined();

    const text = `Спасибо за отзыв! Рады, что вещь понравилась. (e2e ${Date.now()})`;
    await card.locator("[data-testid=reply-open]").click();
    await card.locator("textarea[name=text]").fill(text);
    await card.locator("[data-testid=reply-send]").click();
    const result = card.locator("[data-testid=answer-result]");
    await result.waitFor({ timeout: 20_000 });
    expect(await result.textContent()).toMatch(/Ответ опубликован на WB/);
    await screenshot(page, "reviews");

    // WB (the sandbox) has it: the feedback is answered there, with our text.
    const sandbox = await fetch(`${platform.origin}/wb-sandbox/feedbacks-api/api/v1/feedbacks?isAnswered=true&take=100&skip=0&nmId=${review.nmId}`, {
      headers: { Authorization: SANDBOX_DEMO_TOKEN },
    });
    expect(sandbox.status).toBe(200);
    const wb = (await sandbox.json()) as { data: { feedbacks: { id: string; answer: { text: string } | null }[] } };
    expect(wb.data.feedbacks.find((f) => f.id === id)?.answer?.text).toBe(text);

    // And the dashboard lists it as answered, from the dashboard.
    await page.goto(url("/reviews?answered=yes"));
    const answered = page.locator(`[data-testid=review-card][data-id='${id}']`);
    await answered.waitFor();
    expect(await answered.getAttribute("data-answered")).toBe("1");
    expect(await answered.locator("[data-testid=answer-existing]").textContent()).toContain(text);
    expect(await answered.locator("[data-testid=answer-existing]").textContent()).toMatch(/из дашборда/);
    const viaApi = await api(platform, `/cabinets/${cabinetId}/reviews?answered=true&limit=200`);
    expect(viaApi.items.find((r: { id: string }) => r.id === id)?.answer).toMatchObject({ text, source: "dashboard" });
  });

  it("does not let a viewer reply, in the page or by posting the form directly", async () => {
    const member = await api(platform, "/dev/demo/members", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ role: "viewer" }) });
    const viewer = await newContext(browser);
    const vp = await viewer.newPage();
    await vp.goto(member.loginUrl);
    await Promise.all([vp.waitForURL(`**/c/${cabinetId}`), vp.click("[data-testid=login-confirm]")]);
    await vp.goto(url("/reviews"));
    const card = vp.locator("[data-testid=review-card][data-answered='0']").first();
    const id = await card.getAttribute("data-id");
    expect(await vp.locator("[data-testid=reply-form]").count()).toBe(0);
    expect(await card.locator("[data-testid=reply-forbidden]").textContent()).toMatch(/наблюдател/);
    await screenshot(vp, "reviews-viewer");

    // The form the page does not offer, posted anyway with the viewer's own valid CSRF token.
    const csrf = await vp.getAttribute("form[action='/logout'] input[name=_csrf]", "value");
    expect(csrf).toBeTruthy();
    const status = await vp.evaluate(
      async ({ id, csrf }) => {
        const res = await fetch(window.location.pathname, {
          method: "POST",
          body: new URLSearchParams({ _csrf: csrf, intent: "answer", kind: "feedback", id, text: "Ответ от наблюдателя" }),
        });
        return res.status;
      },
      { id: id ?? "", csrf: csrf ?? "" },
    );
    expect(status).toBe(403);
    const still = await api(platform, `/cabinets/${cabinetId}/reviews?answered=false&limit=200`);
    expect(still.items.some((r: { id: string }) => r.id === id)).toBe(true);

    // Sync-now is refused for a viewer too; the page does not offer it.
    await vp.goto(url("/sync"));
    expect(await vp.locator("[data-testid=sync-now]").count()).toBe(0);
    await viewer.close();
  });

  it("refuses a forged Telegram Mini App initData and accepts a genuine one", async () => {
    const theme = { bg_color: "#17212b", secondary_bg_color: "#0e1621", text_color: "#f5f5f5", hint_color: "#708499", link_color: "#6ab3f3", button_color: "#5288c1", button_text_color: "#ffffff" };
    const launchUrl = (initData: string) =>
      `${platform.origin}/#tgWebAppData=${encodeURIComponent(initData)}&tgWebAppVersion=8.0&tgWebAppPlatform=android&tgWebAppThemeParams=${encodeURIComponent(JSON.stringify(theme))}`;
    const authDate = String(Math.floor(Date.now() / 1000));
    const demoUser = JSON.stringify({ id: 1, first_name: "Демо-продавец", username: "demo", language_code: "ru" });

    // Forged: signed with another bot's token (what an attacker without ours can do).
    const forged = await signInitData({ user: demoUser, auth_date: authDate, query_id: "AAE1" }, "123:not-our-bot");
    const tg = await newContext(browser, { width: 390, height: 844 });
    const fp = await tg.newPage();
    await fp.goto(launchUrl(forged));
    await fp.locator("[data-testid=tg-signin-error]").waitFor({ timeout: 15_000 });
    expect(await fp.textContent("[data-testid=tg-signin-error]")).toMatch(/Telegram не подтвердил вход/);
    expect(new URL(fp.url()).pathname).toBe("/login");
    expect((await tg.cookies()).some((c) => c.name === "wba_session")).toBe(false);
    await screenshot(fp, "miniapp-forged");
    // The same refusal without a browser in between.
    const direct = await fetch(`${platform.origin}/auth/telegram`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: platform.origin },
      body: JSON.stringify({ initData: forged }),
    });
    expect(direct.status).toBe(401);
    expect(direct.headers.get("set-cookie")).toBeNull();

    // Genuine: signed with the bot token the Worker has → straight into the cabinet, in Telegram's theme.
    const genuine = await signInitData({ user: demoUser, auth_date: authDate, query_id: "AAE2" }, TEST_BOT_TOKEN);
    const gp = await tg.newPage();
    await gp.goto(launchUrl(genuine));
    await gp.waitForURL(`**/c/${cabinetId}`, { timeout: 15_000 });
    expect(await gp.getAttribute("html", "data-tg")).toBe("1");
    expect(await gp.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--tg-theme-bg-color").trim())).toBe("#17212b");
    await gp.locator("[data-chart] svg.recharts-surface").first().waitFor({ timeout: 20_000 });
    await screenshot(gp, "miniapp-overview", true);
    await gp.goto(url("/reviews"));
    await screenshot(gp, "miniapp-reviews");
    await tg.close();

    // A Telegram user the Worker has never seen: signed in, then offered to connect a cabinet.
    const newcomer = await newContext(browser, { width: 390, height: 844 });
    const np = await newcomer.newPage();
    const stranger = JSON.stringify({ id: 9_200_000_000 + Math.floor(Math.random() * 1e6), first_name: "Ольга", language_code: "ru" });
    await np.goto(launchUrl(await signInitData({ user: stranger, auth_date: authDate }, TEST_BOT_TOKEN)));
    await np.getByText("У вас пока нет подключённых кабинетов").waitFor({ timeout: 15_000 });
    expect(await np.textContent("h1")).toContain("Ольга");
    await screenshot(np, "onboarding", true);
    await Promise.all([np.waitForURL(/\/c\/[0-9a-f-]{36}$/, { timeout: 30_000 }), np.click("button:has-text('Подключить демо-кабинет')")]);
    expect(await np.textContent(".switcher-name")).toBe("Демо-магазин одежды");
    await newcomer.close();
  });

  it("lists, filters and exports orders; shows stocks, sync and settings", async () => {
    await page.goto(url("/orders"));
    const rows = page.locator("[data-testid=orders-table] tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    await screenshot(page, "orders");
    await page.selectOption("select[name=status]", "cancelled");
    await Promise.all([page.waitForURL(/status=cancelled/), page.click("form[role=search] button[type=submit]")]);
    // The URL changes as the navigation commits; the rows follow on the next render.
    await page.waitForFunction(() => document.querySelector("select[name=status]") && document.querySelectorAll("[data-testid=orders-table] tbody tr:not([data-cancelled])").length === 0, null, { timeout: 10_000 });
    expect(await page.locator("[data-testid=orders-table] tbody tr[data-cancelled]").count()).toBeGreaterThan(0);

    const csv = await page.request.get(url("/orders.csv?status=cancelled"));
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel reads it as UTF-8
    const lines = bytes.subarray(3).toString("utf8").trim().split("\r\n");
    expect(lines[0]).toMatch(/^Время заказа \(МСК\);Номер заказа \(srid\);/);
    expect(lines.slice(1).every((l) => l.includes(";отменён;"))).toBe(true);

    await page.goto(url("/stocks?status=critical"));
    await screenshot(page, "stocks-critical");
    await page.goto(url("/stocks"));
    expect(await page.locator("[data-testid=stocks-table] tbody tr").count()).toBeGreaterThan(0);
    await screenshot(page, "stocks");

    await page.goto(url("/sync"));
    expect(await page.locator("[data-dataset]").count()).toBe(8);
    await page.click("[data-testid=sync-now]");
    await page.locator("[data-testid=sync-result]").waitFor();
    await screenshot(page, "sync", true);

    await page.goto(url("/settings"));
    await page.fill("#tokens input[name=name]", "e2e");
    await page.click("button[value=create_token]");
    const secret = await page.locator("[data-testid=secret-value]").inputValue();
    expect(secret).toMatch(/^wba_/);
    const me = await fetch(`${platform.origin}/api/cabinets`, { headers: { Authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);
    // An invite (no bot username configured here, so a one-time code instead of a t.me link).
    await page.selectOption("form.invite select[name=role]", "manager");
    await page.click("button[value=invite]");
    expect(await page.locator("[data-testid=outcome-invite] [data-testid=secret-value]").inputValue()).toMatch(/^inv_[A-Za-z0-9_-]{32}$/);
    await screenshot(page, "settings", true);

    // Phone width: the same pages fit a 390 px screen without sideways scrolling of the page itself.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "ru-RU", storageState: await owner.storageState() });
    const pp = await phone.newPage();
    for (const [p, name] of [
      ["", "phone-overview"],
      ["/orders", "phone-orders"],
      ["/stocks", "phone-stocks"],
      ["/reviews", "phone-reviews"],
      ["/analytics", "phone-analytics"],
      ["/sync", "phone-sync"],
      ["/settings", "phone-settings"],
    ] as const) {
      await pp.goto(url(p));
      if (p === "") await pp.locator("[data-chart] svg.recharts-surface").first().waitFor({ timeout: 20_000 });
      expect(await pp.evaluate(() => document.documentElement.scrollWidth), `${name} fits the screen`).toBeLessThanOrEqual(392);
      await screenshot(pp, name, true);
    }
    await phone.close();
  });

  it("streams the assistant's answer with the API's figure, and drafts a review answer", async () => {
    await page.goto(url("/assistant"));
    await page.locator("[data-testid=ai-form] textarea").waitFor();
    expect(await page.locator("[data-testid=ai-not-configured]").count()).toBe(0);
    // Count the answer's text updates as they arrive.
    await page.evaluate(() => {
      const w = window as unknown as { aiUpdates: number };
      w.aiUpdates = 0;
      new MutationObserver(() => {
        if (document.querySelector("[data-testid=ai-live][data-status=streaming] [data-testid=ai-live-text]")) w.aiUpdates++;
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    // The backfill may still be adding history: the answer must match the API just before or just after.
    const before = await api(platform, `/cabinets/${cabinetId}/summary`);
    await page.fill("[data-testid=ai-form] textarea", "Сколько заказов за 7 дней?");
    await page.click("[data-testid=ai-send]");
    // Done: the figures used are shown, and the reloaded history holds the exchange.
    await page.locator("[data-testid=ai-meta]").waitFor({ timeout: 30_000 });
    const updates = await page.evaluate(() => (window as unknown as { aiUpdates: number }).aiUpdates);
    expect(updates).toBeGreaterThanOrEqual(2);
    const after = await api(platform, `/cabinets/${cabinetId}/summary`);
    await page.locator("[data-testid=ai-turn-assistant]").last().waitFor({ timeout: 10_000 });
    const answer = (await page.locator("[data-testid=ai-turn-assistant]").last().textContent()) ?? "";
    const said = /orders: (\d+)/.exec(answer)?.[1];
    expect([String(pick(before, "orders.last7.count")), String(pick(after, "orders.last7.count"))]).toContain(said);
    expect(await page.locator("[data-testid=ai-meta]").textContent()).toMatch(/Данные: сводка продаж[\s\S]*Осталось запросов сегодня: \d+ из 30/);
    await screenshot(page, "assistant");

    await page.goto(url("/reviews"));
    const card = page.locator("[data-testid=review-card][data-answered='0']").first();
    await card.locator("[data-testid=reply-open]").click();
    await card.locator("[data-testid=reply-draft]").click();
    await card.locator("[data-testid=draft-ready]").waitFor({ timeout: 20_000 });
    expect((await card.locator("textarea[name=text]").inputValue()).length).toBeGreaterThan(20);
    await screenshot(page, "reviews-ai-draft");
  });

  it("signs out, and (sandbox only) signs back in as the demo seller from the sign-in page", async () => {
    await page.goto(url());
    await Promise.all([page.waitForURL(/\/login\?signedOut=1/), page.click("[data-testid=sign-out]")]);
    expect((await owner.cookies()).some((c) => c.name === "wba_session")).toBe(false);
    await page.getByText("Вы вышли из WB Assist").waitFor();
    await page.goto(url());
    expect(new URL(page.url()).pathname).toBe("/login");
    await Promise.all([page.waitForURL(`**/c/${cabinetId}`), page.click("[data-testid=demo-login]")]);
    await owner.close();
    expect(pageErrors).toEqual([]);
  });
});
