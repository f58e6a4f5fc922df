import 'survey-core/survey-core.fontless.css';
import 'survey-core/i18n/simplified-chinese';
import './style.css';
import { communityCodeFromPath } from './communityCode.ts';
import { loadResidentSurvey, type SurveyLoad } from './residentApi.ts';
import { startResidentSurvey } from './residentSurvey.ts';
import { hideStatus, renderStatus } from './statusView.ts';
import { langFromSearch, textsFor } from './texts.ts';

// The resident page at /s/<community code>: load the community's survey, let the resident fill
// it, submit it, and keep the answers on the phone until the server has acknowledged them.

const lang = langFromSearch(location.search);
const texts = textsFor(lang);
const statusElement = document.getElementById('status')!;
const surveyElement = document.getElementById('survey')!;
const community = communityCodeFromPath(location.pathname);
/** An invitation link's one-time token (`/s/<code>?t=<token>`); the server checks it. */
const invitation = new URLSearchParams(location.search).get('t')?.trim().slice(0, 64) || undefined;

document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
document.title = texts.documentTitle;

if (community) void open(community);
else
  renderStatus(statusElement, {
    tone: 'error',
    title: texts.loadFailedTitle,
    paragraphs: [texts.missingCode],
  });

/** Loads the community's survey and shows it, or says why it cannot, with a retry. */
async function open(community: string): Promise<void> {
  surveyElement.hidden = true;
  renderStatus(statusElement, { tone: 'info', busy: true, paragraphs: [texts.loading] });
  const load = await loadResidentSurvey(community);
  if (load.kind !== 'ok') {
    renderStatus(statusElement, {
      tone: 'error',
      title: texts.loadFailedTitle,
      paragraphs: [loadProblem(load, community)],
      actions: [{ label: texts.retry, primary: true, onClick: () => void open(community) }],
    });
    return;
  }
  hideStatus(statusElement);
  startResidentSurvey({
    community,
    survey: load.survey,
    lang,
    texts,
    statusElement,
    surveyElement,
    ...(invitation && { invitation }),
  });
}

/** Why the survey did not load, for the resident. */
function loadProblem(load: Exclude<SurveyLoad, { kind: 'ok' }>, community: string): string {
  switch (load.kind) {
    case 'unknownCommunity':
      return texts.unknownCommunity(community);
    case 'notOpen':
      return texts.notOpen;
    case 'networkError':
      return texts.loadNetworkError;
    case 'serverError':
      return texts.loadServerError(load.status);
  }
}
