import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactDir, launchChromium } from "../support/browser.js";
import { startCallbackServer } from "../support/callback-server.js";
import { startTestServer, type TestServer } from "../support/mcp-server.js";
import { authorizeUrl, oauthEnv, pkce, registerClient, token } from "../support/oauth.js";

// The consent page in a real browser (Debian's Chromium): with JavaScript off, by keyboard alone,
// on a phone-sized screen, with every refusal explained on the page. Each state is a screenshot in
// test-artifacts/oauth-consent/.

let server: TestServer;
let down: TestServer;
let browser: Browser;
let callback: Awaited<ReturnType<typeof startCallbackServer>>;
const shots = artifactDir("oauth-consent");

beforeAll(async () => {
  callback = await startCallbackServer();
  server = await startTestServer(oauthEnv({ MCP_AUTH_ALLOWED_DOMAINS: "acme.test" }));
  // A server whose DevRev cannot be reached: the page must say so, not fail.
  down = await startTestServer(
    oauthEnv({ DEVREV_API_BASE_URL: "http://127.0.0.1:9", DEVREV_API_MAX_RETRIES: "0" }),
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await down?.close();
  await callback?.close();
});

async function start(on: TestServer, context: BrowserContext, scope?: string) {
  const reg = await registerClient(on.origin, {
    client_name: "Claude (test)",
    redirect_uris: [callback.url],
  });
  const { verifier, challenge } = pkce();
  const page = await context.newPage();
  const url = authorizeUrl(on.origin, {
    client_id: reg.body.client_id as string,
    redirect_uri: callback.url,
    code_challenge: challenge,
    state: "xyz",
    ...(scope ? { scope } : {}),
  });
  return { page, verifier, clientId: reg.body.client_id as string, url };
}

/** Keyboard only: the PAT field has focus when the page opens; Enter submits. */
async function pasteToken(page: Page, pat: string) {
  expect(await page.evaluate("document.activeElement?.id")).toBe("pat");
  await page.keyboard.type(pat);
  await Promise.all([page.waitForEvent("load"), page.keyboard.press("Enter")]);
}

const noScript = () =>
  browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 900 } });

