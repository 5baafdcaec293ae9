import type { Samples } from "./types.js";

// Works extras, timeline, parts, tags, links, groups, SLAs, sprints and schemas against the seeded
// sandbox. Ids below are the seed's (deterministic): comments on TKT-2, the first links, GRP-1..3.

const ORG = "don:core:dvrv-us-1:devo/1sandbx";
const IDENTITY = "don:identity:dvrv-us-1:devo/1sandbx";
const BOB = `${IDENTITY}:devu/2`;

export const samples: Samples = {
  devrev_works_mine: { happy: {}, bad: { limit: "ten" } },
  devrev_works_transitions: { happy: { id: "TKT-2" }, bad: { id: 7 } },
  devrev_works_delete: { happy: { id: "TKT-59" }, bad: { id: "" } },

  devrev_timeline_entries_list: {
    happy: { object: "TKT-2", limit: 10 },
    bad: { object: "TKT-2", show: "everything" },
  },
  devrev_timeline_entries_update: {
    happy: { id: `${ORG}:ticket/2:comment/7`, body: "Edited by the matrix" },
    bad: { id: `${ORG}:ticket/2:comment/7`, body: "" },
  },
  devrev_timeline_entries_delete: { happy: { id: `${ORG}:ticket/2:comment/8` }, bad: { id: "" } },

  devrev_parts_list: { happy: { type: ["feature"], limit: 5 }, bad: { type: ["module"] } },
  devrev_parts_get: { happy: { id: "PROD-1" }, bad: { id: 5 } },
  devrev_parts_create: {
    happy: { type: "feature", name: "Matrix feature", parent: "CAPL-1" },
    bad: { type: "feature", name: "" },
  },
  devrev_parts_update: {
    happy: { id: "FEAT-2", description: "Updated by the matrix" },
    bad: { id: "FEAT-2" },
  },
  devrev_parts_delete: { happy: { id: "ENH-2" }, bad: { id: "" } },

  devrev_tags_list: { happy: { limit: 5 }, bad: { limit: "x" } },
  devrev_tags_get: { happy: { id: "TAG-1" }, bad: { id: 1 } },
  devrev_tags_create: {
    happy: { name: "matrix-tag", color: "#123456" },
    bad: { name: "matrix-bad", color: "red" },
  },
  devrev_tags_update: { happy: { id: "TAG-7", description: "Usability and design" }, bad: { id: "TAG-7" } },
  devrev_tags_delete: { happy: { id: "TAG-6" }, bad: { id: "" } },

  devrev_links_list: { happy: { object: "TKT-1" }, bad: {} },
  devrev_links_create: {
    happy: { source: "TKT-2", target: "ISS-2", link_type: "is_related_to" },
    bad: { source: "TKT-2", target: "ISS-2", link_type: "relates" },
  },
  devrev_links_delete: { happy: { id: `${ORG}:link/2` }, bad: { id: "TKT-1" } },

  devrev_groups_list: { happy: { limit: 5 }, bad: { member_type: ["bot"] } },
  devrev_groups_get: { happy: { id: "GRP-1" }, bad: { id: "" } },
  devrev_groups_create: {
    happy: { name: "Matrix group", description: "Created by the matrix" },
    bad: { name: "Matrix group" },
  },
  devrev_groups_update: { happy: { id: "GRP-3", description: "Owns the apps" }, bad: { id: "GRP-3" } },
  devrev_groups_members: {
    happy: { group: "GRP-2", action: "add", member: BOB },
    bad: { group: "GRP-2", action: "add" },
  },
  devrev_groups_members_remove: { happy: { group: "GRP-1", member: BOB }, bad: { group: "GRP-1" } },

  devrev_slas_list: { happy: { applies_to: ["ticket"] }, bad: { status: ["live"] } },
  devrev_slas_get: { happy: { id: `${ORG}:sla/1` }, bad: { id: "TKT-1" } },
  devrev_sla_trackers_get: { happy: { id: "TKT-3" }, bad: { id: "ACC-1" } },

  devrev_vistas_list: { happy: { flavor: ["sprint_board"] }, bad: { flavor: ["kanban"] } },
  devrev_vistas_get: { happy: { id: `${ORG}:vista/1` }, bad: { id: "TKT-1" } },
  devrev_sprints_list: { happy: { board: `${ORG}:vista/1` }, bad: { state: ["done"] } },

  devrev_subtypes_list: { happy: { leaf_type: "ticket" }, bad: { leaf_type: "widget" } },
  devrev_custom_fields_get: {
    happy: { leaf_type: "ticket", subtype: "billing_dispute" },
    bad: {},
  },
};
