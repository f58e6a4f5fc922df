import 'survey-core/survey-core.fontless.css';
import 'survey-core/i18n/simplified-chinese';
import { Model, type Question } from 'survey-core';
import { renderSurvey } from 'survey-js-ui';
import { showRatingsAsButtons } from '@manyi/survey/ratingButtons';
import { chinese, type FieldError } from './adminApi.ts';

// SurveyJS (~1 MB with its styles) is loaded only by the pages that show a form: main.ts imports
// them on demand, so the other tabs stay light.

/**
 * A SurveyJS form as the staff pages show it: in Chinese, every question on one page (a sheet
 * in hand or a short staff form reads best whole), no greeting or completion page, no banner
 * fetching a logo from surveyjs.io, ratings as buttons (not a 选择… dropdown at phone width).
 *
 * @example const survey = staffSurvey(form.survey); drawSurvey(survey, box);
 */
export function staffSurvey(json: Record<string, unknown>): Model {
  const survey = new Model(withoutGreeting(json));
  survey.locale = 'zh-cn';
  survey.showBrandInfo = false;
  survey.showCompletedPage = false;
  survey.showProgressBar = false;
  // the page heads the form itself (community, or rater and subject)
  survey.showTitle = false;
  survey.questionsOnPageMode = 'singlePage';
  survey.textUpdateMode = 'onTyping';
  showRatingsAsButtons(survey);
  return survey;
}

/** Draws a form into an element of the page. */
export function drawSurvey(survey: Model, element: HTMLElement): void {
  renderSurvey(survey, element);
}

/**
 * Shows each of the server's refusals under the question it names, in Chinese, and brings the
 * first into view. Returns those no question of the form holds, for the page to list.
 */
export function showFieldErrors(survey: Model, errors: readonly FieldError[]): FieldError[] {
  const unplaced: FieldError[] = [];
  let first: Question | undefined;
  for (const error of errors) {
    const question = survey.getQuestionByName(error.field);
    if (!question) {
      unplaced.push(error);
      continue;
    }
    question.addError(chinese(error.message));
    first ??= question;
  }
  first?.focus(true);
  return unplaced;
}

/** The form without its opening text (html elements): staff know what the form is about. */
function withoutGreeting(json: Record<string, unknown>): Record<string, unknown> {
  const form = structuredClone(json) as Record<string, unknown> & {
    pages?: { elements?: { type?: string }[] }[];
  };
  delete form.completedHtml;
  for (const page of form.pages ?? [])
    page.elements = (page.elements ?? []).filter((e) => e.type !== 'html');
  return form;
}
