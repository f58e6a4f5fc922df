import type { FieldError } from '@manyi/domain/messages';

/** Quality settings that cannot be used (\`qualitySettingsProblems\`); the API answers 400. */
export class QualitySettingsError extends Error {
  constructor(readonly problems: FieldError[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}
