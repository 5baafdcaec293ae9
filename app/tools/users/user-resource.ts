import { defineResource } from "../../mcp/resource.js";
import { ToolInputError } from "../../mcp/tool-errors.js";
import { parseObjectRef } from "../shared/ids.js";
import { fetchDevUser } from "./dev-users-get.js";
import { renderDevUserDetail, renderRevUserDetail, toDevUser, toRevUser } from "./user-shape.js";

export const userResource = defineResource({
  name: "user",
  title: "User",
  description:
    'A DevRev user: a team member (DEVU-2, "me") or a customer contact (REVU-3), or either by don: id',
  uri: "devrev://users/{id}",
  mimeType: "text/markdown",
  needs: ["devrev_dev_users_get", "devrev_rev_users_get"],
  async read(params, ctx) {
    const id = params.id ?? "";
    if (id.trim().toLowerCase() === "me") return renderDevUserDetail(toDevUser(await fetchDevUser(id, ctx)));
    const ref = parseObjectRef(id);
    if (ref.kind === "dev_user") return renderDevUserDetail(toDevUser(await fetchDevUser(id, ctx)));
    if (ref.kind === "rev_user") {
      const { rev_user } = await ctx.call("rev-users.get", { id: ref.id });
      return renderRevUserDetail(toRevUser(rev_user, true));
    }
    throw new ToolInputError(`"${id.slice(0, 80)}" is not a user id: use "me", DEVU-2, REVU-3 or a don: id.`);
  },
  complete: {
    // Team members recently active first; contacts when the value looks like one (REVU-…).
    async id(value, ctx) {
      const needle = value.trim().toLowerCase();
      if (needle.startsWith("revu")) {
        const { rev_users, next_cursor } = await ctx.call("rev-users.list", {
          limit: 50,
          sort_by: ["modified_date:desc"],
        });
        const values = rev_users
          .map((u) => u.display_id ?? u.id)
          .filter((id) => id.toLowerCase().startsWith(needle));
        return { values, hasMore: next_cursor !== undefined };
      }
      const { dev_users, next_cursor } = await ctx.call("dev-users.list", {
        limit: 50,
        state: ["active"],
        sort_by: ["modified_date:desc"],
      });
      const matches = dev_users.filter((u) =>
        [u.display_id, u.display_name, u.full_name, u.email].some((f) => f?.toLowerCase().startsWith(needle)),
      );
      const values = [
        ...("me".startsWith(needle) ? ["me"] : []),
        ...matches.map((u) => u.display_id ?? u.id),
      ];
      // Only the 50 most recently active are searched: say so when there are more.
      return { values, hasMore: next_cursor !== undefined };
    },
  },
});
