import { defineResource } from "../../mcp/resource.js";
import { completePartIds } from "../shared/completion-sources.js";
import { fetchPartWithChildren } from "./fetch.js";
import { renderPartDetail } from "./part-shape.js";

export const partResource = defineResource({
  name: "part",
  title: "Part",
  description:
    "A DevRev product, capability, feature or enhancement (PROD-1, FEAT-3 or a don: id) and its children",
  uri: "devrev://parts/{id}",
  mimeType: "text/markdown",
  needs: ["devrev_parts_get"],
  async read(params, ctx) {
    const { part, children } = await fetchPartWithChildren(params.id ?? "", ctx);
    return renderPartDetail(part, children);
  },
  complete: { id: completePartIds },
});
