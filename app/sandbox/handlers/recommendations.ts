// recommendations.get-reply (beta): answers from the best matching published Q&A or article, the
// way DevRev's assistant cites its sources.
import type { S } from "../api-types.js";
import type { Fields } from "../fields.js";
import { articleSummary, questionAnswerSummary } from "../summaries.js";
import type { Handlers } from "./context.js";
import { search } from "./search.js";

export const recommendationsFields: Fields = {
  "recommendations.get-reply": ["query"],
};

export const recommendationsHandlers: Handlers = {
  "recommendations.get-reply": (ctx) => {
    const { input, store } = ctx;
    const query = input.str("query");
    // Any single word may match: replies are best-effort, unlike search.
    const words = query.split(/\s+/).filter((w) => w.length > 3);
    const sources: S["turing-sources"][] = [];
    let reply: string | undefined;
    for (const word of words) {
      for (const r of search(store, word, ["question_answer", "article"])) {
        if (r.type === "question_answer") {
          const q = store.questionAnswers.get(r.question_answer.id);
          if (q?.status !== "published") continue;
          reply ??= q.answer;
          if (!sources.some((s) => s.id === q.id)) sources.push(questionAnswerSummary(store, q.id));
        } else if (r.type === "article") {
          const a = store.articles.get(r.article.id);
          if (a?.status !== "published") continue;
          reply ??= a.description;
          if (!sources.some((s) => s.id === a.id)) sources.push(articleSummary(store, a.id));
        }
      }
    }
    return {
      reply: reply ?? "I could not find an answer to that in the knowledge base.",
      sources: sources.slice(0, 3),
    };
  },
};
