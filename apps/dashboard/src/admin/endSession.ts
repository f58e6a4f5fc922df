import { api } from './adminApi.ts';

/**
 * Ends the session on the server (`POST /auth/logout`), as both pages' 退出 buttons do; false,
 * after saying why through the page's own `notify`, if the server could not be reached, so the
 * page keeps showing the signed-in state it still has.
 */
export async function endSession(
  notify: (message: string, kind: 'info' | 'error') => void,
): Promise<boolean> {
  try {
    await api('POST', '/auth/logout');
  } catch (error) {
    notify(`退出失败:${(error as Error).message}`, 'error');
    return false;
  }
  return true;
}
