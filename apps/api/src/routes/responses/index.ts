import { Hono } from 'hono';
import { bilingual, type FieldError } from '@manyi/domain/messages';
import { submissionSchema, type Submission } from '@manyi/domain/response';
import { campaignSalt, deviceHash } from '@manyi/store/deviceHash';
import { findCommunity } from '@manyi/store/regions';
import type { Store } from '@manyi/store/Store';
import { openSurvey, type OpenSurvey, type SurveyCommunity } from '../../openSurvey.ts';
import { bodyLimitOf, jsonBody } from '../../middleware/json-body/index.ts';
import { clientAddress } from '../../middleware/request-info/index.ts';
import { problem } from '../../problem.ts';
import { InvitationGuessThrottle } from '../invitations/InvitationGuessThrottle.ts';
import { submissionInvitation } from '../invitations/presentedInvitation.ts';
import { gridQuestion } from '../surveys/index.ts';

export interface ResponsesOptions {
  /** Counts unknown invitation tokens per client address (shared with the check endpoint). */
  guesses?: InvitationGuessThrottle;
  /** Read the client address from X-Forwarded-For (behind a proxy). */
  trustProxy?: boolean;
  /** Largest request body accepted (bytes); a resident's form is a few KB. Default 64 KiB. */
  maxBodyBytes?: number;
}

/**
 * `POST /responses`: a resident's submission. Checked in full on the server (SurveyJS's client
 * check lets an out-of-range rating through), stored by group commit, acknowledged with 201 only
 * after its commit. A retry with the same `submissionId` gets the first id back and stores nothing.
 * The device is kept only as a hash salted with the campaign's own salt (`deviceHash`).
 */
export function responses(store: Store, options: ResponsesOptions = {}) {
  const maxSize = options.maxBodyBytes ?? 64 * 1024;
  const guesses = options.guesses ?? new InvitationGuessThrottle();
  // a campaign's salt never changes: read once per year, not per submission
  const salts = new Map<number, Promise<string>>();
  const saltOf = (year: number) => {
    const salt = salts.get(year) ?? campaignSalt(store, year);
    salts.set(year, salt);
    salt.catch(() => salts.delete(year));
    return salt;
  };
  return new Hono().post('/', bodyLimitOf(maxSize), async (c) => {
    const submission = await jsonBody(c, submissionSchema, submissionFieldNames);
    if (submission instanceof Response) return submission;

    const survey = await openSurvey(store);
    const community = survey?.communities.get(submission.community);
    if (!community) {
      if (survey || !(await findCommunity(store, submission.community)))
        return problem(
          c,
          404,
          `没有编码为 ${submission.community} 的社区`,
          `no community with code ${submission.community}`,
        );
      return problem(
        c,
        409,
        '目前没有进行中的测评,不接受提交',
        'no evaluation campaign is open: submissions are not taken',
      );
    }
    if (!survey)
      return problem(c, 409, '目前没有进行中的测评,不接受提交', 'no evaluation campaign is open');

    const checked = checkAnswers(survey, community, submission);
    if ('errors' in checked) return c.json({ errors: checked.errors }, 400);

    const address = clientAddress(c, options.trustProxy);
    let invitationHash: string | null = null;
    if (submission.invitation !== undefined) {
      const hash = await submissionInvitation(c, store, guesses, address, {
        token: submission.invitation,
        communityCode: community.code,
        openYear: survey.campaign.year,
        submissionId: submission.submissionId,
      });
      if (hash instanceof Response) return hash;
      invitationHash = hash;
    }

    const device =
      address === 'unknown' // no socket (app.request): no device to tell apart
        ? null
        : deviceHash(await saltOf(survey.campaign.year), address, c.req.header('user-agent') ?? '');
    const stored = await store.responses.submit({
      clientId: submission.submissionId,
      year: survey.campaign.year,
      instrument: 'resident',
      subjectCode: community.code,
      raterCode: null,
      gridCode: checked.grid,
      source: 'web',
      startedAt: submission.startedAt ? new Date(submission.startedAt) : null,
      submittedAt: new Date(),
      answers: checked.answers, // the grid is kept in its own column
      long: survey.resident.extract(checked.answers),
      invitationHash,
      deviceHash: device,
    });
    if (stored.duplicate) c.header('Idempotent-Replayed', 'true');
    return c.json({ id: stored.id }, 201);
  });
}

/** The answers checked against the form, and the grid checked against the community. */
function checkAnswers(survey: OpenSurvey, community: SurveyCommunity, submission: Submission) {
  const { [gridQuestion]: grid, ...answers } = submission.answers;
  const errors: FieldError[] = survey.resident.validate(answers);
  let gridCode: string | null = community.grids.length === 1 ? community.grids[0]!.code : null;
  if (grid !== undefined || community.grids.length > 1) {
    const match = community.grids.find((g) => g.code === grid);
    if (match) gridCode = match.code;
    else
      errors.unshift({
        field: gridQuestion,
        message:
          grid === undefined || grid === null || grid === ''
            ? bilingual('请选择您居住的网格', 'the grid is required')
            : bilingual('所选网格不属于该社区', 'this grid is not part of the community'),
      });
  }
  if (errors.length) return { errors };
  return { answers, grid: gridCode };
}

/** The Chinese names of a submission's fields, for messages. */
const submissionFieldNames: Record<string, string> = {
  submissionId: '提交编号',
  community: '社区编码',
  answers: '答案',
  startedAt: '开始时间',
  invitation: '邀请码',
};
