import { describe, expect, it } from "vitest";
import { useToolClient } from "../support/mcp-server.js";

// The sprints toolset: sprint boards (vistas), their sprints, and the issues in a sprint.

const mcp = useToolClient({ MCP_TOOLSETS: "all" });
const { call } = mcp;

const store = () => mcp.server.sandbox.state.store;
const BOARD = "don:core:dvrv-us-1:devo/1sandbx:vista/1";

describe("sprint boards and sprints", () => {
  it("lists vistas and finds sprint boards", async () => {
    const all = await call("devrev_vistas_list");
    expect(all.items.map((v) => v.name)).toEqual(
      store()
        .vistas.all()
        .map((v) => v.name),
    );
    const boards = await call("devrev_vistas_list", { flavor: ["sprint_board"] });
    expect(boards.text).toBe(
      `Engineering sprint board — type: sprint_board · shows: works · id: ${BOARD}\nEnd of vistas.`,
    );
    const board = await call("devrev_vistas_get", { id: BOARD });
    expect(board.structured.vista).toMatchObject({
      name: "Engineering sprint board",
      type: "grouped",
      flavor: "sprint_board",
    });
    expect(board.text).toContain(`Sprints: devrev_sprints_list board="${BOARD}".`);
    const wrong = await call("devrev_vistas_get", { id: "ISS-1" });
    expect(wrong.text).toMatch(/is not a vista \(board\) id/);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });

  it("lists a board's sprints with state and dates, filters the active one, and finds its issues", async () => {
    const sprints = await call("devrev_sprints_list", { board: BOARD });
    expect(sprints.items.map((s) => [s.name, s.state])).toEqual([
      ["Sprint 23", "completed"],
      ["Sprint 24", "active"],
      ["Sprint 25", "planned"],
    ]);
    expect(sprints.text.split("\n")[1]).toMatch(
      /^Sprint 24 — active · \d{4}-\d{2}-\d{2} → \d{4}-\d{2}-\d{2} · board: Engineering sprint board · id: don:core:.*vista_group\/2$/,
    );
    const active = await call("devrev_sprints_list", { state: ["active"] });
    expect(active.items).toHaveLength(1);
    const sprintId = active.items[0]?.id as string;
    const issues = await call("devrev_works_list", { sprint: [sprintId], limit: 100 });
    const expected = store()
      .works.all()
      .filter((w) => w.sprint === sprintId);
    expect(issues.items.map((w) => w.display_id).sort()).toEqual(expected.map((w) => w.display_id).sort());
    expect(expected.length).toBeGreaterThan(0);
    expect(mcp.server.sandbox.violations()).toEqual([]);
  });
});