describe("the consent page in Chromium", () => {
  it("walks from request to code with JavaScript off, by keyboard alone", async () => {
    // javaScriptEnabled:false turns off page scripts; Playwright's own evaluate still runs.
    const context = await noScript();
    const { page, verifier, clientId, url } = await start(server, context, "devrev:read devrev:write");
    const first = await page.goto(url);
    expect(first?.status()).toBe(200);
    const headers = first?.headers() ?? {};
    expect(headers["content-security-policy"]).toMatch(/default-src 'none'/);
    expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(await page.locator("h1").textContent()).toBe("Claude (test) wants to use DevRev as you");
    expect(await page.textContent("dl")).toContain("127.0.0.1:");
    await page.screenshot({ path: join(shots, "1-request.png"), fullPage: true });

    // Tab from the PAT field to the "make changes" box, tick it with Space, back, type, Enter.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.name")).toBe("write");
    await page.keyboard.press("Space");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    await pasteToken(page, "sandbox-alice");
    expect(await page.locator("h1").textContent(), (await page.locator("main").textContent()) ?? "").toBe(
      "Allow Claude (test) to use DevRev as you?",
    );
    const confirm = (await page.textContent("main")) ?? "";
    expect(confirm).toContain("alice@acme.test");
    expect(confirm).toContain("Create and update records in DevRev as you");
    expect(confirm).toContain("Delete anything");
    expect(await page.content()).not.toContain("sandbox-alice");
    await page.screenshot({ path: join(shots, "2-confirm.png"), fullPage: true });

    // "Allow" has focus: Enter sends the person back to the app with a code.
    expect(await page.evaluate("document.activeElement?.value")).toBe("allow");
    const [back] = await Promise.all([callback.next(), page.keyboard.press("Enter")]);
    await page.waitForURL(/\/callback\?/);
    await page.screenshot({ path: join(shots, "3-back-in-app.png"), fullPage: true });
    expect(back.searchParams.get("state")).toBe("xyz");
    const tokens = await token(server.origin, {
      grant_type: "authorization_code",
      code: back.searchParams.get("code") ?? "",
      code_verifier: verifier,
      redirect_uri: callback.url,
      client_id: clientId,
    });
    expect(tokens.body.scope).toBe("devrev:read devrev:write");
    await context.close();
  });

  it("explains a PAT DevRev refuses, on the page", async () => {
    const context = await noScript();
    const { page, url } = await start(server, context);
    await page.goto(url);
    await pasteToken(page, "not-a-real-pat");
    expect(await page.locator(".error").textContent()).toContain("DevRev did not accept this token");
    expect(await page.content()).not.toContain("not-a-real-pat");
    await page.screenshot({ path: join(shots, "4-refused-bad-pat.png"), fullPage: true });
    expect(callback.received).toEqual([]);
    await context.close();
  });

  it("explains an account from a domain the server does not allow", async () => {
    const context = await noScript();
    const { page, url } = await start(server, context);
    await page.goto(url);
    await pasteToken(page, "sandbox-eve");
    expect(await page.locator(".error").textContent()).toContain("eve@other.test");
    expect(await page.locator(".error").textContent()).toContain("MCP_AUTH_ALLOWED_DOMAINS");
    await page.screenshot({ path: join(shots, "5-refused-other-domain.png"), fullPage: true });
    await context.close();
  });

  it("explains DevRev being unreachable", async () => {
    const context = await noScript();
    const { page, url } = await start(down, context);
    await page.goto(url);
    await pasteToken(page, "sandbox-alice");
    expect(await page.locator(".error").textContent()).toContain("DevRev could not be reached");
    await page.screenshot({ path: join(shots, "6-refused-devrev-down.png"), fullPage: true });
    await context.close();
  });

  it("tells the app no when the person cancels", async () => {
    const context = await noScript();
    const { page, url } = await start(server, context);
    await page.goto(url);
    const [back] = await Promise.all([callback.next(), page.click('button[value="deny"]')]);
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe("xyz");
    expect(back.searchParams.get("code")).toBeNull();
    await context.close();
  });

  it("explains an unknown client without redirecting anywhere", async () => {
    const context = await noScript();
    const page = await context.newPage();
    const res = await page.goto(
      authorizeUrl(server.origin, {
        client_id: "forged",
        redirect_uri: callback.url,
        code_challenge: pkce().challenge,
      }),
    );
    expect(res?.status()).toBe(400);
    expect(await page.locator("h1").textContent()).toBe("This app cannot connect");
    await page.screenshot({ path: join(shots, "7-unknown-client.png"), fullPage: true });
    expect(callback.received).toEqual([]);
    await context.close();
  });

  it("fits a phone screen and raises no CSP violation with scripts on", async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
    });
    const { page, url } = await start(server, context);
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(url);
    const fits = await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth");
    expect(fits).toBe(true);
    // The stylesheet applied (its CSP hash is right): the card has the rounded border.
    expect(await page.evaluate("getComputedStyle(document.querySelector('.card')).borderTopLeftRadius")).toBe(
      "12px",
    );
    await page.screenshot({ path: join(shots, "8-phone.png"), fullPage: true });
    expect(violations).toEqual([]);
    await context.close();
  });

  it("cannot be framed by another site", async () => {
    const context = await browser.newContext();
    const { page: first, url } = await start(server, context);
    await first.close();
    const page = await context.newPage();
    await page.setContent(`<iframe id="f" src="${url}" width="600" height="400"></iframe>`, {
      waitUntil: "load",
    });
    const frame = page.frames().find((f) => f !== page.mainFrame());
    // A blocked frame holds Chromium's error page, not the consent form.
    const forms = frame
      ? await frame
          .locator("form")
          .count()
          .catch(() => 0)
      : 0;
    expect(frame?.url()).toBeDefined();
    expect(forms).toBe(0);
    await page.screenshot({ path: join(shots, "9-framed-blocked.png") });
    await context.close();
  });
});
