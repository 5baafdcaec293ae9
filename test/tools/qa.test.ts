import { afterEach, describe, expect, it } from "vitest";
import { useToolClient } from "../support/mcp-server.js";

// The qa toolset (DevRev beta question-answers) against the seeded sandbox.

const mcp = useToolClient({ MCP_TOOLSETS: "qa", MCP_ENABLE_DESTRUCTIVE_TOOLS: "true" });
const { call } = mcp;
afterEach(() => {
  expect(mcp.server.sandbox.violations()).toEqual([]);
});

interface Qa {
  id: string;
  display_id?: string;
  question: string;
  answer: string;
  status?: string;
  verified?: boolean;
  parts?: Array<{ id: string; display_id?: string; name?: string }>;
  sources?: Array<{ id: string; display_id?: string; type: string; title?: string }>;
}

describe("qa toolset", () => {
  it("lists question-answers one per line with question, clipped answer and status", async () => {
    const { text, structured } = await call<{ items: Qa[]; count: number }>("devrev_question_answers_list");
    expect(structured.count).toBe(5);
    expect(text.split("\n")[0]).toMatch(
      /^QA-5 Q: Does revoking a PAT .+ A: No\. .+ — status: review_needed · part: /,
    );
    expect(text).toMatch(/^QA-1 Q: How do I download an invoice .+ — status: published, verified/m);
    expect(text.split("\n").at(-1)).toBe("End of question-answers.");
  });

  it("filters by source article and by owner", async () => {
    const byArticle = await call<{ items: Qa[] }>("devrev_question_answers_list", {
      applies_to_articles: ["ART-3"],
    });
    expect(byArticle.structured.items.map((q) => q.display_id)).toEqual(["QA-2"]);
    const mine = await call<{ items: Qa[] }>("devrev_question_answers_list", { owned_by: ["me"], limit: 2 });
    expect(mine.structured.items).toHaveLength(2);
    expect(mine.text).toMatch(/More question-answers exist: call again with cursor=/);
    const wrong = await call("devrev_question_answers_list", { applies_to_articles: ["TKT-1"] });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toMatch(/not an article\. Use devrev_works_get/);
  });

  it("gets one with its whole answer and cited sources", async () => {
    const { text, structured } = await call<{ question_answer: Qa }>("devrev_question_answers_get", {
      id: "QA-1",
    });
    expect(structured.question_answer.sources?.[0]).toMatchObject({
      display_id: "ART-1",
      type: "article",
      title: "How to download past invoices",
    });
    expect(text).toContain("sources: ART-1 How to download past invoices");
    expect(text).toContain("A: Use Request archive on the Invoices page;");
    const wrongKind = await call("devrev_question_answers_get", { id: "INC-1" });
    expect(wrongKind.isError).toBe(true);
    expect(wrongKind.text).toMatch(
      /"INC-1" is an incident id, not a question-answer\. Use devrev_incidents_get/,
    );
  });

  it("creates a draft citing an article, publishes it, and deletes it", async () => {
    const created = await call<{ question_answer: Qa }>("devrev_question_answers_create", {
      question: "Can I get invoices in another currency?",
      answer: "Yes: set the billing currency under Billing > Settings.",
      applies_to_parts: ["PROD-1"],
      sources: ["ART-1"],
      topic: "Invoices",
    });
    expect(created.isError).toBe(false);
    const qa = created.structured.question_answer;
    expect(qa.status).toBe("draft");
    expect(qa.sources?.map((s) => s.display_id)).toEqual(["ART-1"]);
    expect(qa.parts?.[0]?.display_id).toBe("PROD-1");

    const updated = await call<{ question_answer: Qa; changed: string[] }>("devrev_question_answers_update", {
      id: qa.display_id,
      status: "published",
      verified: true,
    });
    expect(updated.structured.changed).toEqual(["status", "verified"]);
    expect(updated.structured.question_answer).toMatchObject({ status: "published", verified: true });

    const nothing = await call("devrev_question_answers_update", { id: qa.display_id });
    expect(nothing.text).toMatch(/^Nothing to change/);

    const deleted = await call<{ deleted: string }>("devrev_question_answers_delete", {
      id: qa.id,
      confirm: true,
    });
    expect(deleted.structured.deleted).toBe(qa.id);
    const gone = await call("devrev_question_answers_get", { id: qa.id });
    expect(gone.isError).toBe(true);
    expect(gone.text).toMatch(/DevRev found no such object/);
  });

  it("requires at least one part when creating", async () => {
    const bad = await call("devrev_question_answers_create", {
      question: "Q?",
      answer: "A.",
      applies_to_parts: [],
    });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/Invalid arguments[\s\S]*applies_to_parts/);
  });
});
