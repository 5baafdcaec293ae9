import { z } from "zod";
import { expectKind } from "../shared/ids.js";

export const qaIdInput = z.string().min(1);
export const qaPartsInput = z.array(z.string().min(1)).min(1).max(10);
export const qaSourcesInput = z.array(z.string().min(1)).max(10);

/** Question-answers have no kind of their own in the id parser, so any id of a known kind is refused. */
export function qaId(input: string): string {
  return expectKind(input, [], "a question-answer").id;
}
