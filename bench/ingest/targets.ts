/**
 * What a phase loads: the bare ping, durable submissions, submissions checked but not stored, or
 * the same body posted to a handler that only reads and parses it (the most any POST of it gets).
 */
export type Target = 'ping' | 'post' | 'unstored' | 'bare';

/** Where the bench server mounts a second API whose submissions are never written. */
export const unstoredPrefix = '/unstored';

/** The path each target requests. */
export const targetPaths: Record<Target, string> = {
  ping: '/ping',
  post: '/api/v1/responses',
  unstored: `${unstoredPrefix}/api/v1/responses`,
  bare: '/bare',
};
