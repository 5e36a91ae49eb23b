// The site lead's day: interventions scheduled today, and the validation of finished work
// (done → validated) in one click.
import { listAll } from '../api.js';
import { byID, inlineError } from '../components.js';
import { h, isToday, mount } from '../dom.js';
import { t } from '../i18n.js';
import { interventionTable } from './interventions.js';
import { refusal, transition } from './intervention.js';

/** Statuses of work still on today's plan (finished, billed or cancelled work is not). */
const OPEN = 'planned,assigned,in_progress,done,blocked';

export async function render(root, { navigate, reload, toast }) {
  const [interventions, sites, technicians] = await Promise.all([
    listAll(`/v1/interventions?status=${OPEN}&sort=scheduled_start`),
    listAll('/v1/sites?sort=name'),
    listAll('/v1/technicians?sort=full_name'),
  ]);
  const todays = interventions.filter((i) => isToday(i.scheduled_start));
  const waiting = interventions.filter((i) => i.status === 'done');
  const error = inlineError();
  const validate = (intervention) => h('button', { type: 'button', class: 'primary', dataset: { validate: intervention.id }, onclick: async (event) => {
    event.stopPropagation();
    try {
      await transition(intervention.id, 'validated', `"${intervention.version}"`);
      toast(t('today.validated', { name: intervention.reference ?? intervention.title }), 'success');
      await reload();
    } catch (problem) {
      error.show(refusal(problem));
    }
  } }, t('move.validated'));
  const common = { siteOf: byID(sites), technicianOf: byID(technicians), onOpen: (i) => navigate(`#/intervention/${i.id}`) };
  const counts = ['assigned', 'in_progress', 'done', 'blocked'].map((status) => h('div', { class: 'stat' },
    h('strong', {}, todays.filter((i) => i.status === status).length), h('span', {}, t(`status.${status}`))));
  mount(root,
    h('h1', {}, t('today.title')),
    h('div', { class: 'stats' }, counts),
    h('section', { class: 'card' }, h('h2', {}, t('today.plan')), interventionTable(todays, common)),
    h('section', { class: 'card', id: 'validation' }, h('h2', {}, t('today.toValidate', { count: waiting.length })), error,
      interventionTable(waiting, { ...common, actions: validate })));
}
