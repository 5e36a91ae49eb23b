// The first password of an invited user (`POST /v1/auth/invitations/accept`), then signed in.
import { call } from '../api.js';
import { formValues, h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { signIn } from '../session.js';
import { homeOf } from './index.js';
import { field } from './login.js';

export async function render(root, { params, navigate }) {
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  mount(root, h('form', { class: 'card narrow', onsubmit: async (event) => {
    event.preventDefault();
    try {
      const { data } = await call('POST', '/v1/auth/invitations/accept', { body: formValues(event.target), authenticated: false });
      navigate(`#/${homeOf((await signIn(data)).role)}`);
    } catch (problem) {
      error.textContent = Object.values(problem.fields ?? {})[0] ?? problem.message;
      error.hidden = false;
    }
  } },
  h('h1', {}, t('invitation.title')),
  field('tenant', t('login.tenant'), { required: true, value: params.get('tenant') ?? '' }),
  field('token', t('invitation.token'), { required: true, value: params.get('token') ?? '', autocomplete: 'off' }),
  field('password', t('invitation.password'), { type: 'password', autocomplete: 'new-password', required: true, minlength: 12 }),
  error,
  h('button', { type: 'submit', class: 'primary' }, t('invitation.submit'))));
}
