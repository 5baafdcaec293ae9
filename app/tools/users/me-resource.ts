import { defineResource } from "../../mcp/resource.js";
import { sanitizeLine } from "../../util/sanitize.js";

export const meResource = defineResource({
  name: "me",
  title: "Me",
  description: "The DevRev user this connection acts as",
  uri: "devrev://me",
  mimeType: "text/markdown",
  needs: ["devrev_whoami"],
  async read(_params, ctx) {
    const { dev_user: me } = await ctx.call("dev-users.self", {});
    return [
      `# ${sanitizeLine(me.full_name ?? me.display_name ?? me.email ?? me.id)}`,
      me.email ? `- e-mail: ${me.email}` : "",
      me.display_name ? `- handle: ${sanitizeLine(me.display_name)}` : "",
      me.state ? `- state: ${me.state}` : "",
      `- id: ${me.id}`,
    ]
      .filter(Boolean)
      .join("\n");
  },
});
