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

/** `GET /entries/:year/form?community=`: a community's resident form for typing in paper sheets. */
export interface EntryForm {
  year: number;
  state: CampaignState;
  community: { code: string; name: string; streetName: string; districtName: string };
  /** Paper questionnaires of the community stored so far in the year. */
  entered: number;
  survey: Record<string, unknown>;
}

/** `POST /entries/:year/responses`: 201. */
export interface StoredEntry {
  id: string;
  clientId: string;
}

/** A unit a staff account rates, and whether it has done so this year. */
export interface TwoWaySubject {
  code: string;
  name: string;
  filled: boolean;
}

/** `GET /two-way/:year`: the form a staff account fills, for whom, about which units. */
export interface TwoWayForms {
  year: number;
  state: CampaignState;
  instrument: 'street_to_community' | 'community_to_street';
  rater: { code: string; name: string };
  subjects: TwoWaySubject[];
  survey: Record<string, unknown>;
}

/** One bad field of a refused body (400 `{ errors: [{ field, message }] }`), message bilingual. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * A refused or failed request, with the API's message in Chinese and the HTTP status (0: no
 * answer); for a 400, the bad fields one by one, so that a form can show each at its field.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors: readonly FieldError[] = [],
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
  if (!response.ok) throw await refusalOf(response);
  if (response.status === 204) return null as T;
  return (await response.json()) as T;
}

/**
 * The error of a refused request: the Chinese half of `{ error }` or of each
 * `{ errors: [{ field, message }] }` (kept as field errors too), else a message from the status.
 */
async function refusalOf(response: Response): Promise<ApiError> {
  const { status } = response;
  try {
    const body = (await response.json()) as { error?: unknown; errors?: unknown };
    if (typeof body.error === 'string') return new ApiError(chinese(body.error), status);
    if (Array.isArray(body.errors)) {
      const errors = body.errors.map((e: { field?: unknown; message?: unknown }) => ({
        field: String(e?.field ?? ''),
        message: String(e?.message ?? ''),
      }));
      return new ApiError(errors.map((e) => chinese(e.message)).join(';'), status, errors);
    }
  } catch {
    // not JSON: fall through to the status
  }
  if (status === 401) return new ApiError('请先登录', status);
  if (status === 403) return new ApiError('您的账号没有此项权限', status);
  return new ApiError(`服务器出错(${status}),请稍后重试`, status);
}

/** The Chinese part of a bilingual "中文 / English" message. */
export function chinese(message: string): string {
  return message.split(' / ')[0]!;
}
