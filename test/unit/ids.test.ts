import { describe, expect, it } from "vitest";
import { ToolInputError } from "../../app/mcp/tool-errors.js";
import { expectKind, parseObjectRef, WORK_KINDS } from "../../app/tools/shared/ids.js";

describe("object ids as people paste them", () => {
  it.each([
    ["TKT-123", "ticket", "TKT-123"],
    ["iss-45", "issue", "ISS-45"],
    ["  ISS-007 ", "issue", "ISS-7"],
    ["https://app.devrev.ai/acme/works/ISS-45", "issue", "ISS-45"],
    ["https://app.devrev.ai/acme/tickets/TKT-9?tab=timeline", "ticket", "TKT-9"],
    ["ACC-3", "account", "ACC-3"],
  ])("%s is a %s", (input, kind, id) => {
    expect(parseObjectRef(input)).toMatchObject({ kind, id });
  });

  it("reads the kind from a don: id", () => {
    expect(parseObjectRef("don:core:dvrv-us-1:devo/1abc:ticket/12")).toEqual({
      id: "don:core:dvrv-us-1:devo/1abc:ticket/12",
      kind: "ticket",
    });
    expect(parseObjectRef("don:identity:dvrv-us-1:devo/1abc:revo/2:revu/5").kind).toBe("rev_user");
  });

  it("rejects what is not an id", () => {
    expect(() => parseObjectRef("the login bug")).toThrow(ToolInputError);
    expect(() => parseObjectRef("don:core:nonsense")).toThrow(/not a valid DevRev id/);
  });

  it("names the right tool for a wrong kind of id", () => {
    expect(() => expectKind("ACC-3", WORK_KINDS, "a work item")).toThrow(
      '"ACC-3" is an account id, not a work item. Use devrev_accounts_get for an account.',
    );
  });
});
