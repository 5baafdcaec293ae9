import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { FakeBin, ROOT, runScript } from "./helpers/run-script.js";

// scripts/set-secret: the value goes from standard input to gcloud's standard input and nowhere
// else. The fake gcloud records its argv and its stdin separately.

const fake = new FakeBin();
afterEach(() => fake.take());
afterAll(() => fake.remove());

const VALUE = "dr-pat-Secret_value-0123456789";
const setSecret = (args: string[], input: string, env: Record<string, string> = {}) =>
  runScript("set-secret", args, { fake, input, env });

describe("scripts/set-secret", () => {
  it("explains itself with --help", async () => {
    const r = await setSecret(["--help"], "");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: scripts\/set-secret/);
    expect(r.stdout).toContain("devrev-api-token mcp-auth-token oauth-keys");
    expect(r.stdout).toContain("openssl rand -base64 32 | tr '+/' '-_' | tr -d '='");
    expect(fake.take()).toEqual([]);
  });

  it("adds a version from standard input, never passing the value as an argument", async () => {
    const r = await setSecret(["--project", "acme-mcp-prod", "devrev-api-token"], `${VALUE}\n`);
    expect(r.code).toBe(0);
    const calls = fake.take();
    expect(calls).toEqual([
      {
        cmd: "gcloud",
        args: [
          "secrets",
          "describe",
          "devrev-mcp-production-devrev-api-token",
          "--format=value(name)",
          "--project",
          "acme-mcp-prod",
        ],
        stdin: null,
      },
      {
        cmd: "gcloud",
        args: [
          "secrets",
          "versions",
          "add",
          "devrev-mcp-production-devrev-api-token",
          "--data-file=-",
          "--project",
          "acme-mcp-prod",
        ],
        stdin: VALUE, // the trailing newline is dropped
      },
    ]);
    for (const call of calls) expect(call.args.join(" ")).not.toContain(VALUE);
    expect(r.stdout + r.stderr).not.toContain(VALUE);
  });

  it("refuses an empty value when standard input is not a terminal", async () => {
    for (const input of ["", "\n", "\r\n\n"]) {
      const r = await setSecret(["devrev-api-token"], input);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("refusing to store an empty value for devrev-api-token");
    }
    expect(fake.take()).toEqual([]);
  });

  it("prints the command and stores nothing with --dry-run", async () => {
    const r = await setSecret(["--dry-run", "--project", "acme-mcp-prod", "devrev-api-token"], VALUE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`with the ${VALUE.length}-character value on standard input`);
    expect(r.stdout).toContain(
      "+ gcloud secrets versions add devrev-mcp-production-devrev-api-token --data-file=- --project acme-mcp-prod",
    );
    expect(r.stdout + r.stderr).not.toContain(VALUE);
    expect(fake.take()).toEqual([]);
  });

  it("refuses a value given as an argument, and names it nowhere", async () => {
    const r = await setSecret(["devrev-api-token", VALUE], "");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("the value is read from standard input, never from arguments");
    expect(r.stderr).not.toContain(VALUE);
    expect(fake.take()).toEqual([]);
  });

  it("only knows the stack's secrets, and wants a long enough mcp-auth-token", async () => {
    const unknown = await setSecret(["db-password"], VALUE);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("'db-password' is not a secret of this stack");
    const short = await setSecret(["mcp-auth-token"], "short");
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("at least 16 characters");
    expect(fake.take()).toEqual([]);
  });

  it("sets the OAuth key set of the chosen environment, checking every key's form", async () => {
    const key = (c: string) => c.repeat(43);
    const r = await setSecret(
      ["--dry-run", "--environment", "staging", "oauth-keys"],
      `${key("A")},${key("b")}\n`,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("+ gcloud secrets versions add devrev-mcp-staging-oauth-keys --data-file=-");
    for (const bad of [key("A").slice(1), `${key("A")},`, `${key("A")} ${key("b")}`, `${key("+")}`]) {
      const refused = await setSecret(["oauth-keys"], bad);
      expect(refused.code, bad).toBe(1);
      expect(refused.stderr).toContain("base64url keys of 32 bytes");
    }
    const badEnv = await setSecret(["--environment", "Prod!", "oauth-keys"], key("A"));
    expect(badEnv.code).toBe(2);
    expect(fake.take()).toEqual([]);
  });

  it("says to apply the stack first when the secret does not exist", async () => {
    const r = await setSecret(["--project", "acme-mcp-prod", "mcp-auth-token"], VALUE, {
      FAKE_FAIL: "^gcloud secrets describe",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "secret 'devrev-mcp-production-mcp-auth-token' not found in project acme-mcp-prod: apply the stack",
    );
    expect(fake.take().map((c) => c.args[1])).toEqual(["describe"]);
  });

  it("hands the value only to shell builtins (no external process can see it in its argv)", () => {
    const script = readFileSync(join(ROOT, "scripts", "set-secret"), "utf8");
    const uses = script
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => !l.startsWith("#") && /\$\{?value\b|\bvalue=|read .*\bvalue\b/.test(l));
    const allowed = [
      /^value=""$/,
      /^IFS= read -r -s -p "[^"]*" value \|\| true$/,
      /^IFS= read -r -d '' value \|\| true$/,
      /^while \[\[ "\$value" == .*\]\]; do value="\$\{value%\?\}"; done$/,
      /^if \[\[ -z "\$value" \]\]; then$/,
      /^if \[\[ "\$secret" == mcp-auth-token && \$\{#value\} -lt 16 \]\]; then$/,
      /^if \[\[ "\$secret" == oauth-keys && ! "\$value" =~ \^\[A-Za-z0-9_-\]\{43\}\(,\[A-Za-z0-9_-\]\{43\}\)\*\$ \]\]; then$/,
      /^printf '%s' "\$value" \| gcloud "\$\{args\[@\]\}"$/,
    ];
    /** A line that only mentions the value's length. */
    const lengthOnly = (line: string) => !/\$\{?value\b/.test(line.replace(/\$\{#value\}/g, ""));
    for (const line of uses) expect(allowed.some((re) => re.test(line)) || lengthOnly(line), line).toBe(true);
    expect(uses.some((l) => l.startsWith("printf '%s' \"$value\" | gcloud"))).toBe(true);
  });
});
