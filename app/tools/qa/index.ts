import { defineDomain } from "../domain.js";
import { questionAnswersDelete } from "./delete.js";
import { questionAnswersGet } from "./get.js";
import { questionAnswersList } from "./list.js";
import { questionAnswersCreate, questionAnswersUpdate } from "./write.js";

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
