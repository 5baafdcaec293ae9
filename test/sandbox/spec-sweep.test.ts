import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { specOperations, validateRequest, validateResponse } from "../support/devrev-spec.js";
import { startValidatedSandbox, type ValidatedSandbox } from "../support/sandbox.js";
import { caller } from "./client.js";

let sb: ValidatedSandbox;
let call: ReturnType<typeof caller>;

beforeAll(async () => {
  sb = await startValidatedSandbox();
  call = caller(sb.url);
});
afterAll(() => sb.close());

async function ok<T extends { status: number }>(reply: Promise<T>, status = 200): Promise<T> {
  const r = await reply;
  expect(r.status, JSON.stringify(r)).toBe(status);
  return r;
}

describe("every sandbox response matches DevRev's beta spec", () => {
  it("serves only operations the spec has", async () => {
    const { handlers } = await import("../../app/sandbox/handlers/index.js");
    const known = new Set(specOperations());
    expect(Object.keys(handlers).filter((op) => !known.has(op))).toEqual([]);
  });

  it("reads of every domain", async () => {
    await ok(call("dev-users.self", {}));
    const devs = await ok(call("dev-users.list", { limit: 3 }));
    await ok(call("dev-users.get", { id: devs.body.dev_users[0]?.id }));
    await ok(call("dev-users.list", { state: ["deactivated"], sort_by: ["display_name:asc"] }));

    const works = await ok(call("works.list", { limit: 100 }));
    expect(works.body.works.length).toBe(100);
    await ok(call("works.list", { type: ["ticket"], ticket: { severity: ["blocker"] } }));
    await ok(call("works.list", { issue: { priority: ["p0", "p1"] }, stage: { name: ["in_development"] } }));
    await ok(call("works.list", { sort_by: ["target_close_date:asc", "created_date:desc"], limit: 10 }));
    await ok(call("works.get", { id: "TKT-1" }));
    await ok(call("works.get", { id: "ISS-1" }));
    await ok(call("works.count", { type: ["issue"] }));
    await ok(call("works.export", { type: ["ticket"], first: 5 }));

    const parts = await ok(call("parts.list", { type: ["product"] }));
    await ok(call("parts.list", { parent_part: { parts: [parts.body.parts[0]?.id ?? ""], level: 2 } }));
    await ok(call("parts.get", { id: "ENH-1" }));
    await ok(call("tags.list", { limit: 50 }));
    await ok(call("tags.get", { id: "TAG-1" }));
    await ok(call("accounts.list", { tier: ["enterprise"] }));
    await ok(call("accounts.get", { id: "ACC-1" }));
    await ok(call("accounts.export", { first: 2 }));
    await ok(call("rev-orgs.list", {}));
    await ok(call("rev-orgs.get", { id: "REV-1" }));
    await ok(call("rev-orgs.get", { account: "ACC-2" }));
    await ok(call("rev-users.list", { rev_org: ["REV-1"] }));
    await ok(call("rev-users.get", { id: "REVU-1" }));

    const timeline = await ok(call("timeline-entries.list", { object: "TKT-2", limit: 100 }));
    expect(timeline.body.timeline_entries.map((e) => e.type)).toContain("timeline_change_event");
    await ok(call("timeline-entries.get", { id: timeline.body.timeline_entries[0]?.id }));
    await ok(call("timeline-entries.list", { object: "ISS-5", collections: ["events"] }));

    await ok(call("articles.list", { status: ["published"] }));
    await ok(call("articles.get", { id: "ART-1" }));
    await ok(call("articles.count", {}));
    const convs = await ok(call("conversations.list", {}));
    await ok(call("conversations.get", { id: convs.body.conversations[0]?.id }));
    await ok(call("conversations.export", { first: 2 }));

    const groups = await ok(call("groups.list", {}));
    await ok(call("groups.get", { id: groups.body.groups[0]?.id }));
    await ok(call("groups.members.list", { group: groups.body.groups[0]?.id }));
    await ok(call("groups.members.list", { group: groups.body.groups[3]?.id }));
    await ok(call("groups.members.count", { group: groups.body.groups[0]?.id }));
    await ok(call("groups.list", { group_type: ["dynamic"], sort_by: ["name:asc"] }));

    const meetings = await ok(call("meetings.list", { sort_by: ["scheduled_date:asc"] }));
    await ok(call("meetings.get", { id: meetings.body.meetings[0]?.id }));
    await ok(
      call("meetings.list", {
        state: ["scheduled"],
        scheduled_date: { type: "range", after: "2000-01-01T00:00:00Z" },
      }),
    );
    await ok(call("meetings.count", { channel: ["zoom"] }));
    const links = await ok(call("links.list", { object: "TKT-1" }));
    await ok(call("links.get", { id: links.body.links[0]?.id }));
    await ok(call("links.list", { object: "ISS-1", direction: "is_target", link_type: ["is_related_to"] }));

    const slas = await ok(call("slas.list", {}));
    await ok(call("slas.get", { id: slas.body.slas[0]?.id }));
    const trackers = await ok(call("sla-trackers.list", {}));
    await ok(call("sla-trackers.get", { id: trackers.body.sla_trackers[0]?.id }));
    const vistas = await ok(call("vistas.list", {}));
    for (const v of vistas.body.vistas) await ok(call("vistas.get", { id: v.id }));
    const sprints = await ok(call("vistas.groups.list", {}));
    await ok(call("vistas.groups.get", { id: sprints.body.vista_group?.[0]?.id }));

    const diagrams = await ok(call("stage-diagrams.list", {}));
    await ok(call("stage-diagrams.get", { id: diagrams.body.result[0]?.id }));
    await ok(call("stage-diagrams.get", { leaf_type: "issue" }));
    const stages = await ok(call("stages.custom.list", { limit: 5 }));
    await ok(call("stages.custom.get", { id: stages.body.result[0]?.id }));
    await ok(call("states.custom.list", {}));
    await ok(call("schemas.subtypes.list", { leaf_types: ["ticket", "issue"] }));
    await ok(
      call("schemas.aggregated.get", {
        leaf_type: "ticket",
        custom_schema_spec: { subtype: "billing_dispute" },
      }),
    );
    await ok(call("schemas.aggregated.get", { leaf_type: "issue" }));
    await ok(call("schemas.custom.list", { leaf_type: ["issue"] }));

    await ok(call("search.core", { query: "invoice", limit: 20 }));
    await ok(
      call("search.core", { query: "globex", namespaces: ["account", "rev_org", "rev_user", "ticket"] }),
    );
    await ok(call("search.hybrid", { query: "webhook", namespace: "article" }));
    await ok(call("search.hybrid", { query: "payments", namespace: "part" }));
    await ok(call("search.hybrid", { query: "alice", namespace: "dev_user" }));
    await ok(call("search.hybrid", { query: "support", namespace: "group" }));
    const qas = await ok(call("question-answers.list", {}));
    await ok(call("question-answers.get", { id: qas.body.question_answers[0]?.id }));
    const incidents = await ok(call("incidents.list", {}));
    await ok(call("incidents.get", { id: incidents.body.incidents[0]?.id }));
    const engagements = await ok(call("engagements.list", {}));
    await ok(call("engagements.get", { id: engagements.body.engagements[0]?.id }));
    await ok(call("engagements.count", { type: ["call"] }));
    await ok(call("recommendations.get-reply", { query: "How long does a refund take?" }));
    expect(sb.violations()).toEqual([]);
    // Each operation compiles its validators on first use: slow on a loaded machine, not a hang.
  }, 120_000);

  it("writes of every domain", async () => {
    const alice = (await call("dev-users.self", {})).body.dev_user.id;
    const tag = await ok(
      call("tags.create", { name: "sweep", description: "sweep tag", style_new: { color: "#00ff00" } }),
      201,
    );
    await ok(call("tags.update", { id: tag.body.tag.id, allowed_values: { set: ["a", "b"] } }));

    const ticket = await ok(
      call("works.create", {
        type: "ticket",
        title: "Sweep ticket",
        applies_to_part: "FEAT-1",
        owned_by: [alice],
        severity: "high",
        rev_org: "REV-1",
        tags: [{ id: tag.body.tag.id }],
        target_close_date: "2030-01-01T00:00:00Z",
      }),
      201,
    );
    const ticketId = ticket.body.work.id;
    await ok(
      call("works.update", {
        id: ticketId,
        type: "ticket",
        stage: { name: "work_in_progress" },
        severity: "blocker",
      }),
    );
    await ok(
      call("works.update", {
        id: ticketId,
        type: "ticket",
        tags: { add: [{ id: "TAG-1" }] },
        owned_by: { set: [alice] },
      }),
    );
    const issue = await ok(
      call("works.create", {
        type: "issue",
        title: "Sweep issue",
        applies_to_part: "CAPL-1",
        owned_by: [alice],
        priority: "p1",
      }),
      201,
    );
    await ok(call("works.update", { id: issue.body.work.id, type: "issue", priority: "p0" }));

    const comment = await ok(
      call("timeline-entries.create", {
        type: "timeline_comment",
        object: ticketId,
        body: "Hello",
        visibility: "external",
      }),
      201,
    );
    await ok(
      call("timeline-entries.update", {
        type: "timeline_comment",
        id: comment.body.timeline_entry.id,
        body: "Hi",
      }),
    );
    await ok(call("timeline-entries.delete", { id: comment.body.timeline_entry.id }));

    const link = await ok(
      call("links.create", { link_type: "is_related_to", source: ticketId, target: issue.body.work.id }),
      201,
    );
    await ok(call("links.delete", { id: link.body.link.id }));

    const account = await ok(
      call("accounts.create", { display_name: "Sweep Corp", domains: ["sweep.test"] }),
      201,
    );
    await ok(
      call("accounts.update", {
        id: account.body.account.id,
        tier: "growth",
        websites: { set: ["https://sweep.test"] },
      }),
    );
    const org = await ok(
      call("rev-orgs.create", { account: account.body.account.id, display_name: "Sweep EU" }),
      201,
    );
    await ok(call("rev-orgs.update", { id: org.body.rev_org.id, description: "EU entity" }));
    const contact = await ok(
      call("rev-users.create", {
        rev_org: org.body.rev_org.id,
        display_name: "Sam",
        email: "sam@sweep.test",
      }),
      201,
    );
    await ok(call("rev-users.update", { id: contact.body.rev_user.id, description: "buyer" }));
    await ok(call("rev-users.delete", { id: contact.body.rev_user.id }));
    await ok(call("rev-orgs.delete", { id: org.body.rev_org.id }));
    await ok(call("accounts.delete", { id: account.body.account.id }));

    const part = await ok(
      call("parts.create", { type: "product", name: "Sweep product", owned_by: [alice] }),
      201,
    );
    const feature = await ok(
      call("parts.create", {
        type: "capability",
        name: "Sweep capability",
        owned_by: [alice],
        parent_part: [part.body.part.id],
      }),
      201,
    );
    await ok(call("parts.update", { id: feature.body.part.id, type: "capability", name: "Renamed" }));
    await ok(call("parts.delete", { id: feature.body.part.id }));

    const article = await ok(
      call("articles.create", {
        title: "Sweep article",
        owned_by: [alice],
        resource: { url: "https://x.test" },
        status: "draft",
      }),
      201,
    );
    await ok(
      call("articles.update", {
        id: article.body.article.id,
        status: "published",
        applies_to_parts: { set: ["PROD-1"] },
      }),
    );
    const prepared = await ok(call("artifacts.prepare", { file_name: "body.html", file_type: "text/html" }));
    const form = new FormData();
    for (const f of prepared.body.form_data) form.append(f.key, f.value);
    form.append("file", new Blob(["<p>Sweep</p>"], { type: "text/html" }), "body.html");
    expect((await fetch(prepared.body.url, { method: "POST", body: form })).status).toBe(204);
    await ok(call("artifacts.get", { id: prepared.body.id }));
    await ok(call("artifacts.locate", { id: prepared.body.id }));
    await ok(call("articles.update", { id: article.body.article.id, content_artifact: prepared.body.id }));
    await ok(
      call(
        "articles.create",
        { title: "With body", owned_by: [alice], resource: { content_artifact: prepared.body.id } },
        {},
      ),
      201,
    );
    await ok(call("articles.delete", { id: article.body.article.id }));

    const conv = await ok(
      call("conversations.create", {
        type: "support",
        title: "Sweep conversation",
        members: ["REVU-1"],
        messages: [{ body: "hi" }],
      }),
      201,
    );
    await ok(call("conversations.update", { id: conv.body.conversation.id, stage: { name: "resolved" } }));
    await ok(call("conversations.delete", { id: conv.body.conversation.id }));

    const group = await ok(call("groups.create", { name: "Sweep group", description: "g" }), 201);
    await ok(call("groups.update", { id: group.body.group.id, description: "g2" }));
    await ok(call("groups.members.add", { group: group.body.group.id, member: alice }));
    await ok(call("groups.members.remove", { group: group.body.group.id, member: alice }));

    const qa = await ok(
      call("question-answers.create", {
        question: "Sweep?",
        answer: "Yes",
        applies_to_parts: ["PROD-1"],
        owned_by: [alice],
        status: "draft",
      }),
      201,
    );
    await ok(call("question-answers.update", { id: qa.body.question_answer.id, status: "published" }));
    await ok(call("question-answers.delete", { id: qa.body.question_answer.id }));

    const incident = await ok(call("incidents.create", { title: "Sweep incident", severity: 1 }), 201);
    await ok(call("incidents.update", { id: incident.body.incident.id, stage: { stage: "identified" } }));
    await ok(call("incidents.delete", { id: incident.body.incident.id }));

    const engagement = await ok(
      call("engagements.create", {
        title: "Sweep call",
        members: [alice],
        scheduled_date: "2030-01-01T10:00:00Z",
      }),
      201,
    );
    await ok(call("engagements.update", { id: engagement.body.engagement.id, description: "notes" }));
    await ok(call("engagements.delete", { id: engagement.body.engagement.id }));

    await ok(call("works.delete", { id: issue.body.work.id }));
    await ok(call("tags.delete", { id: tag.body.tag.id }));
    expect(sb.violations()).toEqual([]);
  });

  it("exercised every operation the sandbox serves", async () => {
    const { handlers } = await import("../../app/sandbox/handlers/index.js");
    const called = new Set(sb.state.requests().map((e) => e.op));
    expect(Object.keys(handlers).filter((op) => !called.has(op))).toEqual([]);
  });

  it("errors, including injected faults, have DevRev's documented shapes", async () => {
    sb.clearViolations();
    expect((await call("works.get", { id: "TKT-9999" })).status).toBe(404);
    expect(
      (await call("works.create", { type: "ticket", title: "x", applies_to_part: "FEAT-1" })).status,
    ).toBe(400);
    expect((await call("works.list", { type: ["bogus"] })).status).toBe(400);
    expect((await call("works.list", {}, { token: "bad" })).status).toBe(401);
    sb.state.setFaults("429:1");
    expect((await call("works.list", {})).status).toBe(429);
    sb.state.setFaults("500:1");
    expect((await call("works.list", {})).status).toBe(500);
    sb.state.setFaults("503:1");
    expect((await call("works.list", {})).status).toBe(503);
    sb.state.setFaults("");
    const requestViolations = sb.violations().filter((v) => v.includes(" request: "));
    expect(requestViolations.length).toBeGreaterThan(0);
    expect(sb.violations().filter((v) => v.includes(" response"))).toEqual([]);
  });
});

