// The login screen: e-mail and password for a session token.
import { api, setSession } from '../api.js';
import { h } from '../dom.js';

/** Renders the login form; on success stores the session and goes to the user's landing page. */
export async function render(root, _params, ctx) {
  const email = h('input', { type: 'email', id: 'login-email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', id: 'login-password', name: 'password', autocomplete: 'current-password', required: true });
  const message = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { class: 'primary', type: 'submit' }, 'Log in');
  const form = h('form', { class: 'card', 'data-testid': 'login-form', onsubmit: async (event) => {
    event.preventDefault();
    message.textContent = '';
    submit.disabled = true;
    try {
      const body = await api('POST', '/auth/token', { email: email.value.trim(), password: password.value });
      setSession({ token: body.token, user_id: body.user_id, expires_at: body.expires_at });
      await ctx.signedIn();
    } catch (error) {
      message.textContent = error.status === 401 ? 'The e-mail or password is not right.' : error.message;
      password.select();
    } finally {
      submit.disabled = false;
    }
  } },
  h('div', { class: 'field' }, h('label', { for: 'login-email' }, 'E-mail'), email),
  h('div', { class: 'field' }, h('label', { for: 'login-password' }, 'Password'), password),
  message, submit);
  root.append(h('section', { class: 'login' }, h('h1', {}, 'Log in to Loupe'), form));
  email.focus();
}
