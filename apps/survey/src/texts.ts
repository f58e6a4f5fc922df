/** The page's languages: Chinese by default, English with `?lang=en`. */
export type Lang = 'zh' | 'en';

/** What the page says outside the survey itself. */
export interface Texts {
  documentTitle: string;
  loading: string;
  retry: string;
  loadFailedTitle: string;
  missingCode: string;
  unknownCommunity: (code: string) => string;
  notOpen: string;
  loadNetworkError: string;
  loadServerError: (status: number) => string;
  submitting: string;
  thanksTitle: string;
  thanksBody: string;
  resubmit: string;
  edit: string;
  keptLocally: string;
  submitFailedTitle: string;
  submitNetworkError: string;
  submitServerError: (status: number) => string;
  submitInvalid: string;
  submitTooLarge: string;
  submitUnknownCommunity: string;
  submitNotOpen: string;
  invitationUsed: string;
  invitationUnknown: string;
  submitRejected: (status: number) => string;
  pendingTitle: string;
  pendingBody: string;
}

const zh: Texts = {
  documentTitle: '居民满意度调查',
  loading: '正在加载问卷……',
  retry: '重试',
  loadFailedTitle: '暂时无法填写问卷',
  missingCode: '链接不完整，缺少社区代码。请重新扫描社区的二维码，或打开完整的邀请链接。',
  unknownCommunity: (code) => `未找到代码为“${code}”的社区。请核对二维码或链接是否正确。`,
  notOpen: '本年度满意度调查目前没有开放，暂时不能填写。感谢您的关注！',
  loadNetworkError: '网络连接失败，问卷没有加载成功。请检查网络后点击“重试”。',
  loadServerError: (status) => `服务器暂时无法提供问卷（错误 ${status}）。请稍后点击“重试”。`,
  submitting: '正在提交，请稍候……',
  thanksTitle: '提交成功',
  thanksBody: '感谢您的参与！您的意见已经收到，将作为本年度社区工作满意度测评的依据。',
  resubmit: '重新提交',
  edit: '返回修改',
  keptLocally: '您的答案已保存在本机，不会丢失。',
  submitFailedTitle: '提交没有成功',
  submitNetworkError: '网络连接失败，答卷没有送达。请检查网络后点击“重新提交”。',
  submitServerError: (status) => `服务器暂时无法保存答卷（错误 ${status}）。请稍后点击“重新提交”。`,
  submitInvalid: '以下题目需要修改，请点击“返回修改”：',
  submitTooLarge: '答卷内容过长，请点击“返回修改”，缩短填写的文字后再提交。',
  submitUnknownCommunity: '服务器找不到本社区，答卷无法提交。请核对二维码或链接。',
  submitNotOpen: '本年度满意度调查目前没有开放，答卷暂时无法提交。',
  invitationUsed: '此邀请已使用：每份邀请只能提交一次答卷。感谢您的参与！',
  invitationUnknown: '邀请码无效，请核对邀请单上的二维码或链接，或扫描社区的公开二维码填写。',
  submitRejected: (status) => `服务器拒绝了答卷（错误 ${status}）。请稍后点击“重新提交”。`,
  pendingTitle: '答卷尚未提交',
  pendingBody: '您上次填写完的答卷还没有提交成功。请点击“重新提交”，或“返回修改”查看您的答案。',
};

const en: Texts = {
  documentTitle: 'Resident satisfaction survey',
  loading: 'Loading the survey…',
  retry: 'Retry',
  loadFailedTitle: 'The survey cannot be filled in now',
  missingCode:
    'The link is incomplete: it lacks the community code. Scan the community QR code again or open the full invitation link.',
  unknownCommunity: (code) => `No community has the code “${code}”. Check the QR code or link.`,
  notOpen:
    'This year’s satisfaction survey is not open at the moment. Thank you for your interest!',
  loadNetworkError:
    'The network failed and the survey did not load. Check your connection and tap Retry.',
  loadServerError: (status) =>
    `The server cannot provide the survey right now (error ${status}). Tap Retry later.`,
  submitting: 'Submitting, please wait…',
  thanksTitle: 'Submitted',
  thanksBody:
    'Thank you for taking part! Your answers have been received and count towards this year’s evaluation of community work.',
  resubmit: 'Submit again',
  edit: 'Back to my answers',
  keptLocally: 'Your answers are saved on this device and will not be lost.',
  submitFailedTitle: 'Not submitted',
  submitNetworkError:
    'The network failed and your answers did not arrive. Check your connection and tap Submit again.',
  submitServerError: (status) =>
    `The server cannot save your answers right now (error ${status}). Tap Submit again later.`,
  submitInvalid: 'Please correct these questions (tap Back to my answers):',
  submitTooLarge:
    'Your answers are too long. Go back, shorten the text you typed, and submit again.',
  submitUnknownCommunity: 'The server does not know this community. Check the QR code or link.',
  submitNotOpen: 'This year’s satisfaction survey is not open, so answers cannot be submitted now.',
  invitationUsed:
    'This invitation has been used: each invitation takes one set of answers. Thank you!',
  invitationUnknown:
    'The invitation code is not valid. Check the QR code or link on your slip, or use the community’s public QR code.',
  submitRejected: (status) =>
    `The server refused the answers (error ${status}). Tap Submit again later.`,
  pendingTitle: 'Not submitted yet',
  pendingBody:
    'The survey you completed last time has not been submitted yet. Tap Submit again, or go back to see your answers.',
};

/** The page's language from its query string: English for `lang=en`, else Chinese. */
export function langFromSearch(search: string): Lang {
  return new URLSearchParams(search).get('lang')?.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/** The texts of a language. */
export function textsFor(lang: Lang): Texts {
  return lang === 'en' ? en : zh;
}

/**
 * The part of a server message ("中文 / English") in the page's language; the whole message
 * when it has no such parts.
 *
 * @example messageIn('此题必答 / an answer is required', 'en') // → 'an answer is required'
 */
export function messageIn(message: string, lang: Lang): string {
  const at = message.indexOf(' / ');
  if (at < 0) return message;
  return lang === 'en' ? message.slice(at + 3) : message.slice(0, at);
}
