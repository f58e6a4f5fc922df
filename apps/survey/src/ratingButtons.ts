import type { Question, QuestionRatingModel, SurveyModel } from 'survey-core';

/**
 * Shows every rating question of a survey as a row of buttons, also ones added later. With the
 * default `displayMode: "auto"`, a rating with end labels does not fit a 390 px phone and
 * collapses into a dropdown placeholdered 选择。。。, which residents take for a broken page.
 */
export function showRatingsAsButtons(survey: SurveyModel): void {
  for (const question of survey.getAllQuestions(false, true, true)) asButtons(question);
  survey.onQuestionAdded.add((_, options) => asButtons(options.question));
}

/** Switches one question to buttons if it is a rating. */
function asButtons(question: Question): void {
  if (question.getType() === 'rating') (question as QuestionRatingModel).displayMode = 'buttons';
}
