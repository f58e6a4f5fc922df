import { api } from '../admin/adminApi.ts';
import type { ViewContext } from './ViewContext.ts';

/**
 * Asks the API (GET `path`) for what `body` is to show about the unit `code`, marking `body`
 * busy and as showing `code`; null if the view was left or another unit was picked while the
 * answer was on its way, so a slow answer never draws over a later one. The caller draws the
 * answer and clears `aria-busy`.
 */
export async function unitAnswer<T>(
  body: HTMLElement,
  context: ViewContext,
  code: string,
  path: string,
): Promise<T | null> {
  body.dataset.unit = code;
  body.setAttribute('aria-busy', 'true');
  const answer = await api<T>('GET', path);
  if (context.signal.aborted || body.dataset.unit !== code) return null;
  return answer;
}
