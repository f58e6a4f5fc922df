import { invitationRefusalMessage, type InvitationRefusalReason } from '@manyi/domain/invitation';

/**
 * An invitation a submission cannot use: not one of this community's in the open campaign
 * (`unknown`), used already (`used`), or of a campaign that is not open (`not-open`). The API
 * answers 403 for `unknown`, else 409.
 */
export class InvitationRefusedError extends Error {
  constructor(readonly reason: InvitationRefusalReason) {
    super(invitationRefusalMessage(reason));
  }
}
