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

/** Refuses a request body over `maxSize` bytes with 413, before anything reads it. */
export function bodyLimitOf(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: (c) =>
      problem(
        c,
        413,
        `提交内容过大(上限 ${maxSize} 字节)`,
        `request body too large (limit ${maxSize} bytes)`,
      ),
  });
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
    body = await c.req.json();
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
