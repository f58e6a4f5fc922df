/** What a phase loads: the bare ping, durable submissions, or submissions checked but not stored. */
export type Target = 'ping' | 'post' | 'unstored';

/** Where the bench server mounts a second API whose submissions are never written. */
export const unstoredPrefix = '/unstored';

/** The path each target requests. */
export const targetPaths: Record<Target, string> = {
  ping: '/ping',
  post: '/api/v1/responses',
  unstored: `${unstoredPrefix}/api/v1/responses`,
};
