import { Hono } from 'hono';
import { listCampaigns } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';

/** `GET /campaigns`: every evaluation year with its window and state, newest first. */
export function campaigns(store: Store) {
  return new Hono().get('/', async (c) => c.json(await listCampaigns(store)));
}
