import { describe, expect, it } from "vitest";
import { loadConfig } from "../../app/config/config.js";
import { open, seal, sign, verify } from "../../app/oauth/envelope.js";
import { keyRing, parseOAuthKeys } from "../../app/oauth/keys.js";
import { OLD_KEY, TEST_KEY } from "../support/oauth.js";

const ring = (...b64: string[]) => {
  const parsed = parseOAuthKeys(b64.join(","));
  if (!parsed.ok) throw new Error(parsed.problem);
  return keyRing(parsed.keys);
};
const NOW = 1_900_000_000;

describe("token envelopes", () => {
  it("are encrypted: the PAT is not readable in the token", async () => {
    const t = await seal(ring(TEST_KEY), "access", { pat: "sandbox-alice-secret", exp: NOW + 60 });
    expect(t.split(".")).toHaveLength(5);
    expect(t).not.toContain("sandbox-alice");
    expect(Buffer.from(t.split(".")[3] ?? "", "base64url").toString("latin1")).not.toContain("sandbox");
    expect(await open(ring(TEST_KEY), "access", t, NOW)).toMatchObject({ pat: "sandbox-alice-secret" });
  });

  it("open only as their own kind, before expiry, untampered", async () => {
    const keys = ring(TEST_KEY);
    const t = await seal(keys, "refresh", { exp: NOW + 60 });
    expect(await open(keys, "access", t, NOW)).toBeUndefined();
    expect(await open(keys, "refresh", t, NOW + 60)).toBeUndefined();
    const parts = t.split(".");
    parts[3] = `${(parts[3] ?? "").slice(0, -2)}AA`;
    expect(await open(keys, "refresh", parts.join("."), NOW)).toBeUndefined();
    expect(await open(keys, "refresh", "x".repeat(10_000), NOW)).toBeUndefined();
  });

  it("still open with the previous key after a rotation, and not once it is dropped", async () => {
    const old = await seal(ring(OLD_KEY), "access", { exp: NOW + 60 });
    const rotated = ring(TEST_KEY, OLD_KEY);
    expect(await open(rotated, "access", old, NOW)).toBeDefined();
    expect((await seal(rotated, "access", { exp: NOW + 60 })).length).toBeGreaterThan(0);
    expect(await open(ring(TEST_KEY), "access", old, NOW)).toBeUndefined();
  });

  it("signed client records verify with any held key and refuse a forged one", async () => {
    const rec = await sign(ring(OLD_KEY), { n: "client" });
    expect(await verify(ring(TEST_KEY, OLD_KEY), rec)).toEqual({ n: "client" });
    expect(await verify(ring(TEST_KEY), rec)).toBeUndefined();
    const [h, , s] = rec.split(".");
    const forged = `${h}.${Buffer.from('{"n":"evil"}').toString("base64url")}.${s}`;
    expect(await verify(ring(TEST_KEY, OLD_KEY), forged)).toBeUndefined();
  });
});

describe("MCP_OAUTH_KEYS and MCP_PUBLIC_URL", () => {
  const base = { MCP_TRANSPORT: "streamable-http", MCP_HOST: "0.0.0.0" };
  it("are checked, naming the variable and never echoing a key", () => {
    expect(() =>
      loadConfig({ ...base, MCP_OAUTH_KEYS: "short-secret-key", MCP_PUBLIC_URL: "https://a.example" }),
    ).toThrow(/MCP_OAUTH_KEYS: key 1 is not 32 bytes/);
    try {
      loadConfig({ ...base, MCP_OAUTH_KEYS: "short-secret-key", MCP_PUBLIC_URL: "https://a.example" });
    } catch (err) {
      expect(String(err)).not.toContain("short-secret-key");
    }
    expect(() => loadConfig({ ...base, MCP_OAUTH_KEYS: TEST_KEY })).toThrow(/MCP_PUBLIC_URL: required/);
    expect(() =>
      loadConfig({ ...base, MCP_OAUTH_KEYS: TEST_KEY, MCP_PUBLIC_URL: "http://svc.example" }),
    ).toThrow(/MCP_PUBLIC_URL: must be https/);
    expect(() =>
      loadConfig({ ...base, MCP_OAUTH_KEYS: TEST_KEY, MCP_PUBLIC_URL: "https://svc.example/mcp" }),
    ).toThrow(/without a path/);
    expect(() =>
      loadConfig({
        ...base,
        MCP_OAUTH_KEYS: TEST_KEY,
        MCP_PUBLIC_URL: "https://svc.example",
        MCP_AUTH_MODE: "static-token",
        MCP_AUTH_TOKEN: "x".repeat(32),
        DEVREV_API_TOKEN: "t",
      }),
    ).toThrow(/needs MCP_AUTH_MODE=devrev-pat/);
    const ok = loadConfig({
      ...base,
      MCP_OAUTH_KEYS: `${TEST_KEY}, ${OLD_KEY}`,
      MCP_PUBLIC_URL: "https://svc.example/",
    });
    expect(ok.oauth).toEqual({ publicUrl: "https://svc.example", keys: [TEST_KEY, OLD_KEY] });
  });
});
