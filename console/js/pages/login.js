// Sign in with tenant, e-mail and password; platform operators paste a token from
// `fieldopsctl token issue` (they have no tenant account).
import { ApiError, call } from '../api.js';
import { formValues, h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { signIn, signInWithToken } from '../session.js';
import { homeOf } from './index.js';

export async function render(root, { navigate }) {
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const fail = (message) => { error.textContent = message; error.hidden = false; };
  const enter = (session) => navigate(`#/${homeOf(session.role)}`);

  const form = h('form', { class: 'card narrow', id: 'login-form', onsubmit: async (event) => {
    event.preventDefault();
    try {
      const { data } = await call('POST', '/v1/auth/login', { body: formValues(event.target), authenticated: false });
      enter(await signIn(data));
    } catch (problem) {
      fail(problem instanceof ApiError && problem.status === 401 ? t('login.refused') : problem.message);
    }
  } },
  h('h1', {}, t('login.title')),
  field('tenant', t('login.tenant'), { autocomplete: 'organization', required: true, value: localStorage.getItem('fieldops.tenant') ?? '' }),
  field('email', t('login.email'), { type: 'email', autocomplete: 'username', required: true }),
  field('password', t('login.password'), { type: 'password', autocomplete: 'current-password', required: true }),
  error,
  h('button', { type: 'submit', class: 'primary' }, t('login.submit')),
  h('p', {}, h('a', { href: '#/invitation' }, t('login.invitation'))));
  form.tenant.addEventListener('change', () => localStorage.setItem('fieldops.tenant', form.tenant.value));

  const operator = h('form', { class: 'card narrow', id: 'operator-form', onsubmit: async (event) => {
    event.preventDefault();
    try {
      enter(await signInWithToken(event.target.token.value));
    } catch {
      fail(t('login.badToken'));
    }
  } },
  h('details', {}, h('summary', {}, t('login.operator')),
    h('p', { class: 'muted' }, t('login.operatorHelp')),
    field('token', t('login.token'), { required: true, autocomplete: 'off' }),
    h('button', { type: 'submit' }, t('login.submit'))));
  mount(root, form, operator);
}

export function field(name, label, attributes = {}) {
  return h('label', {}, h('span', {}, label), h('input', { name, ...attributes }));
}
