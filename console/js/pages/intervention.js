// One intervention: its details, the status moves the signed-in role may make, the technician
// (for planners), its checklist and signatures. Every change sends the ETag read with it, so a
// change made meanwhile by someone else is refused (412) and shown rather than overwritten.
import { ApiError, call, listAll } from '../api.js';
import { inlineError, optionsOf, statusBadge, table } from '../components.js';
import { dateTime, h, mount } from '../dom.js';
import { localized, t } from '../i18n.js';
import { nextStatuses } from '../workflow.js';

const PLANNERS = ['project_manager', 'manager', 'tenant_admin'];

/** The message for a refused change: stale copy, workflow rule or invalid field. */
export function refusal(error) {
  if (!(error instanceof ApiError)) return error.message;
  if (error.status === 412) return t('conflict.stale');
  const fields = Object.entries(error.fields);
  return fields.length ? fields.map(([f, m]) => `${f}: ${m}`).join('; ') : error.message;
}

/** Moves `record` to `to` with its ETag; resolves with the new record. */
export async function transition(id, to, etag) {
  return call('POST', `/v1/interventions/${id}/transitions`, { body: { to }, etag });
}

export async function render(root, { id, session, reload }) {
  const [{ data: record, etag }, checklist, signatures] = await Promise.all([
    call('GET', `/v1/interventions/${id}`),
    call('GET', `/v1/interventions/${id}/checklist`).then((r) => r.data),
    listAll(`/v1/signatures?intervention_id=${id}`),
  ]);
  const [site, technicians] = await Promise.all([
    call('GET', `/v1/sites/${record.site_id}`).then((r) => r.data),
    listAll('/v1/technicians?status=active&sort=full_name'),
  ]);
  const error = inlineError();
  const act = (work) => async (...args) => {
    try { await work(...args); await reload(); } catch (problem) { error.show(refusal(problem)); }
  };

  const moves = nextStatuses(record.status, session.role).map((to) => h('button', {
    type: 'button', class: to === 'cancelled' || to === 'blocked' ? 'danger' : 'primary', dataset: { move: to },
    onclick: act(() => transition(id, to, etag)),
  }, t(`move.${to}`)));

  const technician = PLANNERS.includes(session.role)
    ? technicianSelect(technicians, record.assigned_technician_id, act((value) => call('PATCH', `/v1/interventions/${id}`, { body: { assigned_technician_id: value }, etag })))
    : technicians.find((x) => x.id === record.assigned_technician_id)?.full_name ?? t('intervention.unassigned');

  mount(root,
    h('p', {}, h('a', { href: '#/interventions' }, `← ${t('nav.interventions')}`)),
    h('h1', {}, `${record.reference ?? ''} ${record.title} `, statusBadge(record.status)),
    h('div', { class: 'grid two' },
      h('section', { class: 'card' },
        h('dl', { class: 'facts' },
          fact(t('col.site'), `${site.name} (${site.code})`),
          fact(t('col.technician'), technician),
          fact(t('col.scheduled'), `${dateTime(record.scheduled_start)} → ${dateTime(record.scheduled_end)}`),
          fact(t('col.window'), `${dateTime(record.window_start)} → ${dateTime(record.window_end)}`),
          fact(t('col.priority'), t(`priority.${record.priority}`)),
          fact(t('col.estimate'), `${record.estimated_minutes} min`),
          fact(t('col.workType'), record.work_type),
          fact(t('col.description'), record.description || '—')),
        h('div', { class: 'actions', id: 'moves' }, moves.length ? moves : h('span', { class: 'muted' }, t('intervention.noMoves'))),
        error),
      h('section', { class: 'card' },
        h('h2', {}, t('intervention.checklist')),
        table([
          { label: '#', value: (item) => item.position },
          { label: t('col.item'), value: (item) => localized(item) + (item.required ? ' *' : '') },
          { label: t('col.answer'), value: (item) => answerText(item.value) },
          { label: t('col.answeredAt'), value: (item) => dateTime(item.answered_at) },
        ], checklist, { empty: t('intervention.noChecklist') }),
        h('h2', {}, t('intervention.signatures')),
        table([
          { label: t('col.signer'), value: (s) => s.signer_name },
          { label: t('col.role'), value: (s) => t(`signer.${s.signer_role}`) },
          { label: t('col.signedAt'), value: (s) => dateTime(s.signed_at) },
        ], signatures, { empty: t('intervention.noSignatures') }))));
}

function technicianSelect(technicians, selected, onChoose) {
  const select = h('select', { name: 'assigned_technician_id', 'aria-label': t('col.technician') },
    h('option', { value: '' }, t('intervention.unassigned')),
    optionsOf(technicians, (x) => x.full_name).map(([value, label]) => h('option', { value, selected: value === selected }, label)));
  select.addEventListener('change', () => onChoose(select.value || null));
  return select;
}

const fact = (label, value) => [h('dt', {}, label), h('dd', {}, value)];

export function answerText(value) {
  if (value === null || value === undefined) return '—';
  if (value === true) return t('common.yes');
  if (value === false) return t('common.no');
  return String(value);
}
