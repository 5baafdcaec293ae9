// question-answers.* (beta): curated Q&A pairs that recommendations.get-reply draws on.
import type { S } from "../api-types.js";
import { type Fields, PAGE, setOf } from "../fields.js";
import { inAny } from "../filters.js";
import { coreId } from "../ids.js";
import { paginate } from "../pagination.js";
import type { QuestionAnswerRec } from "../records.js";
import type { Store } from "../store.js";
import { atomSummary, audit, partSummary } from "../summaries.js";
import {
  created,
  defined,
  idList,
  listBody,
  mustGet,
  readRefSet,
  refs,
  touch,
  USER_KINDS,
} from "./common.js";
import type { Handlers } from "./context.js";

const STATUSES = ["archived", "discarded", "draft", "published", "review_needed"] as const;

export function renderQuestionAnswer(store: Store, q: QuestionAnswerRec): S["question-answer"] {
  return defined({
    type: "question_answer" as const,
    ...audit(store, q),
    question: q.question,
    answer: q.answer,
    status: q.status,
    applies_to_parts: q.applies_to_parts.map((p) => partSummary(store, p)),
    sources: q.sources.flatMap((s) => atomSummary(store, s) ?? []),
    topic: q.topic,
    verified: q.verified,
  });
}

export function insertQuestionAnswer(store: Store, fields: Omit<QuestionAnswerRec, "id" | "display_id">) {
  const num = store.questionAnswers.nextNum();
  return store.questionAnswers.insert({ id: coreId(`qa/${num}`), display_id: `QA-${num}`, ...fields });
}

export const questionAnswersFields: Fields = {
  "question-answers.list": [...PAGE, "applies_to_parts", "created_by", "owned_by", "applies_to_articles"],
  "question-answers.get": ["id"],
  "question-answers.create": [
    "question",
    "answer",
    "status",
    "applies_to_parts",
    "owned_by",
    "sources",
    "topic",
    "verified",
  ],
  "question-answers.update": [
    "id",
    "question",
    "answer",
    "status",
    ...setOf("applies_to_parts", "owned_by"),
    "topic",
    "verified",
  ],
  "question-answers.delete": ["id"],
};

export const questionAnswersHandlers: Handlers = {
  "question-answers.list": (ctx) => {
    const { input, store } = ctx;
    const parts = idList(store, input, "applies_to_parts");
    const creators = idList(store, input, "created_by");
    const owners = idList(store, input, "owned_by");
    const articles = idList(store, input, "applies_to_articles");
    const rows = store.questionAnswers
      .all()
      .filter(
        (q) =>
          inAny(parts, q.applies_to_parts) &&
          inAny(creators, q.created_by) &&
          inAny(owners, q.owned_by) &&
          inAny(articles, q.sources),
      )
      .reverse();
    const page = paginate(
      rows.map((q) => renderQuestionAnswer(store, q)),
      input,
    );
    return { ...listBody("question_answers", page), total: rows.length };
  },
  "question-answers.get": (ctx) => ({
    question_answer: renderQuestionAnswer(ctx.store, mustGet(ctx.store.questionAnswers, ctx.input)),
  }),
  "question-answers.create": (ctx) => {
    const { input, store } = ctx;
    const row = insertQuestionAnswer(
      store,
      defined({
        question: input.str("question"),
        answer: input.str("answer"),
        status: input.enumOf("status", STATUSES),
        applies_to_parts: refs(store, input.strArray("applies_to_parts"), "applies_to_parts", ["part"]),
        owned_by: refs(store, input.strArray("owned_by"), "owned_by", USER_KINDS),
        sources: (input.optStrArray("sources") ?? []).map((s) => store.canonical(s)),
        topic: input.optStr("topic"),
        verified: input.optBool("verified") ?? false,
        ...created(ctx),
      }),
    );
    return { question_answer: renderQuestionAnswer(store, row) };
  },
  "question-answers.update": (ctx) => {
    const { input, store } = ctx;
    const q = mustGet(store.questionAnswers, input);
    const question = input.optStr("question");
    if (question !== undefined) q.question = question;
    const answer = input.optStr("answer");
    if (answer !== undefined) q.answer = answer;
    const status = input.optEnum("status", STATUSES);
    if (status) q.status = status;
    const parts = readRefSet(store, input, "applies_to_parts", ["part"]);
    if (parts) q.applies_to_parts = parts;
    const owners = readRefSet(store, input, "owned_by", USER_KINDS);
    if (owners) q.owned_by = owners;
    if (input.has("topic")) q.topic = input.optStr("topic");
    const verified = input.optBool("verified");
    if (verified !== undefined) q.verified = verified;
    touch(ctx, q);
    return { question_answer: renderQuestionAnswer(store, q) };
  },
  "question-answers.delete": (ctx) => {
    ctx.store.questionAnswers.delete(mustGet(ctx.store.questionAnswers, ctx.input).id);
    return {};
  },
};
