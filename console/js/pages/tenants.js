// Platform administration: the tenants, their state and licence, suspension, and the provisioning
// form (the tenant admin's invitation token is shown once, to pass on).
import { call, getJSON } from '../api.js';
import { inlineError, table } from '../components.js';
import { formValues, h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { field } from './login.js';
import { refusal } from './intervention.js';

const SECTORS = ['btp', 'electrical', 'public_works'];

export async function render(root, { reload, toast }) {
  const { items } = await getJSON('/admin/v1/tenants');
  const error = inlineError();
  const result = h('div', { id: 'provisioned' });
  const form = h('form', { class: 'card', id: 'provision-form', onsubmit: async (event) => {
    event.preventDefault();
    error.show('');
    const button = event.target.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const { data } = await call('POST', '/admin/v1/tenants', { body: formValues(event.target), headers: { 'Idempotency-Key': crypto.randomUUID() } });
      mount(result, h('div', { class: 'card success' },
        h('h3', {}, t('tenants.created', { name: data.name, ms: data.duration_ms })),
        data.admin_invite_token ? [h('p', {}, t('tenants.inviteOnce')), h('code', { class: 'token' }, data.admin_invite_token)] : null));
      event.target.reset();
      mount(list, tenantList((await getJSON('/admin/v1/tenants')).items));
    } catch (problem) {
      error.show(refusal(problem));
    } finally {
      button.disabled = false;
    }
  } },
  h('h2', {}, t('tenants.provision')),
  h('div', { class: 'grid two' },
    field('slug', t('tenants.slug'), { required: true, pattern: '[a-z][a-z0-9\\-]{2,39}', autocomplete: 'off' }),
    field('name', t('col.name'), { required: true }),
    h('label', {}, h('span', {}, t('tenants.sector')), h('select', { name: 'sector', required: true }, SECTORS.map((s) => h('option', { value: s }, t(`sector.${s}`))))),
    field('admin_email', t('tenants.adminEmail'), { type: 'email', required: true })),
  error,
  h('button', { type: 'submit', class: 'primary' }, t('tenants.submit')));

  const toggle = (tenant) => {
    const verb = tenant.status === 'suspended' ? 'resume' : 'suspend';
    return h('button', { type: 'button', class: verb === 'suspend' ? 'danger' : '', onclick: async () => {
      try {
        await call('POST', `/admin/v1/tenants/${tenant.slug}/${verb}`, { headers: { 'Idempotency-Key': crypto.randomUUID() } });
        toast(t(`tenants.${verb}d`, { name: tenant.name }), 'success');
        await reload();
      } catch (problem) {
        toast(refusal(problem), 'error');
      }
    } }, t(`tenants.${verb}`));
  };
  const tenantTable = (tenants) => table([
    { label: t('tenants.slug'), value: (x) => x.slug },
    { label: t('col.name'), value: (x) => x.name },
    { label: t('tenants.sector'), value: (x) => t(`sector.${x.sector}`) },
    { label: t('col.status'), value: (x) => h('span', { class: `badge ${x.status === 'active' ? 'ok' : 'warn'}` }, t(`tenantStatus.${x.status}`)) },
    { label: t('tenants.seats'), value: (x) => x.licence?.seats ?? '—' },
    { label: t('tenants.server'), value: (x) => x.server },
    { label: '', value: toggle },
  ], tenants, { empty: t('tenants.none') });
  const tenantList = (tenants) => [h('h2', {}, t('tenants.list', { count: tenants.length })), tenantTable(tenants)];
  const list = h('section', { class: 'card' }, tenantList(items));
  mount(root, h('h1', {}, t('nav.tenants')), form, result, list);
}
