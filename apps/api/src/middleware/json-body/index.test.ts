import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyLimitOf, jsonBody, type Schema } from './index.ts';

/** A body `{ name }` with a non-empty name, checked as a zod schema would answer. */
const schema: Schema<{ name: string }> = {
  safeParse: (data) =>
    typeof (data as { name?: unknown }).name === 'string' && (data as { name: string }).name
      ? { success: true, data: data as { name: string } }
      : { success: false, error: { issues: [{ path: ['name'], message: 'a name is required' }] } },
};

/** A route as the API builds them: the limit, then the checked body; echoes what it read twice. */
const app = new Hono().post('/echo', bodyLimitOf(64), async (c) => {
  const body = await jsonBody(c, schema, { name: '名称' });
  if (body instanceof Response) return body;
  // a second read, as the security log reads a failed sign-in's body again
  const again = (await c.req.json()) as unknown;
  return c.json({ body, again });
});

let server: ServerType;
let port: number;
beforeAll(async () => {
  await new Promise<void>((listening) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      port = info.port;
      listening();
    });
  });
});
afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

/** POSTs raw bytes over a real socket; `chunked` sends them without a Content-Length. */
function post(
  body: string | Buffer,
  { chunked = false, contentType = 'application/json' } = {},
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/echo',
        headers: {
          'content-type': contentType,
          ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': bytes.length }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString()) }),
        );
      },
    );
    req.on('error', reject);
    if (chunked) for (let i = 0; i < bytes.length; i += 16) req.write(bytes.subarray(i, i + 16));
    else req.write(bytes);
    req.end();
  });
}

describe('jsonBody and bodyLimitOf on a listening server (the body read from the socket)', () => {
  it('reads a body of declared length, and a second read gets the same', async () => {
    const res = await post(JSON.stringify({ name: '张三' }));
    expect(res).toEqual({ status: 200, json: { body: { name: '张三' }, again: { name: '张三' } } });
  });

  it('reads a chunked body too, and drops a leading BOM as Request.json() does', async () => {
    const chunked = await post(JSON.stringify({ name: '李四' }), { chunked: true });
    expect(chunked.json).toEqual({ body: { name: '李四' }, again: { name: '李四' } });
    const bom = await post(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name":"x"}')]),
    );
    expect(bom.status).toBe(200);
  });

  it('refuses a body over the limit with 413, declared or chunked', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(100) });
    for (const chunked of [false, true]) {
      const res = await post(big, { chunked });
      expect(res.status).toBe(413);
      expect(JSON.stringify(res.json)).toContain('request body too large (limit 64 bytes)');
    }
  });

  it('answers 400 naming the field for bad JSON or a bad shape, 415 for another type', async () => {
    const bad = await post('{"name":');
    expect(bad).toEqual({
      status: 400,
      json: {
        errors: [{ field: 'body', message: '提交内容不是有效的 JSON / body is not valid JSON' }],
      },
    });
    const shape = await post('{"name":""}');
    expect(shape.status).toBe(400);
    expect((shape.json as { errors: { field: string }[] }).errors[0]!.field).toBe('name');
    expect((await post('{"name":"x"}', { contentType: 'text/plain' })).status).toBe(415);
  });
});
