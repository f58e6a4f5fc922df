import { Hono } from 'hono';
import { listCommunities } from '@manyi/store/regions';
import type { Store } from '@manyi/store/Store';

/** `GET /communities`: the public list of communities (code, name, kind, street, district). */
export function communities(store: Store) {
  return new Hono().get('/', async (c) => c.json(await listCommunities(store)));
}
