// search.core and search.hybrid (beta): a plain case-insensitive text match standing in for
// DevRev's search. Every query term must occur in the object's text; title hits rank higher.
import type { S } from "../api-types.js";
import { badRequest } from "../errors.js";
import type { Fields } from "../fields.js";
import { PAGE } from "../fields.js";
import { paginate, readLimit } from "../pagination.js";
import type { Store } from "../store.js";
import {
  accountSummary,
  articleSummary,
  conversationSummary,
  groupSummary,
  orgSummary,
  partSummary,
  questionAnswerSummary,
  userSummary,
  workSummary,
} from "../summaries.js";
import type { Handlers } from "./context.js";

interface Doc {
  namespaces: string[];
  title: string;
  text: string;
  modified_date: string;
  result: (snippet: string) => S["search-result"];
}

function docs(store: Store): Doc[] {
  const out: Doc[] = [];
  for (const w of store.works.all()) {
    out.push({
      namespaces: [w.type, "work"],
      title: `${w.display_id} ${w.title}`,
      text: w.body ?? "",
      modified_date: w.modified_date,
      result: (snippet) => ({
        type: "work",
        work: workSummary(store, w),
        snippet,
        modified_date: w.modified_date,
      }),
    });
  }
  for (const a of store.articles.all()) {
    out.push({
      namespaces: ["article"],
      title: `${a.display_id} ${a.title}`,
      text: a.description ?? "",
      modified_date: a.modified_date,
      result: (snippet) => ({
        type: "article",
        article: articleSummary(store, a.id),
        snippet,
        modified_date: a.modified_date,
      }),
    });
  }
  for (const a of store.accounts.all()) {
    out.push({
      namespaces: ["account"],
      title: `${a.display_id} ${a.display_name}`,
      text: [a.description ?? "", ...a.domains].join(" "),
      modified_date: a.modified_date,
      result: (snippet) => ({
        type: "account",
        account: accountSummary(store, a.id),
        snippet,
        modified_date: a.modified_date,
      }),
    });
  }
  for (const o of store.revOrgs.all()) {
    out.push({
      namespaces: ["rev_org"],
      title: `${o.display_id} ${o.display_name}`,
      text: o.description ?? "",
      modified_date: o.modified_date,
      result: (snippet) => ({
        type: "org",
        org: orgSummary(store, o.id),
        snippet,
        modified_date: o.modified_date,
      }),
    });
  }
  for (const c of store.conversations.all()) {
    out.push({
      namespaces: ["conversation"],
      title: `${c.display_id} ${c.title}`,
      text: c.description ?? "",
      modified_date: c.modified_date,
      result: (snippet) => ({
        type: "conversation",
        conversation: conversationSummary(store, c.id),
        snippet,
        modified_date: c.modified_date,
      }),
    });
  }
  for (const u of [...store.revUsers.all(), ...store.devUsers.all()]) {
    const isRev = store.resolve(u.id)?.kind === "rev_user";
    out.push({
      namespaces: [isRev ? "rev_user" : "dev_user"],
      title: `${u.display_id} ${u.display_name}`,
      text: u.email ?? "",
      modified_date: u.modified_date,
      result: (snippet) => ({
        type: "user",
        user: userSummary(store, u.id),
        snippet,
        modified_date: u.modified_date,
      }),
    });
  }
  for (const p of store.parts.all()) {
    out.push({
      namespaces: [p.type, "part"],
      title: `${p.display_id} ${p.name}`,
      text: p.description ?? "",
      modified_date: p.modified_date,
      result: (snippet) => ({
        type: "part",
        part: partSummary(store, p.id),
        snippet,
        modified_date: p.modified_date,
      }),
    });
  }
  for (const q of store.questionAnswers.all()) {
    out.push({
      namespaces: ["question_answer"],
      title: q.question,
      text: q.answer,
      modified_date: q.modified_date,
      result: (snippet) => ({
        type: "question_answer",
        question_answer: questionAnswerSummary(store, q.id),
        snippet,
        modified_date: q.modified_date,
      }),
    });
  }
  for (const g of store.groups.all()) {
    out.push({
      namespaces: ["group"],
      title: g.name,
      text: g.description,
      modified_date: g.modified_date,
      result: (snippet) => ({
        type: "group",
        group: groupSummary(store, g.id),
        snippet,
        modified_date: g.modified_date,
      }),
    });
  }
  return out;
}

function snippetOf(text: string, term: string): string {
  const at = text.toLowerCase().indexOf(term);
  const start = Math.max(0, at - 30);
  return text.slice(start, start + 120);
}

/** Matching results, best first (title hits, then recency). */
export function search(store: Store, query: string, namespaces?: readonly string[]): S["search-result"][] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!terms.length) throw badRequest("query must not be empty");
  const scored: { doc: Doc; score: number }[] = [];
  for (const doc of docs(store)) {
    if (namespaces?.length && !doc.namespaces.some((n) => namespaces.includes(n))) continue;
    const title = doc.title.toLowerCase();
    const all = `${title} ${doc.text.toLowerCase()}`;
    if (!terms.every((t) => all.includes(t))) continue;
    const score = terms.filter((t) => title.includes(t)).length;
    scored.push({ doc, score });
  }
  scored.sort((a, b) => b.score - a.score || b.doc.modified_date.localeCompare(a.doc.modified_date));
  const first = terms[0] ?? "";
  return scored.map(({ doc }) => doc.result(snippetOf(`${doc.title} ${doc.text}`, first)));
}

export const searchFields: Fields = {
  "search.core": [...PAGE, "query", "namespaces"],
  "search.hybrid": ["query", "namespace", "limit"],
};

export const searchHandlers: Handlers = {
  "search.core": (ctx) => {
    const { input, store } = ctx;
    const results = search(store, input.str("query"), input.optStrArray("namespaces"));
    const page = paginate(results, input);
    return {
      results: page.items,
      ...(page.next_cursor ? { next_cursor: page.next_cursor } : {}),
      ...(page.prev_cursor ? { prev_cursor: page.prev_cursor } : {}),
    };
  },
  "search.hybrid": (ctx) => {
    const { input, store } = ctx;
    const namespace = input.str("namespace");
    const limit = input.has("limit") ? readLimit(input, "limit", 50) : 10;
    return { results: search(store, input.optStr("query") ?? "", [namespace]).slice(0, limit) };
  },
};
