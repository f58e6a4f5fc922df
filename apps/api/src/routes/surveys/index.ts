import { Hono } from 'hono';
import { findCommunity } from '@manyi/store/regions';
import type { Store } from '@manyi/store/Store';
import { openSurvey, type SurveyCommunity } from '../../openSurvey.ts';
import { problem } from '../../problem.ts';

/** The name of the question the server adds for the respondent's grid. */
export const gridQuestion = 'grid';

/**
 * `GET /surveys/resident?community=CODE`: the SurveyJS JSON of the open campaign's resident
 * form for one community, titled with the campaign and the community, asking for the grid
 * first when the community has more than one.
 */
export function surveys(store: Store) {
  return new Hono().get('/resident', async (c) => {
    const code = c.req.query('community') ?? '';
    const survey = await openSurvey(store);
    const community = survey?.communities.get(code);
    if (!community) {
      if (survey || !(await findCommunity(store, code)))
        return problem(
          c,
          404,
          `没有编码为 ${code.slice(0, 32)} 的社区`,
          `no community with code ${code.slice(0, 32)}`,
        );
      return problem(c, 409, '目前没有进行中的测评', 'no evaluation campaign is open');
    }
    if (!survey) return problem(c, 409, '目前没有进行中的测评', 'no evaluation campaign is open');
    c.header('Cache-Control', 'no-store');
    return c.json(
      residentForm(survey.resident.instrument.survey, survey.campaign.title, community),
    );
  });
}

/** The instrument's form for one community: its title, and the grid question when there is a choice. */
export function residentForm(
  form: Record<string, unknown>,
  title: string,
  community: SurveyCommunity,
) {
  const survey = structuredClone(form) as Record<string, unknown> & {
    pages?: { elements?: unknown[] }[];
  };
  survey.title = title;
  survey.description = `${community.name} · ${community.streetName} · ${community.districtName}`;
  if (community.grids.length > 1 && survey.pages?.[0]) {
    const first = survey.pages[0];
    const elements = (first.elements ?? []) as { type?: string }[];
    // after the page's opening text (the greeting), before its first question
    const at = elements.findIndex((e) => e.type !== 'html');
    const lead = at === -1 ? elements.length : at;
    first.elements = [
      ...elements.slice(0, lead),
      {
        type: 'dropdown',
        name: gridQuestion,
        title: '您居住在哪个网格？',
        description: '不清楚可以选离您家最近的网格',
        // SurveyJS's own placeholder is a bare 请选择…
        placeholder: '请选择您居住的网格',
        isRequired: true,
        choices: community.grids.map((g) => ({ value: g.code, text: g.name })),
      },
      ...elements.slice(lead),
    ];
  }
  return survey;
}
