import type { Samples } from "./types.js";

// Articles, search, Q&A, incidents, engagements, recommendations and the catalogue search.
// Destructive samples delete objects no other sample uses (ART-6, QA-5, INC-3, ENG-4).

export const samples: Samples = {
  devrev_articles_list: { happy: { status: ["published"], limit: 5 }, bad: { status: ["live"] } },
  devrev_articles_get: { happy: { id: "ART-1" }, bad: { id: "TKT-1" } },
  devrev_articles_create: {
    happy: { title: "Matrix article", description: "Written by the matrix.", applies_to_parts: ["PROD-1"] },
    bad: { title: "" },
  },
  devrev_articles_update: { happy: { id: "ART-2", status: "review_needed" }, bad: { id: "ART-2" } },
  devrev_articles_delete: { happy: { id: "ART-6" }, bad: { id: "TKT-1" } },

  devrev_search: { happy: { query: "invoice", namespace: "article" }, bad: { query: "" } },

  devrev_question_answers_list: { happy: { limit: 5 }, bad: { limit: "five" } },
  devrev_question_answers_get: { happy: { id: "QA-1" }, bad: { id: "TKT-1" } },
  devrev_question_answers_create: {
    happy: { question: "Can I pay by bank transfer?", answer: "Yes, by SEPA.", applies_to_parts: ["PROD-1"] },
    bad: { question: "Q", answer: "A", applies_to_parts: [] },
  },
  devrev_question_answers_update: { happy: { id: "QA-2", verified: true }, bad: { id: "QA-2" } },
  devrev_question_answers_delete: { happy: { id: "QA-5" }, bad: { id: "ART-1" } },

  devrev_incidents_list: { happy: { stage: ["mitigated"] }, bad: { severity: ["high"] } },
  devrev_incidents_get: { happy: { id: "INC-1" }, bad: { id: "TKT-1" } },
  devrev_incidents_create: {
    happy: { title: "Matrix incident", severity: 2, applies_to_parts: ["PROD-1"], stage: "identified" },
    bad: { title: "Matrix incident", severity: 12 },
  },
  devrev_incidents_update: { happy: { id: "INC-1", stage: "resolved" }, bad: { id: "INC-1" } },
  devrev_incidents_delete: { happy: { id: "INC-3" }, bad: { id: "TKT-1" } },

  devrev_engagements_list: { happy: { parent: ["ACC-1"] }, bad: { type: ["zoom"] } },
  devrev_engagements_get: { happy: { id: "ENG-1" }, bad: { id: "TKT-1" } },
  devrev_engagements_create: {
    happy: {
      title: "Matrix sync",
      scheduled_date: "2024-06-01T10:00:00Z",
      members: ["me"],
      parent: "ACC-1",
      engagement_type: "call",
    },
    bad: { title: "Matrix sync", members: [], scheduled_date: "tomorrow" },
  },
  devrev_engagements_update: { happy: { id: "ENG-2", description: "Renewal notes" }, bad: { id: "ENG-2" } },
  devrev_engagements_delete: { happy: { id: "ENG-4" }, bad: { id: "ACC-1" } },

  devrev_recommendations: {
    happy: { query: "How long does a refund take?" },
    bad: { query: "refund", object: "TKT-1" },
  },

  devrev_find_tools: { happy: { query: "delete an article" }, bad: { query: "" } },
  // It runs another tool through the call layer; find_tools calls no DevRev operation, which is
  // what this tool declares of its own (the tools it runs are checked on their own samples).
  devrev_call_tool: {
    happy: { name: "devrev_find_tools", arguments: { query: "link" } },
    bad: { arguments: { query: "link" } },
  },
};
