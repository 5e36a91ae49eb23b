// Clock in and out with the device's position, checked by the gateway against the site's
// geofence. A punch made offline waits in the queue with the time it is sent at: the gateway
// records its own clock, so the screen shows when it was queued.
import { getJSON } from '../api.js';
import { inlineError, table } from '../components.js';
import { dateTime, h, isToday, mount } from '../dom.js';
import { t } from '../i18n.js';
import { position } from '../geolocation.js';
import * as outbox from '../outbox.js';
import { myTechnician, todaysWork } from './field.js';

/** What the technician may punch next, from the last punch of the day. */
const nextPunches = (last) => ({ in: ['out', 'break_start'], break_end: ['out', 'break_start'], break_start: ['break_end'] })[last] ?? ['in'];

export async function render(root, { session, submit, reload, toast }) {
  const technician = await myTechnician(session);
  if (!technician) { mount(root, h('p', { class: 'error' }, t('field.noTechnician'))); return; }
  const [{ interventions, siteOf }, recent, queued] = await Promise.all([
    todaysWork(technician),
    getJSON(`/v1/time-clock?technician_id=${technician.id}&sort=-at&limit=10`, { snapshot: true }),
    outbox.pending(),
  ]);
  const punchesWaiting = queued.filter((e) => e.path === '/v1/time-clock');
  const siteIDs = [...new Set(interventions.map((i) => i.site_id))];
  const choices = (siteIDs.length ? siteIDs : [...siteOf.keys()]).map((id) => siteOf.get(id)).filter(Boolean);
  const site = h('select', { name: 'site_id', 'aria-label': t('col.site') }, choices.map((s) => h('option', { value: s.id }, s.name)));
  const last = punchesWaiting.at(-1)?.body.kind ?? recent.items.find((e) => isToday(e.at))?.kind;
  const error = inlineError();

  const punch = (kind) => h('button', { type: 'button', class: kind === 'in' ? 'primary big' : 'big', dataset: { punch: kind }, onclick: async () => {
    error.show('');
    const where = await position();
    if (!where) { error.show(t('clock.noPosition')); return; }
    await submit({
      method: 'POST', path: '/v1/time-clock', label: t(`clock.kind.${kind}`),
      body: { site_id: site.value, kind, latitude: where.latitude, longitude: where.longitude, accuracy_m: Math.round(where.accuracy ?? 0) },
    });
    toast(t(`clock.done.${kind}`), 'success');
    await reload();
  } }, t(`clock.kind.${kind}`));

  mount(root,
    h('h1', {}, t('nav.clock')),
    h('section', { class: 'card' },
      h('p', {}, t('clock.state'), ' ', h('strong', { id: 'clock-state' }, last ? t(`clock.kind.${last}`) : t('team.notClocked'))),
      h('label', {}, h('span', {}, t('col.site')), site),
      h('div', { class: 'actions' }, nextPunches(last).map(punch)),
      error),
    h('h2', {}, t('clock.recent')),
    table([
      { label: t('clock.when'), value: (e) => (e.queuedAt ? [dateTime(e.queuedAt), ' ', h('span', { class: 'badge waiting' }, t('sync.pending'))] : dateTime(e.at)) },
      { label: t('clock.what'), value: (e) => t(`clock.kind.${e.kind}`) },
      { label: t('col.site'), value: (e) => siteOf.get(e.site_id)?.name ?? '—' },
      { label: t('team.geofence'), value: (e) => (e.queuedAt ? '—' : e.outside_geofence ? t('team.outside', { metres: Math.round(e.distance_m ?? 0) }) : t('team.inside')) },
    ], [...punchesWaiting.map((e) => ({ ...e.body, queuedAt: e.queuedAt })).reverse(), ...recent.items], { empty: t('clock.none') }));
}
