// A site's phases and interventions on a day grid. Dragging a bar (or Arrow keys on it) moves its
// dates by whole days through PATCH with the ETag it was read with; a change made meanwhile by
// someone else is refused (412) and shown on the row, and the chart is read again.
// Reassigning a technician by dragging between rows is the dispatch board's (dispatch.js).
import { ApiError, call, listAll } from '../api.js';
import { statusBadge } from '../components.js';
import { day, h, mount } from '../dom.js';
import { language, t } from '../i18n.js';
import { layout, shifted } from '../gantt-layout.js';
import { draggable, positioned, track } from '../gantt.js';
import { refusal } from './intervention.js';

const DAY_WIDTH = 44;
const WRITERS = ['project_manager', 'manager', 'tenant_admin'];

/** How each kind of bar maps to its record's fields and route. */
const KINDS = {
  phase: { path: 'phases', start: 'planned_start', end: 'planned_end' },
  intervention: { path: 'interventions', start: 'scheduled_start', end: 'scheduled_end' },
};

/** Messages shown on rows after a refused move, kept across the reload that follows it. */
const notices = new Map();

export async function render(root, { params, navigate, session, reload, toast }) {
  const sites = await listAll('/v1/sites?sort=name');
  const siteID = params.get('site') ?? sites[0]?.id;
  const chooser = h('select', { 'aria-label': t('col.site'), id: 'planning-site', onchange: (event) => navigate(`#/planning?site=${event.target.value}`) },
    sites.map((site) => h('option', { value: site.id, selected: site.id === siteID }, `${site.code} — ${site.name}`)));
  if (!siteID) { mount(root, h('h1', {}, t('nav.planning')), h('p', { class: 'muted' }, t('sites.none'))); return; }

  const [phases, interventions] = await Promise.all([
    listAll(`/v1/phases?site_id=${siteID}&sort=position`),
    listAll(`/v1/interventions?site_id=${siteID}&sort=scheduled_start`),
  ]);
  const rows = [
    ...phases.map((p) => ({ kind: 'phase', id: p.id, record: p, label: p.name, start: p.planned_start, end: p.planned_end })),
    ...interventions.map((i) => ({ kind: 'intervention', id: i.id, record: i, label: `${i.reference ?? ''} ${i.title}`.trim(), start: i.scheduled_start, end: i.scheduled_end })),
  ];
  const geometry = layout(rows, { dayWidth: DAY_WIDTH });
  const editable = WRITERS.includes(session.role);

  async function move(row, days) {
    const kind = KINDS[row.kind];
    const body = Object.fromEntries([kind.start, kind.end].filter((field) => row.record[field]).map((field) => [field, shifted(row.record[field], days)]));
    let moved = false;
    try {
      await call('PATCH', `/v1/${kind.path}/${row.id}`, { body, etag: `"${row.record.version}"` });
      notices.delete(row.id);
      moved = true;
    } catch (error) {
      notices.set(row.id, refusal(error));
      if (!(error instanceof ApiError)) toast(error.message, 'error');
    }
    await reload();
    // Said once the chart is read again, so the bars under the pointer are the ones the move left.
    if (moved) toast(t('planning.moved', { name: row.label, days: days > 0 ? `+${days}` : days }), 'success');
  }

  const weekday = new Intl.DateTimeFormat(language() === 'fr' ? 'fr-FR' : 'en-GB', { weekday: 'narrow', day: 'numeric' });
  const header = h('div', { class: 'gantt-row gantt-head' }, h('div', { class: 'gantt-label' }, t('planning.item')),
    track(geometry.width, geometry.ticks.map((tick) => positioned(h('span', {
      class: `gantt-tick${[0, 6].includes(tick.date.getDay()) ? ' weekend' : ''}${tick.date.toDateString() === new Date().toDateString() ? ' today' : ''}`,
    }, weekday.format(tick.date)), tick.x, DAY_WIDTH))));

  const body = rows.filter((row) => row.start).map((row) => {
    const place = geometry.bars.get(row.id);
    const bar = positioned(h('div', {
      class: `gantt-bar ${row.kind}${row.record.status ? ` status-${row.record.status}` : ''}`, tabindex: editable ? 0 : null,
      role: editable ? 'slider' : null, 'aria-label': row.label, dataset: { id: row.id, kind: row.kind, version: row.record.version },
      title: `${row.label}: ${day(row.start)} → ${day(row.end)}`,
    }, row.label), place.x, place.width);
    if (editable) draggable(bar, DAY_WIDTH, ({ steps }) => move(row, steps));
    return h('div', { class: `gantt-row${notices.has(row.id) ? ' conflict' : ''}`, dataset: { id: row.id } },
      h('div', { class: 'gantt-label' },
        h('span', { class: `kind ${row.kind}` }, t(`planning.${row.kind}`)), ' ',
        row.kind === 'intervention' ? h('a', { href: `#/intervention/${row.id}` }, row.label) : row.label,
        row.record.status && row.kind === 'intervention' ? [' ', statusBadge(row.record.status)] : null,
        notices.has(row.id) ? h('p', { class: 'error', role: 'alert' }, notices.get(row.id)) : null),
      track(geometry.width, [...geometry.ticks.filter((tick) => [0, 6].includes(tick.date.getDay())).map((tick) => positioned(h('span', { class: 'gantt-weekend' }), tick.x, DAY_WIDTH)), bar]));
  });
  const unscheduled = rows.filter((row) => !row.start);

  const chart = h('div', { class: 'gantt', id: 'gantt' }, header, body.length ? body : h('p', { class: 'muted' }, t('planning.empty')));
  mount(root,
    h('h1', {}, t('nav.planning')),
    h('div', { class: 'filters' }, h('label', {}, h('span', {}, t('col.site')), chooser)),
    editable ? h('p', { class: 'muted' }, t('planning.help')) : null,
    chart,
    unscheduled.length ? [h('h2', {}, t('planning.unscheduled')), h('ul', {}, unscheduled.map((row) => h('li', {}, row.label)))] : null);
  // Open on the days around today, wherever the chart starts.
  const todayX = geometry.ticks.find((tick) => tick.date.toDateString() === new Date().toDateString())?.x ?? 0;
  chart.scrollLeft = Math.max(0, todayX - 3 * DAY_WIDTH);
}
