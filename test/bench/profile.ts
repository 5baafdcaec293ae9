// Summarises a V8 .cpuprofile of the bundled server or sandbox: self time grouped by where the code
// comes from (our app/ modules, each npm package, Node internals), using the `// app/...` and
// `// node_modules/...` markers esbuild leaves in the bundle. Also usable alone:
//   npx tsx test/bench/profile.ts <file.cpuprofile> [distDir]
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileGroup {
  group: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  total_ms: number;
  /** Share of the samples where the process had something to do. */
  busy_ms: number;
  groups: ProfileGroup[];
  /** Our own functions (app/), by self time. */
  functions: ProfileGroup[];
  /** Every function, whatever its origin (Node, npm packages, ours), by self time. */
  everything: ProfileGroup[];
}

function moduleMarkers(file: string): Array<[number, string]> {
  const markers: Array<[number, string]> = [];
  let lines: string[] = [];
  try {
    lines = readFileSync(file, "utf8").split("\n");
  } catch {
    return markers;
  }
  lines.forEach((line, i) => {
    const m = /^\/\/ ((?:node_modules|app)\/\S+)/.exec(line);
    if (m?.[1]) markers.push([i, m[1]]);
  });
  return markers;
}

export function summariseProfile(file: string, distDir: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const markerCache = new Map<string, Array<[number, string]>>();
  const groupOf = (cf: CallFrame): string => {
    const { url } = cf;
    if (!url) return cf.functionName.startsWith("(") ? cf.functionName : "native";
    const inDist = url.indexOf("/dist/");
    if (inDist >= 0) {
      const bundle = url.slice(inDist + "/dist/".length);
      let markers = markerCache.get(bundle);
      if (!markers) {
        markers = moduleMarkers(path.join(distDir, bundle));
        markerCache.set(bundle, markers);
      }
      let mod = "bundle";
      for (const [line, name] of markers) {
        if (line > cf.lineNumber) break;
        mod = name;
      }
      if (mod.startsWith("node_modules/")) {
        const parts = mod.split("/");
        return `npm:${parts[1]?.startsWith("@") ? `${parts[1]}/${parts[2]}` : parts[1]}`;
      }
      return mod.startsWith("app/") ? mod.split("/").slice(0, 3).join("/") : mod;
    }
    if (url.includes("undici")) return "node:fetch (undici)";
    if (url.includes("webstreams")) return "node:webstreams";
    return `node:${url.replace(/^node:(internal\/)?/, "").split("/")[0]}`;
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  const everything = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    const node = byId.get(id);
    if (!node) return;
    const group = groupOf(node.callFrame);
    groups.set(group, (groups.get(group) ?? 0) + us);
    const name = node.callFrame.functionName || "(anonymous)";
    const fn = name === group ? name : `${name} (${group})`;
    if (group.startsWith("app/")) functions.set(fn, (functions.get(fn) ?? 0) + us);
    everything.set(fn, (everything.get(fn) ?? 0) + us);
  });
  const idle = (groups.get("(idle)") ?? 0) + (groups.get("(program)") ?? 0);
  const busy = total - idle;
  const list = (m: Map<string, number>) =>
    [...m]
      .filter(([k]) => k !== "(idle)" && k !== "(program)")
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([group, us]) => ({
        group,
        ms: Math.round(us / 1000),
        share: Math.round((us / (busy || 1)) * 1000) / 10,
      }));
  return {
    total_ms: Math.round(total / 1000),
    busy_ms: Math.round(busy / 1000),
    groups: list(groups),
    functions: list(functions),
    everything: list(everything),
  };
}

export function formatProfile(title: string, s: ProfileSummary): string {
  const rows = s.groups.map((g) => `  ${g.share.toFixed(1).padStart(5)}%  ${g.group}`);
  const line = (g: ProfileGroup) => `  ${g.share.toFixed(1).padStart(5)}%  ${g.group}`;
  return [
    `${title}: ${s.busy_ms} ms busy of ${s.total_ms} ms sampled (shares of busy time)`,
    ...rows,
    "  hottest functions of our own code:",
    ...s.functions.slice(0, 8).map(line),
    "  hottest functions of any origin (self time; writev includes time preempted in the syscall):",
    ...s.everything.slice(0, 12).map(line),
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [file, dist = "dist"] = process.argv.slice(2);
  if (!file) {
    process.stderr.write("usage: tsx test/bench/profile.ts <file.cpuprofile> [distDir]\n");
    process.exit(2);
  }
  process.stdout.write(`${formatProfile(path.basename(file), summariseProfile(file, dist, 25))}\n`);
}
