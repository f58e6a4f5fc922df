import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { bilingual, type FieldError } from '@manyi/domain/messages';
import { problem } from '../../problem.ts';

/** What `jsonBody` needs of a schema: zod's `safeParse` (kept structural, so the API needs no zod of its own). */
export interface Schema<T> {
  safeParse(data: unknown):
    | { success: true; data: T }
    | {
        success: false;
        error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
      };
}

/**
 * Refuses a request body over `maxSize` bytes with 413, before anything reads it. Served by
 * `@hono/node-server`, a body of declared length is judged by its Content-Length alone (Node's
 * parser never delivers more than that), so that `jsonBody` can then read it straight from the
 * socket: Hono's `bodyLimit` touches `c.req.raw.body`, which makes the server build a whole web
 * `Request` (headers copied and checked, a web stream over the socket, an AbortController) for
 * every submission. A chunked body, or one under `app.request()`, goes through `bodyLimit`.
 */
export function bodyLimitOf(maxSize: number): MiddlewareHandler {
  const tooLarge = (c: Context) =>
    problem(
      c,
      413,
      `提交内容过大(上限 ${maxSize} 字节)`,
      `request body too large (limit ${maxSize} bytes)`,
    );
  const streamed = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (
      unreadIncoming(c) &&
      length !== undefined &&
      c.req.header('transfer-encoding') === undefined
    )
      return Number(length) > maxSize ? tooLarge(c) : next();
    return streamed(c, next);
  };
}

/** Refuses a body over 16 KiB, the largest a form of the evaluator pages sends. */
export const jsonLimit: MiddlewareHandler = bodyLimitOf(16 * 1024);

/**
 * The request's JSON body checked against a schema, or the response refusing it: 415 for another
 * content type, 400 with `{ errors: [{ field, message }] }` for bad JSON or a bad shape. Values are
 * never echoed (a password could be one). `fieldNames` gives the Chinese name of a top-level field
 * for its message.
 *
 * @example const body = await jsonBody(c, loginSchema); if (body instanceof Response) return body;
 */
export async function jsonBody<T>(
  c: Context,
  schema: Schema<T>,
  fieldNames: Record<string, string> = {},
): Promise<T | Response> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? ''))
    return problem(c, 415, '请以 JSON 格式提交', 'send the body as application/json');
  let body: unknown;
  try {
    const incoming = unreadIncoming(c);
    body = incoming ? JSON.parse(await incomingText(c, incoming)) : await c.req.json();
  } catch {
    return c.json(
      {
        errors: [
          {
            field: 'body',
            message: bilingual('提交内容不是有效的 JSON', 'body is not valid JSON'),
          },
        ],
      },
      400,
    );
  }
  // JSON.parse makes `__proto__` an own key, which copying the object then turns into its prototype
  const proto = protoKeyPath(body);
  if (proto !== null)
    return c.json(
      {
        errors: [
          {
            field: proto || 'body',
            message: bilingual('不允许使用键名 __proto__', 'the key __proto__ is not allowed'),
          },
        ],
      },
      400,
    );
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const errors: FieldError[] = parsed.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || 'body';
    const message = / \/ /.test(issue.message)
      ? issue.message
      : bilingual(
          `${fieldNames[String(issue.path[0])] ?? field}缺失或格式不正确`,
          `${field}: ${issue.message}`,
        );
    return { field, message };
  });
  return c.json({ errors }, 400);
}

/** The path of the first object holding an own `__proto__` key, or null; iterative, for any depth. */
function protoKeyPath(body: unknown): string | null {
  const stack: [unknown, string][] = [[body, '']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (Object.hasOwn(value, '__proto__')) return path;
    for (const [key, child] of Object.entries(value))
      stack.push([child, path ? `${path}.${key}` : key]);
  }
  return null;
}

/**
 * The Node request of `@hono/node-server` while no one has read its body yet, else undefined
 * (under `app.request()` there is none, or a stand-in that tests give for the client address).
 */
function unreadIncoming(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  return incoming instanceof Readable && !incoming.readableDidRead && !incoming.destroyed
    ? (incoming as IncomingMessage)
    : undefined;
}

/**
 * The body as text, read from the socket; kept as Hono keeps a body it read, so that a later
 * `c.req.json()` (the security log's, after a failed sign-in) gets it too. UTF-8 with a leading
 * BOM dropped, as `Request.json()` decodes.
 */
function incomingText(c: Context, incoming: IncomingMessage): Promise<string> {
  const text = new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => {
      const decoded = Buffer.concat(chunks).toString('utf8');
      resolve(decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded);
    });
    incoming.once('error', reject);
    // a client gone before the end of its body: after 'end' this settles nothing
    incoming.once('close', () => reject(new Error('the request closed before its body ended')));
  });
  // Hono's own entries are promises too, whatever its type says
  (c.req.bodyCache as { text?: Promise<string> }).text = text;
  return text;
}
