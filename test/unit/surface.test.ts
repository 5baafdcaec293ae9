import { describe, expect, it } from "vitest";
import {
  forwardingAnnotations,
  listedTools,
  narrow,
  refusedReason,
  type Surface,
  type ToolsetFilter,
} from "../../app/mcp/surface.js";
import { TOOLS } from "../../app/tools/catalog.js";

// The surface model as pure functions, over the real catalogue and every combination of the
// operator's settings with a request's narrowing: what is listed is always permitted, narrowing
// never permits more, and devrev_call_tool is listed exactly when it can reach something unlisted.

const FILTERS: ToolsetFilter[] = [
  "all",
  new Set(["default"]),
  new Set(["works"]),
  new Set(["works", "links", "meta"]),
  new Set(["default", "customers"]),
];
const REQUESTS: Array<Parameters<typeof narrow>[1]> = [
  {},
  { readOnly: true },
  { toolsets: "all" },
  { toolsets: new Set(["works"]) },
  { toolsets: new Set(["links", "meta"]), readOnly: true },
  { toolsets: new Set(["default"]) },
];

function* surfaces(): Generator<Surface> {
  for (const permitted of FILTERS)
    for (const listed of FILTERS)
      for (const readOnly of [false, true])
        for (const destructive of [false, true])
          for (const beta of [false, true])
            yield { permitted: [permitted], listed, readOnly, destructive, beta };
}

const permittedNames = (s: Surface) => TOOLS.filter((t) => !refusedReason(t, s)).map((t) => t.name);

describe("the surface model", () => {
  it("lists only permitted tools, and a request never permits more than the server", () => {
    for (const base of surfaces()) {
      const allowed = new Set(permittedNames(base));
      for (const request of REQUESTS) {
        const narrowed = narrow(base, request);
        const permitted = permittedNames(narrowed);
        expect(permitted.filter((n) => !allowed.has(n))).toEqual([]);
        const listed = listedTools(TOOLS, narrowed).map((t) => t.name);
        expect(listed.filter((n) => !permitted.includes(n))).toEqual([]);
        if (request.readOnly) {
          const writes = TOOLS.filter(
            (t) => permitted.includes(t.name) && !t.forwards && !t.annotations.readOnlyHint,
          );
          expect(writes.map((t) => t.name)).toEqual([]);
        }
      }
    }
  });

  it("lists devrev_call_tool exactly while a permitted tool is not listed", () => {
    for (const s of surfaces()) {
      const listed = listedTools(TOOLS, s).map((t) => t.name);
      const permitted = permittedNames(s).filter((n) => n !== "devrev_call_tool");
      const unlisted = permitted.filter((n) => !listed.includes(n));
      // devrev_call_tool is in meta and on the default surface.
      const selected = s.listed === "all" || s.listed.has("meta") || s.listed.has("default");
      const reachable = selected && permittedNames(s).includes("devrev_call_tool");
      expect(listed.includes("devrev_call_tool"), JSON.stringify({ ...s, unlisted })).toBe(
        reachable && unlisted.length > 0,
      );
    }
  });

  it("gives devrev_call_tool the widest hints of what it may run", () => {
    const base: Surface = {
      permitted: ["all"],
      listed: new Set(["default"]),
      readOnly: false,
      destructive: false,
      beta: true,
    };
    expect(forwardingAnnotations(TOOLS, base)).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    expect(forwardingAnnotations(TOOLS, { ...base, destructive: true })).toMatchObject({
      destructiveHint: true,
    });
    expect(forwardingAnnotations(TOOLS, narrow(base, { readOnly: true }))).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
    });
  });

  it("names who can lift a refusal", () => {
    const links = TOOLS.find((t) => t.name === "devrev_links_create");
    if (!links) throw new Error("devrev_links_create is missing");
    const server: Surface = {
      permitted: [new Set(["works"])],
      listed: "all",
      readOnly: false,
      destructive: false,
      beta: true,
    };
    expect(refusedReason(links, server)).toMatch(/not permitted on this server .*MCP_PERMITTED_TOOLSETS/);
    const request = narrow({ ...server, permitted: ["all"] }, { toolsets: new Set(["works"]) });
    expect(refusedReason(links, request)).toMatch(/this request selected other toolsets .*X-MCP-Toolsets/);
    expect(refusedReason(links, narrow({ ...server, permitted: ["all"] }, { readOnly: true }))).toMatch(
      /read-only/,
    );
  });
});
