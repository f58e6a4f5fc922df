import { Hono } from 'hono';

/** `GET /health`: the process answers. */
export const health = new Hono().get('/', (c) => c.json({ status: 'ok' }));
