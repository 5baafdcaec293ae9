/** What a new user needs after `npm run sandbox`: the URL, a token, and configs to paste. */
export function printSandboxBanner(url: string, authMode: string): void {
  const token = "sandbox-alice";
  const auth = authMode === "none" ? "" : ` --header "Authorization: Bearer ${token}"`;
  const desktop = JSON.stringify(
    {
      mcpServers: {
        "devrev-sandbox": {
          command: "npx",
          args: [
            "-y",
            "mcp-remote@latest",
            url,
            ...(authMode === "none" ? [] : ["--header", `Authorization: Bearer ${token}`]),
          ],
        },
      },
    },
    null,
    2,
  );
  const cursor = JSON.stringify(
    { mcpServers: { "devrev-sandbox": { url, headers: { Authorization: `Bearer ${token}` } } } },
    null,
    2,
  );
  const vscode = JSON.stringify(
    { servers: { "devrev-sandbox": { type: "http", url, headers: { Authorization: `Bearer ${token}` } } } },
    null,
    2,
  );
  process.stderr.write(
    [
      "",
      "DevRev MCP server is running on the local DevRev sandbox (fake data, no account needed).",
      `  MCP endpoint: ${url}`,
      `  Tokens:       sandbox-alice, sandbox-bob (acme.test), sandbox-eve (other.test)`,
      ...(authMode === "devrev-pat"
        ? [
            `  OAuth door:   ${url.replace(/\/mcp$/, "/oauth/mcp")} (Claude/ChatGPT connectors; paste a sandbox token on the consent page)`,
          ]
        : []),
      "",
      "Claude Code:",
      `  claude mcp add --transport http devrev-sandbox ${url}${auth}`,
      "",
      "Cursor (~/.cursor/mcp.json):",
      cursor,
      "",
      "VS Code (.vscode/mcp.json):",
      vscode,
      "",
      "Claude Desktop (claude_desktop_config.json):",
      desktop,
      "",
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
}
