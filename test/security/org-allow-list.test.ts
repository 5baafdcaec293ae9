import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../app/config/config.js";
import { startTestServer } from "../support/mcp-server.js";
import { INIT, post } from "../support/rpc.js";
import { startValidatedSandbox, type ValidatedSandbox } from "../support/sandbox.js";

// Issue 10 item 10: MCP_AUTH_ALLOWED_ORGS admits only PATs whose user belongs to a listed DevRev
// dev org (read from the dev user's DON id). Every sandbox user is in dev org `1sandbx`, with
// e-mail domains acme.test (alice, bob) and other.test (eve).

let sandbox: ValidatedSandbox;
beforeAll(async () => {
  sandbox = await startValidatedSandbox();
});
afterAll(() => sandbox?.close());

async function statusFor(env: Record<string, string>, token: string) {
  const s = await startTestServer({ MCP_RATE_LIMIT_RPM: "0", ...env }, { sandbox });
  try {
    return await post(s.origin, "/mcp", INIT, { Authorization: `Bearer ${token}` });
  } finally {
    await s.close();
  }
}

describe("MCP_AUTH_ALLOWED_ORGS", () => {
  it("refuses a user of another organisation even when the e-mail domain is allowed", async () => {
    const res = await statusFor(
      { MCP_AUTH_ALLOWED_ORGS: "devo/2other", MCP_AUTH_ALLOWED_DOMAINS: "acme.test" },
      "sandbox-alice",
    );
    expect(res.status).toBe(403);
    expect(res.headers["www-authenticate"]).toMatch(/error="insufficient_scope"/);
    expect(res.body.error.data).toEqual({ reason: "org_not_allowed" });
    expect(res.body.error.message).toMatch(/MCP_AUTH_ALLOWED_ORGS/);
  });

  it("admits a listed organisation in each accepted form", async () => {
    for (const form of ["don:identity:dvrv-us-1:devo/1sandbx", "devo/1sandbx", "1sandbx", "devo/x9, 1sandbx"])
      expect((await statusFor({ MCP_AUTH_ALLOWED_ORGS: form }, "sandbox-bob")).status, form).toBe(200);
    // A full DON also pins the region.
    expect(
      (await statusFor({ MCP_AUTH_ALLOWED_ORGS: "don:identity:dvrv-eu-1:devo/1sandbx" }, "sandbox-bob"))
        .status,
    ).toBe(403);
  });

  it("applies both lists: a listed organisation does not widen the domain list", async () => {
    const res = await statusFor(
      { MCP_AUTH_ALLOWED_ORGS: "1sandbx", MCP_AUTH_ALLOWED_DOMAINS: "acme.test" },
      "sandbox-eve",
    );
    expect(res.status).toBe(403);
    expect(res.body.error.data).toEqual({ reason: "domain_not_allowed" });
  });

  it("reports a malformed entry under the variable's name", () => {
    expect(() =>
      loadConfig({ MCP_TRANSPORT: "streamable-http", MCP_AUTH_ALLOWED_ORGS: "devo/1sandbx, acme.test" }),
    ).toThrow(/MCP_AUTH_ALLOWED_ORGS: "acme.test" is not a DevRev dev org id/);
    expect(
      loadConfig({ MCP_TRANSPORT: "streamable-http", MCP_AUTH_ALLOWED_ORGS: '["devo/0"]' }).auth.allowedOrgs,
    ).toEqual([{ org: "0" }]);
  });
});
