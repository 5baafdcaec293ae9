import { z } from "zod";
import { defineTool } from "../../mcp/tool.js";
import { fields, userLabel } from "../shared/format.js";
import { expectKind } from "../shared/ids.js";
import {
  groupIdInput,
  groupSchema,
  memberSchema,
  renderMemberLine,
  toGroup,
  toMember,
} from "./group-shape.js";

const MEMBERS_SHOWN = 50;

export const groupsGet = defineTool({
  name: "devrev_groups_get",
  title: "Get a group",
  toolset: "groups",
  description: `Get a group, its owner and first ${MEMBERS_SHOWN} members (the rest via devrev_groups_members).`,
  input: z.object({ id: groupIdInput }),
  output: z.object({
    group: groupSchema,
    members: z.array(memberSchema),
    more_members: z.boolean(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  operations: ["groups.get", "groups.members.list"],
  async handler(args, ctx) {
    const ref = expectKind(args.id, ["group"], "a group");
    const { group } = await ctx.call("groups.get", { id: ref.id });
    const page = await ctx.call("groups.members.list", { group: group.id, limit: MEMBERS_SHOWN });
    const shaped = toGroup(group);
    const members = page.members.map((m) => toMember(m.member));
    const more = !!page.next_cursor;
    const head = [
      `${shaped.display_id ?? ""} ${shaped.name}`.trim(),
      `id: ${shaped.id}`,
      fields([
        ["members", shaped.member_type?.replace("_", " ")],
        ["owner", shaped.owner ? userLabel(shaped.owner) : undefined],
        ["default", shaped.is_default ? "yes" : undefined],
      ]),
      shaped.description ?? "",
    ].filter(Boolean);
    const list = members.length
      ? [`Members (${members.length}${more ? "+" : ""}):`, ...members.map(renderMemberLine)]
      : ["No members."];
    if (more)
      list.push(
        `More members exist: devrev_groups_members action=list group="${shaped.id}" cursor="${page.next_cursor}".`,
      );
    const text = [...head, "", ...list].join("\n");
    return { text, structured: { group: shaped, members, more_members: more } };
  },
});