describe("the strict request validator", () => {
  it("rejects a field the spec does not declare, with a readable message", async () => {
    sb.clearViolations();
    const r = await call("works.list", { limit: 5, ownedBy: ["x"] });
    expect(r.status).toBe(400);
    expect(r.error).toMatchObject({ type: "bad_request" });
    expect(r.error.message).toContain('works.list request: / has unknown field "ownedBy"');
    expect(sb.violations()).toEqual(['works.list request: / has unknown field "ownedBy"']);
  });

  it("sees through discriminated unions and nested objects", () => {
    expect(
      validateRequest("works.create", {
        type: "issue",
        title: "t",
        applies_to_part: "p",
        owned_by: [],
        priority: "p1",
      }),
    ).toEqual([]);
    expect(
      validateRequest("works.create", {
        type: "issue",
        title: "t",
        applies_to_part: "p",
        owned_by: [],
        severity: "high",
      }),
    ).toEqual(['works.create request: / has unknown field "severity"']);
    expect(validateRequest("works.list", { stage: { names: ["x"] } })).toEqual([
      'works.list request: /stage has unknown field "names"',
    ]);
    expect(validateRequest("works.list", { limit: "5" })).toEqual([
      "works.list request: /limit must be integer",
    ]);
  });
});

describe("the response validator", () => {
  const ticket = {
    type: "ticket",
    id: "don:core:x:ticket/1",
    title: "t",
    owned_by: [{ type: "dev_user", id: "u" }],
  };

  it("accepts documented shapes and tolerates undocumented extra fields", () => {
    expect(validateResponse("works.get", 200, { work: { ...ticket, severity: "high", extra: 1 } })).toEqual(
      [],
    );
    expect(validateResponse("works.get", 404, { type: "not_found", message: "gone" })).toEqual([]);
  });

  it("reports wrong values, missing fields, wrong statuses", () => {
    expect(validateResponse("works.get", 200, { work: { ...ticket, severity: "urgent" } })).toEqual([
      'works.get response 200: /work/severity must be one of ["blocker","high","low","medium"]',
    ]);
    expect(validateResponse("works.get", 400, { type: "invalid_field", message: "x" })).toEqual([
      "works.get response 400: / must have required property 'field_name'",
    ]);
    expect(validateResponse("works.create", 200, { work: ticket })[0]).toMatch(/status 200 is not declared/);
    expect(validateResponse("works.nope", 200, {})).toEqual(["works.nope response: unknown operation"]);
  });
});
