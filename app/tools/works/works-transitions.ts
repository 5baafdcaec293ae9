import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { sanitizeLine } from "../../util/sanitize.js";
import { fetchWork } from "../shared/fetch.js";
import { loadTransitions, renderStage, stageSchema } from "./stage-transitions.js";

export const worksTransitions = defineTool({
  name: "devrev_works_transitions",
  title: "Allowed stage changes",
  toolset: "works",
  description:
    "The stages a work item may move to from its current one, per its stage diagram, with each stage's " +
    "state. Check before a stage change.",
  input: z.object({ id: z.string().min(1) }),
  output: z.object({
    work: z.object({
      id: z.string(),
      display_id: z.string().optional(),
      type: z.string(),
      title: z.string(),
    }),
    current: stageSchema,
    allowed: z.array(stageSchema),
    diagram: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["works.get", "schemas.aggregated.get", "stage-diagrams.get", "stages.custom.list"],
  async handler(args, ctx) {
    const work = await fetchWork(args.id, ctx);
    const shaped = {
      id: work.id,
      ...(work.display_id ? { display_id: work.display_id } : {}),
      type: work.type,
      title: sanitizeLine(work.title, 200),
    };
    const label = work.display_id ?? work.id;
    const t = await loadTransitions(work, ctx, { states: true });
    if (!t) {
      const current = { name: work.stage?.name ?? "unknown" };
      return {
        text: `${label} is in stage "${current.name}", which its stage diagram does not list, so the allowed moves are unknown. DevRev will decide when you update it.`,
        structured: { work: shaped, current, allowed: [] },
      };
    }
    const text = [
      `${label} [${work.type}] ${shaped.title}`,
      `Current stage: ${renderStage(t.current)}`,
      t.allowed.length ? "May move to:" : "No stage changes are allowed from here.",
      ...t.allowed.map((s) => `- ${renderStage(s)}`),
      t.allowed.length ? `Change it with devrev_works_update id="${label}" stage="<name>".` : "",
    ]
      .filter(Boolean)
      .join("\n");
    return {
      text,
      structured: { work: shaped, current: t.current, allowed: t.allowed, diagram: t.diagram },
    };
  },
});
