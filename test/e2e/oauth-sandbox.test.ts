import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { OAuthClientInformationMixed, OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";
import { describe, expect, it } from "vitest";
import { artifactDir, launchChromium } from "../support/browser.js";
import { startCallbackServer } from "../support/callback-server.js";
import { textOf } from "../support/mcp-server.js";

// The "done when": a fresh OAuth client completes the flow against `npm run sandbox`
// (exactly the script's command) through the consent page in Chromium, then lists and calls
// tools as that user.

describe("npm run sandbox over OAuth", () => {
  it("lets a fresh SDK client authorize in the browser and call tools as the sandbox user", async () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    const command = pkg.scripts.sandbox?.split("&&").at(-1)?.trim().split(/\s+/) ?? [];
    const child = spawn(process.execPath, [...command.slice(1), "--port", "0"], {
      env: { PATH: process.env.PATH ?? "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const callback = await startCallbackServer();
    const browser = await launchChromium();
    try {
      let banner = "";
      const door = await new Promise<string>((resolve, reject) => {
        child.stderr?.on("data", (d: Buffer) => {
          banner += d.toString();
          const m = banner.match(/OAuth door: +(http:\/\/127\.0\.0\.1:\d+\/oauth\/mcp)/);
          if (m?.[1] && banner.includes("Press Ctrl+C")) resolve(m[1]);
        });
        child.once("exit", (code) => reject(new Error(`exited ${code}: ${banner}`)));
      });
      let info: OAuthClientInformationMixed | undefined;
      let tokens: OAuthTokens | undefined;
      let verifier = "";
      let pending: URL | undefined;
      const provider: OAuthClientProvider = {
        redirectUrl: callback.url,
        clientMetadata: {
          client_name: "Fresh Client",
          redirect_uris: [callback.url],
          token_endpoint_auth_method: "none",
        },
        clientInformation: () => info,
        saveClientInformation: (i) => {
          info = i;
        },
        tokens: () => tokens,
        saveTokens: (t) => {
          tokens = t;
        },
        redirectToAuthorization: (u) => {
          pending = u;
        },
        saveCodeVerifier: (v) => {
          verifier = v;
        },
        codeVerifier: () => verifier,
      };
      const first = new StreamableHTTPClientTransport(new URL(door), { authProvider: provider });
      await expect(new Client({ name: "fresh", version: "1" }).connect(first)).rejects.toThrow(
        /Unauthorized/i,
      );
      expect(pending).toBeDefined();

      const page = await browser.newPage();
      await page.goto((pending as URL).href);
      await page.fill("#pat", "sandbox-bob");
      await Promise.all([page.waitForEvent("load"), page.click('button[value="check"]')]);
      await page.screenshot({ path: join(artifactDir("oauth-sandbox"), "confirm.png"), fullPage: true });
      const [back] = await Promise.all([callback.next(), page.click('button[value="allow"]')]);
      await first.finishAuth(back.searchParams.get("code") ?? "");

      const client = new Client({ name: "fresh", version: "1" });
      await client.connect(new StreamableHTTPClientTransport(new URL(door), { authProvider: provider }));
      const { tools } = await client.listTools();
      expect(tools.length).toBeGreaterThan(3);
      expect(textOf(await client.callTool({ name: "devrev_whoami", arguments: {} }))).toContain(
        "bob@acme.test",
      );
      await client.close();
    } finally {
      child.kill("SIGTERM");
      await browser.close();
      await callback.close();
    }
  });
});
