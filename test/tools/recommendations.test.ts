import { afterEach, describe, expect, it } from "vitest";
import { useToolClient } from "../support/mcp-server.js";

// devrev_recommendations (DevRev beta recommendations.get-reply) against the seeded knowledge base.

const queries: string[] = [];

const mcp = useToolClient(
  { MCP_TOOLSETS: "recommendations", MCP_PERMITTED_TOOLSETS: "recommendations" },
  {
    sandboxOptions: {
      hooks: {
        onRequest(op, body) {
          if (op === "recommendations.get-reply") queries.push((body as { query: string }).query);
          return undefined;
        },
      },
    },
  },
);
afterEach(() => {
  expect(mcp.server.sandbox.violations()).toEqual([]);
});

type Out = {
  reply: string;
  sources: Array<{ type: string; id: string; display_id?: string; title?: string }>;
  based_on?: string;
};

async function call(args: Record<string, unknown>) {
  queries.length = 0;
  return mcp.call<Out>("devrev_recommendations", args);
}

describe("devrev_recommendations", () => {
  it("answers a question from the knowledge base and cites its sources", async () => {
    const { text, structured } = await call({ query: "How long does a refund take?" });
    expect(structured.reply).toBe("Refunds appear on the card statement within 5 to 10 business days.");
    expect(structured.sources[0]).toMatchObject({ type: "question_answer", display_id: "QA-3" });
    expect(text).toMatch(
      /^Suggested reply:\n\nRefunds appear .+\n\nSources: QA-3 How long does a refund take\?/,
    );
  });

  it("answers what the customer wrote on a ticket", async () => {
    const ticket = await mcp.client.callTool({ name: "devrev_works_get", arguments: { id: "TKT-1" } });
    // The works toolset is not permitted on this server; the recommendation reads the ticket itself.
    expect(ticket.isError).toBe(true);
    const { text, structured } = await call({ object: "TKT-1" });
    expect(structured.based_on).toBe("TKT-1");
    expect(text.split("\n")[0]).toBe("Suggested reply to TKT-1:");
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatch(/\S/);
    expect(structured.sources.length).toBeGreaterThan(0);
  });

  it("answers the latest message of a conversation", async () => {
    const { structured } = await call({ object: "CONV-5" });
    expect(structured.based_on).toBe("CONV-5");
    expect(queries[0]).toMatch(/^Refund status\n/);
    expect(structured.reply).toMatch(/refund/i);
  });

  it("needs exactly one of query and object, and a ticket or conversation id", async () => {
    const both = await call({ query: "refund", object: "TKT-1" });
    expect(both.isError).toBe(true);
    expect(both.text).toMatch(/exactly one must be set/);
    const neither = await call({});
    expect(neither.isError).toBe(true);
    const wrong = await call({ object: "ACC-1" });
    expect(wrong.text).toMatch(/"ACC-1" is an account id, not a ticket or conversation/);
    expect(queries).toEqual([]);
  });
});
