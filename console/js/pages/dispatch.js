// The dispatch board: one day, one row per technician (and one for work not yet assigned).
// Dropping a bar on another technician's row, or along its own by quarters of an hour, asks the
// planning API to move it (`POST /v1/planning/moves` with the ETag it was read with): a valid move
// is applied; a refused one lists every conflict (skills, shift, absence, overlap, travel) on the
// row it was dropped on, and nothing changes.
import { ApiError, call, listAll } from '../api.js';
import { byID } from '../components.js';
import { h, mount, time } from '../dom.js';
import { t } from '../i18n.js';
import { dayTimeline } from '../gantt-layout.js';
import { draggable, positioned, track } from '../gantt.js';
import { refusal } from './intervention.js';

const HOUR_WIDTH = 64;
const STEP_MINUTES = 15;
const STEP_WIDTH = (HOUR_WIDTH * STEP_MINUTES) / 60;
const UNASSIGNED = 'unassigned';

/** Refusals shown on the row they were dropped on, kept across the reload that follows. */
const notices = new Map();

const localDay = (date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

export async function render(root, { params, navigate, reload, toast }) {
  const day = params.get('day') ?? localDay(new Date());
  const [technicians, interventions, sites] = await Promise.all([
    listAll('/v1/technicians?status=active&sort=full_name'),
    listAll('/v1/interventions?status=planned,assigned&sort=scheduled_start'),
    listAll('/v1/sites?sort=name'),
  ]);
  const siteOf = byID(sites);
  const timeline = dayTimeline(day, { hourWidth: HOUR_WIDTH });
  const todays = interventions.filter((i) => i.scheduled_start && localDay(new Date(i.scheduled_start)) === day);

  async function move(intervention, technicianID, minutes, rowKey) {
    const start = timeline.startAt(timeline.minutesOf(intervention.scheduled_start) + minutes);
    let moved = false;
    try {
      await call('POST', '/v1/planning/moves', {
        body: { intervention_id: intervention.id, technician_id: technicianID, start }, etag: `"${intervention.version}"`,
      });
      notices.delete(rowKey);
      moved = true;
    } catch (error) {
      notices.set(rowKey, { title: intervention.title, message: refusal(error), conflicts: error instanceof ApiError ? error.problem.conflicts ?? [] : [] });
    }
    await reload();
    // Said once the board is read again, so the bars under the pointer are the ones the move left.
    if (moved) toast(t('dispatch.moved', { name: intervention.title, technician: byID(technicians).get(technicianID)?.full_name ?? '', at: time(start) }), 'success');
  }

  const bar = (intervention) => {
    const place = timeline.place(intervention.scheduled_start, intervention.scheduled_end);
    const element = positioned(h('div', {
      class: `gantt-bar intervention status-${intervention.status}`, tabindex: 0, role: 'button', dataset: { id: intervention.id },
      'aria-label': intervention.title,
      title: `${intervention.title} · ${siteOf.get(intervention.site_id)?.name ?? ''} · ${time(intervention.scheduled_start)} – ${time(intervention.scheduled_end)}`,
    }, `${time(intervention.scheduled_start)} ${intervention.title}`), place.x, place.width);
    draggable(element, STEP_WIDTH, ({ steps, row }) => {
      const technicianID = row?.dataset.row ?? intervention.assigned_technician_id;
      // Unassigned work can only move onto someone: the planning API assigns as it moves.
      if (!technicianID || technicianID === UNASSIGNED) return;
      move(intervention, technicianID, steps * STEP_MINUTES, technicianID);
    }, { acrossRows: true });
    return element;
  };

  const row = (key, label, items) => {
    const notice = notices.get(key);
    return h('div', { class: `gantt-row${notice ? ' conflict' : ''}`, dataset: { row: key } },
      h('div', { class: 'gantt-label' }, label,
        notice ? h('div', { class: 'error', role: 'alert' },
          h('strong', {}, t('dispatch.refused', { name: notice.title })), ' ', notice.conflicts.length ? null : notice.message,
          notice.conflicts.length ? h('ul', { class: 'conflicts' }, notice.conflicts.map((c) => h('li', { dataset: { code: c.code } }, c.detail))) : null) : null),
      track(timeline.width, items.map(bar)));
  };

  const header = h('div', { class: 'gantt-row gantt-head' }, h('div', { class: 'gantt-label' }, t('col.technician')),
    track(timeline.width, timeline.ticks.map((tick) => positioned(h('span', { class: 'gantt-tick' }, `${tick.hour}h`), tick.x, HOUR_WIDTH))));
  const unassigned = todays.filter((i) => !i.assigned_technician_id);
  const dayInput = h('input', { type: 'date', id: 'dispatch-day', value: day, 'aria-label': t('dispatch.day'), onchange: (event) => navigate(`#/dispatch?day=${event.target.value}`) });
  mount(root,
    h('h1', {}, t('nav.dispatch')),
    h('div', { class: 'filters' }, h('label', {}, h('span', {}, t('dispatch.day')), dayInput)),
    h('p', { class: 'muted' }, t('dispatch.help')),
    h('div', { class: 'gantt', id: 'dispatch' }, header,
      technicians.map((x) => row(x.id, x.full_name, todays.filter((i) => i.assigned_technician_id === x.id))),
      unassigned.length ? row(UNASSIGNED, t('intervention.unassigned'), unassigned) : null));
}
