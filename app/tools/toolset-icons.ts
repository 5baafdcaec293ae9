// One icon per toolset, in the server icon's style (a rounded square with a short label), so a
// client that shows tool icons groups the tools it lists by toolset at a glance. Every colour
// keeps white bold text at a contrast of at least 3:1 (large text, WCAG AA).

export interface ToolsetIcon {
  /** One or two letters, drawn white on `color`. */
  label: string;
  color: string;
}

export const TOOLSET_ICONS: Readonly<Record<string, ToolsetIcon>> = {
  works: { label: "W", color: "#2563eb" },
  timeline: { label: "T", color: "#0e7490" },
  parts: { label: "P", color: "#7c3aed" },
  tags: { label: "#", color: "#db2777" },
  links: { label: "Ln", color: "#4f46e5" },
  groups: { label: "G", color: "#047857" },
  slas: { label: "SLA", color: "#dc2626" },
  sprints: { label: "Sp", color: "#c2410c" },
  schemas: { label: "{}", color: "#475569" },
  users: { label: "U", color: "#0f766e" },
  customers: { label: "C", color: "#15803d" },
  conversations: { label: "Cv", color: "#0369a1" },
  articles: { label: "A", color: "#a16207" },
  search: { label: "S", color: "#7e22ce" },
  qa: { label: "QA", color: "#a21caf" },
  incidents: { label: "!", color: "#b91c1c" },
  engagements: { label: "E", color: "#4d7c0f" },
  recommendations: { label: "R", color: "#b45309" },
  meta: { label: "?", color: "#1f2937" },
};

/** Where the HTTP server serves them (app/http/icons.ts). */
export const ICONS_PATH = "/icons";

/** A toolset's icon on a server whose public base URL (origin, no trailing slash) is `base`. */
export function toolsetIconUrl(base: string, toolset: string): string {
  return `${base}${ICONS_PATH}/${toolset}.svg`;
}

/** The icon as an SVG document; labels and colours are the constants above, never user input. */
export function toolsetIconSvg(icon: ToolsetIcon): string {
  const size = icon.label.length > 2 ? 10 : icon.label.length > 1 ? 13 : 17;
  const baseline = 16 + Math.round(size * 0.36);
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
    `<rect width="32" height="32" rx="7" fill="${icon.color}"/>` +
    `<text x="16" y="${baseline}" font-family="sans-serif" font-size="${size}" font-weight="700" ` +
    `fill="#fff" text-anchor="middle">${icon.label}</text></svg>`
  );
}
