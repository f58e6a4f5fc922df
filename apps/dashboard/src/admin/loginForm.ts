import { api, ApiError, type Session } from './adminApi.ts';

/**
 * Wires the login form: posts the name and password, shows the API's refusal (wrong password,
 * too many attempts) under the form, and hands the session on.
 */
export function loginForm(form: HTMLFormElement, onSignedIn: (session: Session) => void): void {
  const error = form.querySelector<HTMLElement>('#login-error')!;
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const username = String(data.get('username') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!username || !password) return showError('请输入用户名和密码');
    button.disabled = true;
    error.hidden = true;
    try {
      const session = await api<Session>('POST', '/auth/login', { username, password });
      form.reset();
      onSignedIn(session);
    } catch (failure) {
      showError(
        failure instanceof ApiError && failure.status === 400
          ? '用户名或密码格式不正确'
          : (failure as Error).message,
      );
    } finally {
      button.disabled = false;
    }
  });

  /** The refusal under the form, the password cleared for another try. */
  function showError(message: string): void {
    error.textContent = message;
    error.hidden = false;
    (form.elements.namedItem('password') as HTMLInputElement).value = '';
  }
}
