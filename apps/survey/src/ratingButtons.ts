import type { Question, QuestionRatingModel, SurveyModel } from 'survey-core';

/**
 * Shows every rating question of a survey as a row of buttons, also ones added later. With the
 * default `displayMode: "auto"`, a rating with end labels does not fit a 390 px phone and
 * collapses into a dropdown placeholdered 选择。。。, which residents take for a broken page.
 * End labels left and right of the buttons wrap into two ragged lines there, so they go below
 * the buttons unless the form places them itself.
 */
export function showRatingsAsButtons(survey: SurveyModel): void {
  for (const question of survey.getAllQuestions(false, true, true)) asButtons(question);
  survey.onQuestionAdded.add((_, options) => asButtons(options.question));
}

/** Switches one question to buttons, end labels below, if it is a rating. */
function asButtons(question: Question): void {
  if (question.getType() !== 'rating') return;
  const rating = question as QuestionRatingModel;
  rating.displayMode = 'buttons';
  if (rating.rateDescriptionLocation === 'leftRight') rating.rateDescriptionLocation = 'bottom';
}
