import type { Samples } from "./types.js";

export const samples: Samples = {
  devrev_whoami: { happy: {}, bad: null },
  devrev_works_list: { happy: { type: ["ticket"], limit: 5 }, bad: { limit: "five" } },
  devrev_works_get: { happy: { id: "TKT-2" }, bad: { id: 42 } },
  devrev_works_create: {
    happy: { type: "issue", title: "Matrix issue", part: "PROD-1", priority: "p2" },
    bad: { type: "bug", title: "x", part: "PROD-1" },
  },
  devrev_works_update: {
    happy: { id: "ISS-2", title: "Renamed by the matrix" },
    bad: { id: "ISS-2", owned_by: [] },
  },
  devrev_timeline_entries_create: {
    happy: { object: "TKT-3", body: "matrix comment" },
    bad: { object: "TKT-3", body: "" },
  },
};
