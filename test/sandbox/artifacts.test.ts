// Article bodies live in artifacts, as on DevRev: articles.get -> resource.artifacts ->
// artifacts.locate -> download; and artifacts.prepare -> multipart upload -> articles.create/update.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../app/sandbox/index.js";
import { caller } from "./client.js";

let clock = new Date("2025-03-10T12:00:00Z");
let sb: RunningSandbox;
let call: ReturnType<typeof caller>;
let alice: string;
beforeAll(async () => {
  sb = await startSandbox({ now: () => clock });
  call = caller(sb.url);
  alice = (await call("dev-users.self")).body.dev_user.id;
});
afterAll(() => sb.close());

async function bodyOf(article: string) {
  const a = (await call("articles.get", { id: article })).body.article;
  const artifact = a.resource?.artifacts?.[0];
  expect(artifact?.id).toMatch(/^don:core:.*:artifact\//);
  const located = await call("artifacts.locate", { id: artifact?.id });
  expect(located.status).toBe(200);
  // No bearer token: the URL itself is the permission, as with DevRev's presigned URLs.
  const res = await fetch(located.body.url);
  return { artifact, located: located.body, res, text: await res.text() };
}

/** Posts a file the way an S3 presigned form wants it: every form field, then `file`. */
async function upload(text: string, type = "text/markdown", name = "body.md") {
  const prepared = await call("artifacts.prepare", { file_name: name, file_type: type });
  expect(prepared.status).toBe(200);
  const form = new FormData();
  for (const f of prepared.body.form_data) form.append(f.key, f.value);
  form.append("file", new Blob([text], { type }), name);
  const res = await fetch(prepared.body.url, { method: "POST", body: form });
  expect(res.status).toBe(204);
  return prepared.body;
}

describe("seeded article bodies", () => {
  it("are HTML files reached through artifacts.locate and a plain download", async () => {
    const { artifact, located, res, text } = await bodyOf("ART-1");
    expect(artifact?.file).toMatchObject({ type: "text/html", name: "how-to-download-past-invoices.html" });
    expect(located.url.startsWith(`${sb.url}/`)).toBe(true);
    expect(Date.parse(located.expires_at ?? "")).toBeGreaterThan(clock.getTime());
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(text).toContain("<h1>How to download past invoices</h1>");
    expect(text).toContain("Open Billing &gt; Invoices");
    expect(text).toContain("<li>Invoices older than 12 months are archived");
    // The body says more than the description the article answers with.
    const description = (await call("articles.get", { id: "ART-1" })).body.article.description ?? "";
    expect(text).toContain("Still stuck?");
    expect(description).not.toContain("Still stuck?");
    expect(artifact?.file?.size).toBe(Buffer.byteLength(text));
  });

  it("include markdown files", async () => {
    const { artifact, text } = await bodyOf("ART-5");
    expect(artifact?.file?.type).toBe("text/markdown");
    expect(text.startsWith("# Enabling push notifications on iOS\n")).toBe(true);
  });

  it("download URLs expire, and unknown ones are refused", async () => {
    const id = (await call("articles.get", { id: "ART-2" })).body.article.resource?.artifacts?.[0]?.id;
    const { url } = (await call("artifacts.locate", { id })).body;
    expect((await fetch(url)).status).toBe(200);
    const start = clock;
    clock = new Date(start.getTime() + 11 * 60_000);
    try {
      expect((await fetch(url)).status).toBe(403);
    } finally {
      clock = start;
    }
    expect((await fetch(`${sb.url}/_files/download/nope`)).status).toBe(403);
    expect((await call("artifacts.locate", { id: "ARTIFACT-999" })).status).toBe(404);
    expect((await call("artifacts.locate", {})).error).toMatchObject({ field_name: "id" });
  });
});

describe("writing article bodies", () => {
  it("prepare + upload + articles.create with content_artifact, then update replaces the body", async () => {
    const markdown = "# Reset a password\n\nUse **Forgot password** on the sign-in page.\n";
    const first = await upload(markdown);
    const got = await call("artifacts.get", { id: first.id });
    expect(got.body.artifact.file).toMatchObject({
      name: "body.md",
      type: "text/markdown",
      size: Buffer.byteLength(markdown),
    });
    const created = await call("articles.create", {
      title: "Reset a password",
      owned_by: [alice],
      resource: { content_artifact: first.id },
    });
    expect(created.status).toBe(201);
    const id = created.body.article.id;
    expect(created.body.article.resource?.artifacts?.map((a) => a.id)).toEqual([first.id]);
    expect((await bodyOf(id)).text).toContain("**Forgot password**");

    const second = await upload("<p>Use the <b>Forgot password</b> link.</p>", "text/html", "body.html");
    const updated = await call("articles.update", { id, content_artifact: second.id });
    expect(updated.body.article.resource?.artifacts?.map((a) => a.id)).toEqual([second.id]);
    expect((await bodyOf(id)).text).toBe("<p>Use the <b>Forgot password</b> link.</p>");
    // Other fields leave the body alone.
    await call("articles.update", { id, title: "Resetting a password" });
    expect((await bodyOf(id)).artifact?.id).toBe(second.id);
  });

  it("refuses bodies that are not uploaded artifacts", async () => {
    const bad = await call("articles.create", {
      title: "x",
      owned_by: [alice],
      resource: { content_artifact: "ARTIFACT-999" },
    });
    expect(bad.error).toMatchObject({ type: "invalid_field", field_name: "resource.content_artifact" });
    const update = await call("articles.update", { id: "ART-1", content_artifact: "TKT-1" });
    expect(update.error).toMatchObject({ type: "invalid_field", field_name: "content_artifact" });
    expect((await call("artifacts.prepare", {})).error).toMatchObject({ field_name: "file_name" });
  });

  it("upload URLs take one well-formed upload each", async () => {
    const prepared = (await call("artifacts.prepare", { file_name: "a.txt", file_type: "text/plain" })).body;
    const post = (form: FormData | string, headers: Record<string, string> = {}) =>
      fetch(prepared.url, { method: "POST", body: form, headers }).then((r) => r.status);
    const form = (fields: { key: string; value: string }[], file = true) => {
      const f = new FormData();
      for (const x of fields) f.append(x.key, x.value);
      if (file) f.append("file", new Blob(["hello"]), "a.txt");
      return f;
    };
    expect(await post("hello", { "content-type": "text/plain" })).toBe(400);
    expect(await post(form(prepared.form_data, false))).toBe(400);
    expect(await post(form([]))).toBe(403);
    // Not uploaded yet: the artifact exists but has nothing to download.
    const early = (await call("artifacts.locate", { id: prepared.id })).body.url;
    expect((await fetch(early)).status).toBe(404);
    expect(await post(form(prepared.form_data))).toBe(204);
    expect(await post(form(prepared.form_data))).toBe(403);
    expect(await (await fetch(early)).text()).toBe("hello");
    const big = new FormData();
    for (const x of prepared.form_data) big.append(x.key, x.value);
    big.append("file", new Blob([Buffer.alloc(6 * 1024 * 1024)]), "big.bin");
    const other = (await call("artifacts.prepare", { file_name: "big.bin" })).body;
    expect((await fetch(other.url, { method: "POST", body: big })).status).toBe(413);
  });
});
