import { describe, expect, it } from "vitest";
import { loadConfig } from "../../app/config/config.js";
import { sharedTokenWeakness } from "../../app/config/shared-token-strength.js";

// Issue 10 item 12: MCP_AUTH_TOKEN=0123456789abcdef was accepted. The rule: at least 32
// characters, at least 10 different ones, not one piece repeated, no run of 8 consecutive
// characters; what `openssl rand -base64 32` / `-hex 32` print always passes.

const env = (token: string) => ({
  MCP_TRANSPORT: "streamable-http",
  MCP_AUTH_MODE: "static-token",
  MCP_AUTH_TOKEN: token,
  DEVREV_API_TOKEN: "x",
});

describe("MCP_AUTH_TOKEN strength", () => {
  it.each([
    ["0123456789abcdef", /at least 32/],
    ["0123456789abcdef0123456789abcdef", /repeated pattern/],
    ["abababababababababababababababababab", /2 different characters/],
    ["passwordpasswordpasswordpassword", /different characters|repeated/],
    ["Xq9-abcdefghijklmnopqrstuvwxyz-Lm2", /run of 8/],
  ])("refuses %s, saying why and how to generate one, without echoing it", (token, why) => {
    expect(() => loadConfig(env(token))).toThrow(why);
    try {
      loadConfig(env(token));
    } catch (err) {
      expect((err as Error).message).toContain("openssl rand -base64 32");
      expect((err as Error).message).not.toContain(token);
    }
  });

  it("accepts what openssl prints", () => {
    expect(sharedTokenWeakness("kH3f0Zt7Q2x9bN1mV8cR5yL6wP4sJ0aD+e/ugTiYo0=")).toBeUndefined();
    expect(
      sharedTokenWeakness("9f1c2e7a0b4d8e6f3a5c1b9d7e2f4a6c8b0d1e3f5a7c9b2d4e6f8a0c1e3d5b7f"),
    ).toBeUndefined();
    expect(() => loadConfig(env("kH3f0Zt7Q2x9bN1mV8cR5yL6wP4sJ0aD+e/ugTiYo0="))).not.toThrow();
  });

  it("passes 2,000 random values of each openssl form (no false refusals)", async () => {
    const { randomBytes } = await import("node:crypto");
    for (let i = 0; i < 2_000; i++) {
      expect(sharedTokenWeakness(randomBytes(32).toString("base64"))).toBeUndefined();
      expect(sharedTokenWeakness(randomBytes(32).toString("hex"))).toBeUndefined();
    }
  });
});
