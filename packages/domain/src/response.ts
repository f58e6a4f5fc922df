import { z } from 'zod';
import { instrumentNames } from './instrument.ts';

/** Where a response came from. */
export const responseSources = ['web', 'paper', 'import', 'synthetic'] as const;
export type ResponseSource = (typeof responseSources)[number];

/**
 * The body of `POST /api/v1/responses`: a resident's submission. `submissionId` is made by the
 * client once per filled form, so a retry never makes a second response.
 */
export const submissionSchema = z.object({
  submissionId: z
    .string()
    .trim()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  community: z.string().min(1).max(32),
  grid: z.string().min(1).max(32).optional(),
  answers: z.record(z.string(), z.unknown()),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  /** The one-time invitation token (`?t=` of the invitation link), as scanned or typed. */
  invitation: z.string().min(1).max(64).optional(),
});
export type Submission = z.infer<typeof submissionSchema>;

/** A response as the store keeps it: one submission, with its campaign, units and raw answers. */
export interface ResponseRecord {
  id: string;
  clientId: string;
  year: number;
  instrument: (typeof instrumentNames)[number];
  subjectCode: string;
  raterCode: string | null;
  gridCode: string | null;
  source: ResponseSource;
  startedAt: Date | null;
  submittedAt: Date;
  answers: Record<string, unknown>;
}
