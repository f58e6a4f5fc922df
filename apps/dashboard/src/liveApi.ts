import type { CommunityResidentScore } from '@manyi/charts/residentScoresByStreet';
import type { Campaign } from '@manyi/domain/campaign';

export type { Campaign };

/** `GET /api/v1/live/:year`: the provisional resident score of every community. */
export interface LiveScores {
  year: number;
  state: Campaign['state'];
  communities: CommunityResidentScore[];
}

/** A failed request, with a message for the page in Chinese. */
export class ApiError extends Error {}

/** Every campaign year, newest first. */
export function fetchCampaigns(signal?: AbortSignal): Promise<Campaign[]> {
  return getJson('/api/v1/campaigns', signal);
}

/** One year's live scores; never cached, so an answer just submitted shows on the next call. */
export function fetchLiveScores(year: number, signal?: AbortSignal): Promise<LiveScores> {
  return getJson(`/api/v1/live/${year}`, signal);
}

/** JSON from the API on the page's own origin, or an `ApiError` saying what went wrong. */
async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      signal,
      cache: 'no-store',
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('无法连接服务器,请检查网络');
  }
  if (!response.ok) throw new ApiError(await problemMessage(response));
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError('服务器返回的数据无法读取');
  }
}

/** The Chinese half of the API's `{ "error": "中文 / English" }`, else a message from the status. */
async function problemMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string') return body.error.split(' / ')[0]!;
  } catch {
    // not JSON: fall through to the status
  }
  return `服务器出错(${response.status}),请稍后重试`;
}
