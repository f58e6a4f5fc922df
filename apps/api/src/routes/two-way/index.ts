import { Hono, type Context } from 'hono';
import { compileInstrument } from '@manyi/domain/answers';
import { campaignStateNames } from '@manyi/domain/campaign';
import type { InstrumentName } from '@manyi/domain/instrument';
import { twoWayClientId, twoWayFormSchema } from '@manyi/domain/twoWayForm';
import type { SessionUser } from '@manyi/domain/user';
import { getCampaign, getInstrument } from '@manyi/store/campaigns';
import { actorOf } from '@manyi/store/sessions';
import type { Store } from '@manyi/store/Store';
import { regionTree, requireRole, signedInUser } from '../../middleware/access/index.ts';
import { bodyLimitOf, jsonBody } from '../../middleware/json-body/index.ts';
import type { AuthEnv } from '../../middleware/session/index.ts';
import { appendOnce } from '../../appendOnce.ts';
import { problem } from '../../problem.ts';

/** A unit of the campaign's snapshot, by code and name. */
interface Unit {
  code: string;
  name: string;
}

/** What one account fills in: the form, the rater it speaks for, the units it rates. */
interface TwoWayForms {
  instrument: InstrumentName;
  rater: Unit;
  subjects: Unit[];
}

/**
 * The two-way evaluation (双向评价, issue 4 §7), behind login: street staff rate each community
 * of their street (street_to_community), community staff rate their street (community_to_street),
 * once per campaign and pair.
 * - `GET /two-way/:year` → `{ year, state, instrument, rater: { code, name }, subjects: [{ code,
 *   name, filled }], survey }` (`survey` is the SurveyJS JSON of the form).
 * - `POST /two-way/:year` `{ subject, answers }` → 201 `{ id, instrument, rater, subject }`;
 *   400 bad answers; 403 a subject not the account's to rate; 409 filled already, or the campaign
 *   not open. Logged with who filled it, never the answers.
 */
export function twoWay(store: Store) {
  const staff = requireRole('street_staff', 'community_staff');
  return new Hono<AuthEnv>()
    .get('/:year{[0-9]{4}}', staff, async (c) => {
      const year = Number(c.req.param('year'));
      const campaign = await getCampaign(store, year);
      if (!campaign) return noCampaign(c, year);
      const forms = await formsOf(store, year, signedInUser(c));
      if (!forms) return notInCampaign(c, year);
      const instrument = await getInstrument(store, year, forms.instrument);
      if (!instrument) return noInstrument(c, year, forms.instrument);
      const filled = await filledSubjects(store, year, forms);
      c.header('Cache-Control', 'no-store');
      return c.json({
        year,
        state: campaign.state,
        instrument: forms.instrument,
        rater: forms.rater,
        subjects: forms.subjects.map((s) => ({ ...s, filled: filled.has(s.code) })),
        survey: instrument.survey,
      });
    })
    .post('/:year{[0-9]{4}}', staff, bodyLimitOf(64 * 1024), async (c) => {
      const body = await jsonBody(c, twoWayFormSchema, { subject: '评价对象', answers: '答案' });
      if (body instanceof Response) return body;
      const year = Number(c.req.param('year'));
      const user = signedInUser(c);
      const campaign = await getCampaign(store, year);
      if (!campaign) return noCampaign(c, year);
      const forms = await formsOf(store, year, user);
      if (!forms) return notInCampaign(c, year);
      if (!forms.subjects.some((s) => s.code === body.subject)) {
        if (!(await regionTree(store)).has(body.subject))
          return problem(c, 404, `没有编码为 ${body.subject} 的单位`, `no unit ${body.subject}`);
        return problem(
          c,
          403,
          `您的账号不能评价 ${body.subject}`,
          `your account does not rate ${body.subject}`,
        );
      }
      if (campaign.state !== 'open')
        return problem(
          c,
          409,
          `${year} 年度测评${campaignStateNames[campaign.state]},不在填报期内`,
          `the ${year} campaign is ${campaign.state}: forms are taken only while it is open`,
        );
      const instrument = await getInstrument(store, year, forms.instrument);
      if (!instrument) return noInstrument(c, year, forms.instrument);
      const compiled = compileInstrument(instrument);
      const errors = compiled.validate(body.answers);
      if (errors.length) return c.json({ errors }, 400);
      if ((await filledSubjects(store, year, forms)).has(body.subject))
        return filledAlready(c, body.subject);
      const clientId = twoWayClientId(year, forms.instrument, forms.rater.code, body.subject);
      const id = await appendOnce(
        store,
        {
          clientId,
          year,
          instrument: forms.instrument,
          subjectCode: body.subject,
          raterCode: forms.rater.code,
          gridCode: null,
          source: 'web',
          startedAt: null,
          submittedAt: new Date(),
          answers: body.answers,
          long: compiled.extract(body.answers),
        },
        {
          actor: actorOf(user),
          action: 'twoway.submit',
          target: `response:${clientId}`,
          year,
          after: { instrument: forms.instrument, rater: forms.rater.code, subject: body.subject },
        },
      );
      if (!id) return filledAlready(c, body.subject);
      return c.json(
        { id, instrument: forms.instrument, rater: forms.rater.code, subject: body.subject },
        201,
      );
    });
}

