import { z } from "zod";
import type { Schemas } from "../../devrev/types.js";
import { sanitizeLine, sanitizeText } from "../../util/sanitize.js";
import { day, fields } from "../shared/format.js";
import { partLabel, partRef, partRefSchema } from "../shared/part-ref.js";
import { strip } from "../shared/strip.js";

// Question-answer pairs (beta): curated answers DevRev's assistant and recommendations draw on.

export const QA_STATUSES = ["draft", "published", "review_needed", "archived", "discarded"] as const;

type QuestionAnswer = Schemas["question-answer"];

export const qaSummarySchema = z.object({
  id: z.string().describe("Full DevRev id (don:...)"),
  display_id: z.string().optional(),
  question: z.string(),
  answer: z.string().describe("Clipped in lists; whole in devrev_question_answers_get"),
  status: z.string().optional(),
  verified: z.boolean().optional(),
  topic: z.string().optional(),
  parts: z.array(partRefSchema).optional(),
  modified_date: z.string().optional(),
});
export type QaSummary = z.infer<typeof qaSummarySchema>;

export const qaDetailSchema = qaSummarySchema.extend({
  sources: z
    .array(
      z.object({
        id: z.string(),
        display_id: z.string().optional(),
        type: z.string(),
        title: z.string().optional(),
      }),
    )
    .optional(),
  suggested_answer: z.string().optional(),
  created_date: z.string().optional(),
});
export type QaDetail = z.infer<typeof qaDetailSchema>;

export function toQaSummary(q: QuestionAnswer, answerChars = 200): QaSummary {
  const parts = (q.applies_to_parts ?? []).map(partRef);
  return strip({
    id: q.id,
    display_id: q.display_id,
    question: sanitizeLine(q.question, 300) || "(no question)",
    answer: sanitizeText(q.answer ?? "", answerChars),
    status: q.status,
    verified: q.verified,
    topic: sanitizeLine(q.topic, 80) || undefined,
    parts: parts.length ? parts : undefined,
    modified_date: q.modified_date,
  });
}

export function toQaDetail(q: QuestionAnswer): QaDetail {
  const sources = (q.sources ?? []).map((s) => {
    const x = s as { id: string; display_id?: string; type: string; title?: string; name?: string };
    return strip({
      id: x.id,
      display_id: x.display_id,
      type: x.type,
      title: sanitizeLine(x.title ?? x.name, 120) || undefined,
    });
  });
  return strip({
    ...toQaSummary(q, 8_000),
    sources: sources.length ? sources : undefined,
    suggested_answer: q.suggested_answer ? sanitizeText(q.suggested_answer, 4_000) : undefined,
    created_date: q.created_date,
  });
}

export function renderQaLine(q: QaSummary): string {
  const rest = fields([
    ["status", q.status === "published" && q.verified ? "published, verified" : q.status],
    ["part", q.parts?.map(partLabel).join(", ")],
    ["updated", day(q.modified_date)],
  ]);
  const answer = q.answer.replace(/\s+/g, " ");
  return `${q.display_id ?? q.id} Q: ${q.question} A: ${answer}${rest ? ` — ${rest}` : ""}`;
}

export function renderQaDetail(q: QaDetail): string {
  const lines = [
    `${q.display_id ?? ""} Q: ${q.question}`.trim(),
    `id: ${q.id}`,
    fields([
      ["status", q.status],
      ["verified", q.verified === undefined ? undefined : q.verified ? "yes" : "no"],
      ["topic", q.topic],
    ]),
    fields([
      ["parts", q.parts?.map((p) => `${partLabel(p)} (${p.display_id ?? p.id})`).join(", ")],
      ["sources", q.sources?.map((s) => `${s.display_id ?? s.id}${s.title ? ` ${s.title}` : ""}`).join(", ")],
    ]),
    fields([
      ["created", day(q.created_date)],
      ["updated", day(q.modified_date)],
    ]),
  ].filter(Boolean);
  lines.push("", `A: ${q.answer}`);
  if (q.suggested_answer) lines.push("", `Suggested alternative: ${q.suggested_answer}`);
  return lines.join("\n");
}
