import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkArtifactUrl, createArtifactFiles, defaultArtifactHosts } from "../../app/devrev/artifacts.js";

// Artifact URLs come from DevRev's answers, so they are checked before anything is fetched: only
// the configured hosts, https (http only on the API's own origin), no redirects, bounded in size
// and time. The transfers run over real HTTP on 127.0.0.1.

let server: Server;
let base: string;
let uploads: Array<{ type: string; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/big") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("x".repeat(50_000));
    } else if (req.url === "/redirect") {
      res.writeHead(302, { location: "https://elsewhere.example/secret" });
      res.end();
    } else if (req.url === "/slow") {
      // Headers, then nothing: only the time bound ends it.
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("a");
    } else if (req.url === "/upload" && req.method === "POST") {
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString();
      });
      req.on("end", () => {
        uploads.push({ type: req.headers["content-type"] ?? "", body });
        res.writeHead(204);
        res.end();
      });
    } else {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end("<p>Hello</p>");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("which artifact URLs are followed", () => {
  const policy = {
    allowedHosts: defaultArtifactHosts("https://api.devrev.ai"),
    apiBaseUrl: "https://api.devrev.ai",
  };

  it("allows DevRev's hosts over https only", () => {
    expect(policy.allowedHosts).toEqual(["*.devrev.ai", "api.devrev.ai"]);
    expect(checkArtifactUrl("https://files.devrev.ai/a/b?sig=1", policy).ok).toBe(true);
    expect(checkArtifactUrl("https://api.devrev.ai/x", policy).ok).toBe(true);
    expect(checkArtifactUrl("http://files.devrev.ai/a", policy)).toEqual({
      ok: false,
      reason: "it is not https",
    });
    expect(checkArtifactUrl("https://devrev.ai.evil.example/a", policy)).toMatchObject({ ok: false });
    expect(checkArtifactUrl("https://evildevrev.ai/a", policy)).toMatchObject({ ok: false });
    expect(checkArtifactUrl("https://169.254.169.254/latest/meta-data", policy)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/DEVREV_ARTIFACT_HOSTS/),
    });
    expect(checkArtifactUrl("https://user:pw@files.devrev.ai/a", policy)).toMatchObject({ ok: false });
    expect(checkArtifactUrl("not a url", policy)).toMatchObject({ ok: false });
  });

  it("allows plain http only on the API's own origin (a local sandbox)", () => {
    const local = {
      allowedHosts: defaultArtifactHosts("http://127.0.0.1:4010"),
      apiBaseUrl: "http://127.0.0.1:4010",
    };
    expect(checkArtifactUrl("http://127.0.0.1:4010/_files/download/t", local).ok).toBe(true);
    expect(checkArtifactUrl("http://127.0.0.1:9999/_files/download/t", local).ok).toBe(false);
  });
});

describe("artifact transfers", () => {
  const files = (overrides: { maxBytes?: number; timeoutMs?: number; hosts?: string[] } = {}) =>
    createArtifactFiles({
      allowedHosts: overrides.hosts ?? ["127.0.0.1"],
      apiBaseUrl: base,
      maxBytes: overrides.maxBytes ?? 1_000_000,
      timeoutMs: overrides.timeoutMs ?? 5_000,
    });
  const signal = () => new AbortController().signal;

  it("downloads a body with its content type", async () => {
    const got = await files().download(`${base}/body`, signal());
    expect(new TextDecoder().decode(got.bytes)).toBe("<p>Hello</p>");
    expect(got.contentType).toBe("text/html; charset=utf-8");
    expect(got.truncated).toBe(false);
  });

  it("stops at the size bound and says so", async () => {
    const got = await files({ maxBytes: 1000 }).download(`${base}/big`, signal());
    expect(got.bytes.length).toBe(1000);
    expect(got.truncated).toBe(true);
  });

  it("refuses a redirect instead of following it", async () => {
    await expect(files().download(`${base}/redirect`, signal())).rejects.toThrow(/refused a redirect/);
  });

  it("ends a transfer that outlives the time bound", async () => {
    await expect(files({ timeoutMs: 200 }).download(`${base}/slow`, signal())).rejects.toThrow();
  });

  it("never contacts a host outside the list", async () => {
    await expect(files({ hosts: ["files.devrev.ai"] }).download(`${base}/body`, signal())).rejects.toThrow(
      /refused the artifact URL DevRev returned: its host 127\.0\.0\.1 is not in DEVREV_ARTIFACT_HOSTS/,
    );
    uploads = [];
    await expect(
      files({ hosts: ["files.devrev.ai"] }).upload(
        `${base}/upload`,
        [],
        { name: "b.md", type: "text/markdown", data: new Uint8Array([1]) },
        signal(),
      ),
    ).rejects.toThrow(/refused the artifact URL/);
    expect(uploads).toEqual([]);
  });

  it("uploads the form fields, then the file, as multipart", async () => {
    uploads = [];
    await files().upload(
      `${base}/upload`,
      [{ key: "key", value: "artifact/1/body.md" }],
      { name: "body.md", type: "text/markdown", data: new TextEncoder().encode("# Title") },
      signal(),
    );
    expect(uploads).toHaveLength(1);
    expect(uploads[0]?.type).toMatch(/^multipart\/form-data; boundary=/);
    const body = uploads[0]?.body ?? "";
    expect(body.indexOf('name="key"')).toBeLessThan(body.indexOf('name="file"'));
    expect(body).toContain("# Title");
  });
});
