import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { bilingual } from '@manyi/domain/messages';

/** A JSON error for people: `{ "error": "中文 / English" }`. */
export function problem(c: Context, status: ContentfulStatusCode, zh: string, en: string) {
  return c.json({ error: bilingual(zh, en) }, status);
}
