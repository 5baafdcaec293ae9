import { defineResource } from "../../mcp/resource.js";
import { completeWorkIds } from "../shared/completion-sources.js";
import { fetchWork } from "../shared/fetch.js";
import { WORK_KINDS } from "../shared/ids.js";
import { renderWorkDetail, toWorkDetail } from "./work-shape.js";

export const workResource = defineResource({
  name: "work",
  title: "Work item",
  description: "A DevRev ticket, issue or task by display id (TKT-12, ISS-7) or don: id",
  uri: "devrev://works/{id}",
  mimeType: "text/markdown",
  needs: ["devrev_works_get"],
  async read(params, ctx) {
    const work = await fetchWork(params.id ?? "", ctx, WORK_KINDS, "a work item");
    return renderWorkDetail(toWorkDetail(work, 16_000));
  },
  complete: { id: completeWorkIds() },
});
