/**
 * An account change the store refuses: the username is taken, the scope does not fit the role,
 * or there is no such user. The API answers 409, 400 and 404.
 */
export class UserRefusedError extends Error {
  constructor(
    readonly reason: 'exists' | 'scope' | 'missing',
    message: string,
  ) {
    super(message);
  }
}