/**
 * The forms an account fills in the year, from the campaign's snapshot of units: a street's
 * staff rate its communities, a community's staff its street. Undefined when the account's unit
 * is not in the snapshot.
 */
async function formsOf(
  store: Store,
  year: number,
  user: SessionUser,
): Promise<TwoWayForms | undefined> {
  const [own] = await store.query<Unit & { parent: string | null }>(
    'SELECT code, name, parent_code AS parent FROM campaign_units WHERE year = ? AND code = ?',
    [year, user.scope ?? ''],
  );
  if (!own) return undefined;
  if (user.role === 'street_staff') {
    const subjects = await store.query<Unit>(
      `SELECT code, name FROM campaign_units
       WHERE year = ? AND parent_code = ? AND level = 'community' ORDER BY code`,
      [year, own.code],
    );
    return { instrument: 'street_to_community', rater: unitOf(own), subjects };
  }
  const streets = await store.query<Unit>(
    `SELECT code, name FROM campaign_units WHERE year = ? AND code = ? AND level = 'street'`,
    [year, own.parent ?? ''],
  );
  return { instrument: 'community_to_street', rater: unitOf(own), subjects: streets };
}

/** The subjects this rater has rated with this form in the year. */
async function filledSubjects(store: Store, year: number, forms: TwoWayForms) {
  const rows = await store.query<{ subject: string }>(
    `SELECT DISTINCT subject_code AS subject FROM responses
     WHERE year = ? AND instrument = ? AND rater_code = ?`,
    [year, forms.instrument, forms.rater.code],
  );
  return new Set(rows.map((r) => r.subject));
}

/** A unit's code and name only. */
function unitOf({ code, name }: Unit): Unit {
  return { code, name };
}

/** The 409 for a second form of the same rater about the same subject. */
function filledAlready(c: Context, subject: string) {
  return problem(
    c,
    409,
    `本年度已对 ${subject} 填报过评价,每年只能填报一次`,
    `${subject} is already rated this year: once per campaign`,
  );
}

/** The 404 for a year without a campaign. */
function noCampaign(c: Context, year: number) {
  return problem(c, 404, `没有 ${year} 年度的测评`, `there is no ${year} campaign`);
}

/** The 404 for an account whose unit the year's campaign does not hold. */
function notInCampaign(c: Context, year: number) {
  return problem(
    c,
    404,
    `${year} 年度测评不包括您账号所属的单位`,
    `the ${year} campaign does not hold your account's unit`,
  );
}

/** The 404 for a campaign without the form. */
function noInstrument(c: Context, year: number, name: string) {
  return problem(
    c,
    404,
    `${year} 年度测评没有问卷 ${name}`,
    `the ${year} campaign has no ${name} form`,
  );
}
