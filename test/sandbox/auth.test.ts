import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../app/sandbox/index.js";
import { tokenHash } from "../../app/util/token-hash.js";
import { caller } from "./client.js";

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

describe("sandbox auth", () => {
  it.each([
    ["sandbox-alice", "alice@acme.test", "Alice Anders"],
    ["sandbox-bob", "bob@acme.test", "Bob Brandt"],
    ["sandbox-eve", "eve@other.test", "Eve Evans"],
  ])("%s is %s", async (pat, email, name) => {
    const r = await caller(sb.url, pat)("dev-users.self", {});
    expect(r.status).toBe(200);
    expect(r.body.dev_user).toMatchObject({ email, full_name: name, state: "active" });
    expect(r.body.dev_user.id).toMatch(/^don:identity:dvrv-us-1:devo\/1sandbx:devu\/\d+$/);
  });

  it("refuses an unknown PAT, a missing header and a non-bearer header", async () => {
    const call = caller(sb.url);
    for (const token of ["nope", null]) {
      const r = await call("works.list", {}, { token });
      expect(r.status).toBe(401);
      expect(r.error.type).toBe("unauthenticated");
    }
    const res = await fetch(`${sb.url}/works.list`, {
      method: "POST",
      headers: { authorization: "sandbox-alice" },
      body: "{}",
    });
    expect(res.status).toBe(401);
  });

  it("answers token_revoked once a PAT is revoked, in process or over HTTP, until reset", async () => {
    const bob = caller(sb.url, "sandbox-bob");
    sb.state.revokeToken("sandbox-bob");
    const r = await bob("dev-users.self");
    expect(r.status).toBe(401);
    expect(r.error.type).toBe("token_revoked");

    const eve = caller(sb.url, "sandbox-eve");
    const admin = await fetch(`${sb.url}/_sandbox/revoke`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: "sandbox-eve" }),
    });
    expect(admin.status).toBe(200);
    expect((await eve("dev-users.self")).error.type).toBe("token_revoked");

    sb.state.reset();
    expect((await bob("dev-users.self")).status).toBe(200);
  });

  it("logs the token's hash, never the token", async () => {
    sb.state.clearRequests();
    await caller(sb.url, "sandbox-alice")("dev-users.self");
    await caller(sb.url, null)("dev-users.self");
    const [withToken, without] = sb.state.requests();
    expect(withToken).toMatchObject({
      op: "dev-users.self",
      status: 200,
      token_sha256: tokenHash("sandbox-alice"),
    });
    expect(without).toMatchObject({ status: 401, token_sha256: null });
    expect(JSON.stringify(sb.state.requests())).not.toContain("sandbox-alice");
  });
});
