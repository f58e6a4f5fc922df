import type { Locator, Page } from 'playwright-core';

/** A SurveyJS question as far as filling it in needs. */
interface FormElement {
  type: string;
  name: string;
  visibleIf?: string;
  choices?: (string | number | { value: string | number; text?: string })[];
  rateMin?: number;
  rateValues?: (number | { value: number; text?: string })[];
}

/** The resident form as the API serves it. */
export interface ResidentForm {
  pages: { elements: FormElement[] }[];
  pageNextText?: string;
  completeText?: string;
}

/** How the resident answers. */
export interface AnswerPlan {
  /** The grid picked from the grid question (its value). */
  grid: string;
  /** What the resident types into every free-text question. */
  text: string;
}

/**
 * Answers every question of the form by tapping and typing, page by page, as a resident would:
 * the grid from the dropdown, the lowest choice of every scale (非常不满意), the first choice of
 * other single or multiple choices, the text typed key by key; then taps the complete button.
 * Returns the answers SurveyJS should send. A question type it cannot answer fails the test, so
 * a new kind of question in the instrument is noticed here.
 */
export async function answerResidentForm(
  page: Page,
  form: ResidentForm,
  plan: AnswerPlan,
): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  for (const [index, formPage] of form.pages.entries()) {
    for (const element of formPage.elements) {
      if (element.type === 'html' || element.visibleIf) continue;
      const question = page.locator(`[data-name="${element.name}"]`);
      await question.scrollIntoViewIfNeeded();
      answers[element.name] = await answer(page, question, element, plan);
    }
    const last = index === form.pages.length - 1;
    const button = last ? (form.completeText ?? '提交问卷') : (form.pageNextText ?? '下一页');
    await page.getByRole('button', { name: button, exact: true }).click();
  }
  return answers;
}

/** Answers one question and returns its value. */
async function answer(
  page: Page,
  question: Locator,
  element: FormElement,
  plan: AnswerPlan,
): Promise<unknown> {
  switch (element.type) {
    case 'dropdown': {
      const choice = element.name === 'grid' ? choiceOf(element, plan.grid) : choices(element)[0]!;
      await question.locator('.sd-dropdown').click();
      await page.getByRole('option', { name: choice.text, exact: true }).click();
      return choice.value;
    }
    case 'radiogroup': {
      const all = choices(element);
      const choice = all.find((c) => c.value === 1) ?? all[0]!;
      await question.getByText(choice.text, { exact: true }).click();
      return choice.value;
    }
    case 'checkbox': {
      const choice = choices(element)[0]!;
      await question.getByText(choice.text, { exact: true }).click();
      return [choice.value];
    }
    case 'rating': {
      const first = element.rateValues?.[0];
      const value = typeof first === 'object' ? first.value : (first ?? element.rateMin ?? 1);
      await question.getByText(String(value), { exact: true }).click();
      return value;
    }
    case 'comment':
    case 'text': {
      const field = question.locator('textarea, input');
      await field.click();
      await field.pressSequentially(plan.text);
      return plan.text;
    }
  }
  throw new Error(`the test cannot answer question ${element.name} of type ${element.type}`);
}

/** A question's choices as value and shown text. */
function choices(element: FormElement): { value: string | number; text: string }[] {
  return (element.choices ?? []).map((c) =>
    typeof c === 'object'
      ? { value: c.value, text: c.text ?? String(c.value) }
      : { value: c, text: String(c) },
  );
}

/** The choice with a given value. */
function choiceOf(element: FormElement, value: string): { value: string | number; text: string } {
  const choice = choices(element).find((c) => c.value === value);
  if (!choice) throw new Error(`question ${element.name} offers no choice ${value}`);
  return choice;
}
