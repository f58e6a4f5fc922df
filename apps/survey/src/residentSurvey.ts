import { Model } from 'survey-core';
import { renderSurvey } from 'survey-js-ui';
import { clearDraft, loadDraft, newDraft, saveDraft, type Draft } from './drafts.ts';
import { showRatingsAsButtons } from './ratingButtons.ts';
import {
  describeFieldError,
  submitResidentResponse,
  type SubmitResult,
  type SurveyJson,
} from './residentApi.ts';
import { hideStatus, renderStatus, type Status } from './statusView.ts';
import { messageIn, type Lang, type Texts } from './texts.ts';

export interface ResidentSurveyOptions {
  community: string;
  survey: SurveyJson;
  lang: Lang;
  texts: Texts;
  /** Where messages (submitting, thank-you, failures) appear in place of the survey. */
  statusElement: HTMLElement;
  surveyElement: HTMLElement;
  /** The one-time invitation token of the link (`?t=`), sent with the answers. */
  invitation?: string;
}

/**
 * Shows a community's survey and carries the resident's answers to the server. The answers are
 * kept on the phone as they are given, with one submission id per filled form, and forgotten
 * only once the server has acknowledged them; every retry sends the same id, so the server
 * stores the form once however often it is sent.
 */
export function startResidentSurvey(options: ResidentSurveyOptions): void {
  const { community, lang, texts, statusElement, surveyElement } = options;
  const survey = new Model(options.survey);
  survey.locale = lang === 'en' ? 'en' : 'zh-cn';
  // Every keystroke reaches survey.data, and so the kept draft, not only when a field loses focus.
  survey.textUpdateMode = 'onTyping';
  survey.showCompletedPage = false;
  // The "powered by" banner loads its logo from surveyjs.io; no request may leave the host.
  survey.showBrandInfo = false;
  showRatingsAsButtons(survey);
  // A resident should see how far along they are, unless the form decides otherwise.
  if (!('showProgressBar' in options.survey) && survey.pageCount > 1) survey.showProgressBar = true;
  document.title = survey.title || texts.documentTitle;

  const kept = loadDraft(community);
  const draft: Draft = kept && kept.surveyTitle === survey.title ? kept : newDraft(survey.title);
  survey.data = draft.answers;
  survey.currentPageNo = Math.min(draft.pageNo, Math.max(survey.visiblePageCount - 1, 0));

  const keep = () => {
    draft.answers = survey.data;
    draft.pageNo = survey.currentPageNo;
    saveDraft(community, draft);
  };
  survey.onValueChanged.add(keep);
  survey.onCurrentPageChanged.add(keep);
  survey.onComplete.add(() => {
    draft.answers = survey.data;
    draft.completed = true;
    saveDraft(community, draft);
    void submit();
  });

  renderSurvey(survey, surveyElement);
  if (draft.completed) {
    showStatus({
      tone: 'info',
      title: texts.pendingTitle,
      paragraphs: [texts.pendingBody],
      note: texts.keptLocally,
      actions: [
        { label: texts.resubmit, primary: true, onClick: () => void submit() },
        { label: texts.edit, onClick: () => edit() },
      ],
    });
  } else {
    saveDraft(community, draft);
    surveyElement.hidden = false;
  }

  /** Sends the completed form and says how it went. */
  async function submit(): Promise<void> {
    showStatus({ tone: 'info', busy: true, paragraphs: [texts.submitting] });
    const result = await submitResidentResponse({
      submissionId: draft.submissionId,
      community,
      answers: draft.answers,
      startedAt: draft.startedAt,
      ...(options.invitation && { invitation: options.invitation }),
    });
    if (result.kind === 'stored') {
      clearDraft(community);
      showStatus({
        tone: 'success',
        title: texts.thanksTitle,
        paragraphs: [texts.thanksBody, survey.description].filter(Boolean),
      });
      return;
    }
    showStatus(failure(result));
  }

  /** The message for a submission that was not stored: the answers stay, a retry is offered. */
  function failure(result: Exclude<SubmitResult, { kind: 'stored' }>): Status {
    const resubmit = { label: texts.resubmit, onClick: () => void submit() };
    const back = { label: texts.edit, onClick: () => edit(result) };
    const mustEdit = result.kind === 'invalid' || result.kind === 'tooLarge';
    return {
      tone: 'error',
      title: texts.submitFailedTitle,
      paragraphs: [failureText(result)],
      list:
        result.kind === 'invalid'
          ? result.errors.map((e) => describeFieldError(e, titleOf, lang))
          : undefined,
      note: texts.keptLocally,
      actions: mustEdit
        ? [{ ...back, primary: true }, resubmit]
        : [{ ...resubmit, primary: true }, back],
    };
  }

  /** Why a submission was not stored, for the resident. */
  function failureText(result: Exclude<SubmitResult, { kind: 'stored' }>): string {
    switch (result.kind) {
      case 'networkError':
        return texts.submitNetworkError;
      case 'serverError':
        return texts.submitServerError(result.status);
      case 'invalid':
        return texts.submitInvalid;
      case 'tooLarge':
        return texts.submitTooLarge;
      case 'unknownCommunity':
        return texts.submitUnknownCommunity;
      case 'notOpen':
        return texts.submitNotOpen;
      case 'invitationUsed':
        return texts.invitationUsed;
      case 'invitationUnknown':
        return texts.invitationUnknown;
      case 'rejected':
        return texts.submitRejected(result.status);
    }
  }

  /**
   * Back to the form with every answer in place: on the first question the server refused, its
   * message shown under each refused question; else on the last page.
   */
  function edit(result?: SubmitResult): void {
    draft.completed = false;
    if (survey.state === 'completed') survey.clear(false, false);
    const refused = (result?.kind === 'invalid' ? result.errors : []).flatMap((e) => {
      const question = survey.getQuestionByName(e.field);
      return question ? [{ question, message: messageIn(e.message, lang) }] : [];
    });
    for (const { question, message } of refused) question.addError(message);
    const page = refused[0]?.question.page ?? survey.visiblePages.at(-1);
    if (page) survey.currentPage = page;
    keep();
    hideStatus(statusElement);
    surveyElement.hidden = false;
    window.scrollTo(0, 0);
  }

  /** A question's title by name, for naming the fields the server refused. */
  function titleOf(field: string): string | undefined {
    return survey.getQuestionByName(field)?.title;
  }

  /** Shows a message in place of the survey. */
  function showStatus(status: Status): void {
    surveyElement.hidden = true;
    renderStatus(statusElement, status);
    window.scrollTo(0, 0);
  }
}
