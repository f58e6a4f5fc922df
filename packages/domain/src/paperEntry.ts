import { z } from 'zod';

/**
 * The body of `POST /api/v1/entries/:year/responses`: one paper questionnaire typed in by an
 * evaluator through the resident form in entry mode. `paperId` is the number printed on the
 * paper, so that entering the same paper twice is refused.
 */
export const paperEntrySchema = z.strictObject({
  instrument: z.literal('resident'),
  community: z.string().min(1).max(32),
  grid: z.string().min(1).max(32).optional(),
  answers: z.record(z.string(), z.unknown()),
  /** When the resident filled the paper in; default the time of entry. */
  submittedAt: z.iso.datetime({ offset: true }).optional(),
  paperId: z
    .string()
    .trim()
    .min(1)
    .max(48)
    .regex(/^[A-Za-z0-9_-]+$/),
});
export type PaperEntry = z.infer<typeof paperEntrySchema>;

/** The client id of an entered paper questionnaire: one response per paper and year. */
export function paperClientId(year: number, paperId: string): string {
  return `paper-${year}-${paperId}`;
}
