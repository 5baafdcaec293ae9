import { defineDomain } from "../domain.js";
import { questionAnswersCreate } from "./question-answers-create.js";
import { questionAnswersDelete } from "./question-answers-delete.js";
import { questionAnswersGet } from "./question-answers-get.js";
import { questionAnswersList } from "./question-answers-list.js";
import { questionAnswersUpdate } from "./question-answers-update.js";

export const qa = defineDomain({
  toolset: "qa",
  description: "Curated question-answer pairs behind DevRev's assistant (beta)",
  tools: [
    questionAnswersList,
    questionAnswersGet,
    questionAnswersCreate,
    questionAnswersUpdate,
    questionAnswersDelete,
  ],
});
