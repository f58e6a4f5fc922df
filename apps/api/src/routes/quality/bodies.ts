import { bilingual } from '@manyi/domain/messages';
import {
  qualityFlags,
  qualitySettingsProblems,
  defaultQualitySettings,
  type QualityFlag,
  type QualitySettings,
} from '@manyi/scoring/qualitySettings';
import {
  decisionActions,
  maxReasonLength,
  responseStatuses,
  type DecisionAction,
  type ResponseStatus,
} from '@manyi/store/exclusions';
import type { Schema } from '../../middleware/json-body/index.ts';

/** A refusal of one field, as `jsonBody` reports it. */
type Issue = { path: string[]; message: string };

/** The body of `POST /quality/:year/responses/:id/decision`. */
export const decisionSchema: Schema<{ action: DecisionAction; reason: string }> = {
  safeParse(data) {
    const body = objectOf(data);
    const issues: Issue[] = unknownKeys(body, ['action', 'reason']);
    if (!decisionActions.includes(body.action as DecisionAction))
      issues.push({
        path: ['action'],
        message: bilingual(
          '操作应为 exclude(排除)或 reinstate(恢复)',
          'action is exclude or reinstate',
        ),
      });
    const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
    if (!reason || reason.length > maxReasonLength)
      issues.push({
        path: ['reason'],
        message: bilingual(
          `须说明理由(最多 ${maxReasonLength} 个字符)`,
          `a reason is required (at most ${maxReasonLength} characters)`,
        ),
      });
    return issues.length
      ? { success: false, error: { issues } }
      : { success: true, data: { action: body.action as DecisionAction, reason } };
  },
};

/** The body of `POST /quality/:year/flag`: changes to the settings, all optional. */
export const flagSettingsSchema: Schema<Partial<QualitySettings>> = {
  safeParse(data) {
    if (data !== undefined && objectOf(data) !== data)
      return {
        success: false,
        error: { issues: [{ path: [], message: bilingual('应为 JSON 对象', 'a JSON object') }] },
      };
    const body = objectOf(data ?? {});
    const keys = Object.keys(defaultQualitySettings) as (keyof QualitySettings)[];
    const issues: Issue[] = unknownKeys(body, keys);
    const given = Object.fromEntries(
      keys.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]),
    );
    for (const { field, message } of qualitySettingsProblems({
      ...defaultQualitySettings,
      ...given,
    }))
      issues.push({ path: [field], message });
    return issues.length
      ? { success: false, error: { issues } }
      : { success: true, data: given as Partial<QualitySettings> };
  },
};

/** The query of `GET /quality/:year`, checked; a string is the refusal. */
export function reviewQueryOf(query: Record<string, string | undefined>):
  | {
      flag?: QualityFlag;
      status?: Exclude<ResponseStatus, 'valid'>;
      community?: string;
      limit: number;
      offset: number;
    }
  | string {
  const { flag, status, community } = query;
  const limit = query.limit === undefined ? 100 : Number(query.limit);
  const offset = query.offset === undefined ? 0 : Number(query.offset);
  if (flag !== undefined && !qualityFlags.includes(flag as QualityFlag))
    return bilingual(
      `flag 应为 ${qualityFlags.join('、')}`,
      `flag is one of ${qualityFlags.join(', ')}`,
    );
  const listed = responseStatuses.filter((s) => s !== 'valid');
  if (status !== undefined && !listed.includes(status as (typeof listed)[number]))
    return bilingual(`status 应为 ${listed.join('、')}`, `status is one of ${listed.join(', ')}`);
  if (community !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(community))
    return bilingual('community 应为社区编码', 'community is a community code');
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    return bilingual('limit 应为 1–500 的整数', 'limit is a whole number from 1 to 500');
  if (!Number.isInteger(offset) || offset < 0)
    return bilingual('offset 应为非负整数', 'offset is a whole number, 0 or more');
  return {
    flag: flag as QualityFlag | undefined,
    status: status as Exclude<ResponseStatus, 'valid'> | undefined,
    community,
    limit,
    offset,
  };
}

/** A body as an object (anything else gives an empty one, whose fields then fail). */
function objectOf(data: unknown): Record<string, unknown> {
  return data !== null && typeof data === 'object' && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : {};
}

/** A refusal of every key the body should not have. */
function unknownKeys(body: Record<string, unknown>, known: readonly string[]): Issue[] {
  return Object.keys(body)
    .filter((k) => !known.includes(k))
    .map((k) => ({ path: [k], message: bilingual('不认识的字段', 'unknown field') }));
}
