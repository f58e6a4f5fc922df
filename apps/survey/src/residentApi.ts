import { messageIn, type Lang } from './texts.ts';

/** A SurveyJS form as the API serves it. */
export type SurveyJson = Record<string, unknown> & { title?: unknown; description?: unknown };

/** What loading a community's survey came to. */
export type SurveyLoad =
  | { kind: 'ok'; survey: SurveyJson }
  | { kind: 'unknownCommunity' }
  | { kind: 'notOpen' }
  | { kind: 'networkError' }
  | { kind: 'serverError'; status: number };

/** One resident's submission: `submissionId` is made once per filled form, so retries repeat it. */
export interface ResidentSubmission {
  submissionId: string;
  community: string;
  answers: Record<string, unknown>;
  startedAt: string;
  /** The one-time invitation token of the link (`?t=`), if the resident came by one. */
  invitation?: string;
}

/** A bad answer named by the server. */
export interface FieldError {
  field: string;
  message: string;
}

/** What submitting came to; only `stored` means the server has committed the answers. */
export type SubmitResult =
  | { kind: 'stored'; id: string }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'tooLarge' }
  | { kind: 'unknownCommunity' }
  | { kind: 'notOpen' }
  | { kind: 'invitationUsed' }
  | { kind: 'invitationUnknown' }
  | { kind: 'rejected'; status: number }
  | { kind: 'serverError'; status: number }
  | { kind: 'networkError' };

const loadTimeoutMs = 20_000;
const submitTimeoutMs = 30_000;

/** Loads the open campaign's resident survey of a community (`GET /api/v1/surveys/resident`). */
export async function loadResidentSurvey(community: string): Promise<SurveyLoad> {
  const url = `/api/v1/surveys/resident?community=${encodeURIComponent(community)}`;
  const response = await fetchWithTimeout(
    url,
    { headers: { accept: 'application/json' } },
    loadTimeoutMs,
  );
  if (!response) return { kind: 'networkError' };
  if (response.status === 404) return { kind: 'unknownCommunity' };
  if (response.status === 409) return { kind: 'notOpen' };
  const body = response.ok ? await readJson(response) : null;
  if (body && typeof body === 'object' && !Array.isArray(body))
    return { kind: 'ok', survey: body as SurveyJson };
  return { kind: 'serverError', status: response.status };
}

/**
 * Submits a resident's answers (`POST /api/v1/responses`). Never throws: a network failure is a
 * result like any other, so the caller can keep the answers and offer a retry.
 */
export async function submitResidentResponse(
  submission: ResidentSubmission,
): Promise<SubmitResult> {
  const response = await fetchWithTimeout(
    '/api/v1/responses',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(submission),
    },
    submitTimeoutMs,
  );
  if (!response) return { kind: 'networkError' };
  const body = (await readJson(response)) as {
    id?: unknown;
    errors?: unknown;
    reason?: unknown;
  } | null;
  if (response.ok) {
    // Only an acknowledgement with an id proves the answers were stored (a captive portal also says 200).
    return typeof body?.id === 'string'
      ? { kind: 'stored', id: body.id }
      : { kind: 'serverError', status: response.status };
  }
  switch (response.status) {
    case 400:
      return { kind: 'invalid', errors: fieldErrors(body?.errors) };
    case 404:
      return { kind: 'unknownCommunity' };
    case 403:
      return body?.reason === 'unknown'
        ? { kind: 'invitationUnknown' }
        : { kind: 'rejected', status: 403 };
    case 409:
      return body?.reason === 'used' ? { kind: 'invitationUsed' } : { kind: 'notOpen' };
    case 413:
      return { kind: 'tooLarge' };
  }
  return response.status >= 500
    ? { kind: 'serverError', status: response.status }
    : { kind: 'rejected', status: response.status };
}

/** A field error as a resident reads it: the question's title and the server's message in the page's language. */
export function describeFieldError(
  error: FieldError,
  titleOf: (field: string) => string | undefined,
  lang: Lang,
): string {
  const title = titleOf(error.field) ?? error.field;
  return `${title}${lang === 'en' ? ': ' : '：'}${messageIn(error.message, lang)}`;
}

/** `fetch` that gives null for a network failure or no answer within the time limit. */
async function fetchWithTimeout(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<Response | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await fetch(url, { ...init, signal: controller.signal, cache: 'no-store' });
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** The JSON body of a response, or null when it has none. */
async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** The well-formed entries of a 400's `errors`. */
function fieldErrors(errors: unknown): FieldError[] {
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (e): e is FieldError => typeof e?.field === 'string' && typeof e?.message === 'string',
  );
}
