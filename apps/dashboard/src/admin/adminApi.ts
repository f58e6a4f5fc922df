import type { Campaign, CampaignState } from '@manyi/domain/campaign';
import type { SessionUser } from '@manyi/domain/user';
import type { QualityReviewPage } from '@manyi/scoring/qualityReview';
import type { QualitySummary } from '@manyi/scoring/qualitySummary';
import type { ResponseRate } from '@manyi/scoring/responseRates';

export type { Campaign, CampaignState, QualityReviewPage, QualitySummary, SessionUser };

/** `GET /auth/me` and `POST /auth/login`. */
export interface Session {
  user: SessionUser;
  expiresAt: string;
}

/** `POST /scoring/:year`. */
export interface ScoringRun {
  year: number;
  runId: number;
  seed: number;
  method: string;
  createdAt: string;
  communities: number;
  streets: number;
}

/** `POST /campaigns/:year/publish`. */
export interface PublishResult {
  year: number;
  state: 'published';
  runId: number;
  units: number;
  suppressed: number;
  url: string;
}

/** `POST /imports/:year/responses`: 201. */
export interface ImportSummary {
  imported: number;
  communities: number;
}

/** One bad row of a refused import (400 `{ errors }`). */
export interface RowError {
  row: number;
  field: string;
  message: string;
}

/** A unit's row of `GET /distribution/:year`. */
export type ResponseRateRow = Omit<ResponseRate, 'level'>;

/** `GET /distribution/:year`. */
export interface Distribution {
  year: number;
  city: ResponseRateRow | null;
  districts: ResponseRateRow[];
  streets: ResponseRateRow[];
  communities: ResponseRateRow[];
}

/** A refused or failed request, with the API's message in Chinese and the HTTP status (0: no answer). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Calls the API on the page's own origin: JSON in, JSON out (null for 204). The browser sends
 * the same-origin `Origin` header the API asks of writes, and the session cookie.
 *
 * @example await api<Campaign>('POST', '/campaigns/2026/transition', { to: 'closed' })
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      cache: 'no-store',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('无法连接服务器,请检查网络', 0);
  }
  if (!response.ok) throw new ApiError(await problemMessage(response), response.status);
  if (response.status === 204) return null as T;
  return (await response.json()) as T;
}

/** The Chinese half of `{ error }` or of each `{ errors: [{ message }] }`, else one from the status. */
async function problemMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown; errors?: { message?: unknown }[] };
    if (typeof body.error === 'string') return chinese(body.error);
    if (Array.isArray(body.errors))
      return body.errors.map((e) => chinese(String(e.message ?? ''))).join(';');
  } catch {
    // not JSON: fall through to the status
  }
  if (response.status === 401) return '请先登录';
  if (response.status === 403) return '您的账号没有此项权限';
  return `服务器出错(${response.status}),请稍后重试`;
}

/** The Chinese part of a bilingual "中文 / English" message. */
function chinese(message: string): string {
  return message.split(' / ')[0]!;
}
