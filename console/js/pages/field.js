// The technician's app: today's interventions and, for one of them, the checklist, photos and the
// signature. Everything read is kept for offline use; answers, photos and signatures go through
// the offline queue, so they are kept on the device until the gateway has them.
import { call, getJSON, query } from '../api.js';
import { byID, inlineError, statusBadge } from '../components.js';
import { dateTime, h, isToday, mount, time } from '../dom.js';
import { localized, t } from '../i18n.js';
import { position } from '../geolocation.js';
import * as outbox from '../outbox.js';
import { signaturePad } from '../signature-pad.js';
import { nextStatuses } from '../workflow.js';
import { answerText, refusal, transition } from './intervention.js';

const ACTIVE = 'assigned,in_progress,done,blocked';

/** The technician record of the signed-in user (kept for offline use). */
export async function myTechnician(session) {
  const page = await getJSON(`/v1/technicians?user_id=${session.subject}`, { snapshot: true });
  return page.items[0] ?? null;
}

/** Today's work of the technician, and anything still in progress from before. */
export async function todaysWork(technician) {
  const [work, sites] = await Promise.all([
    getJSON(`/v1/interventions?assigned_technician_id=${technician.id}&status=${ACTIVE}&sort=scheduled_start&limit=200`, { snapshot: true }),
    getJSON('/v1/sites?sort=name&limit=200', { snapshot: true }),
  ]);
  const interventions = work.items.filter((i) => isToday(i.scheduled_start) || i.status === 'in_progress');
  return { interventions, siteOf: byID(sites.items) };
}

export async function render(root, context) {
  const technician = await myTechnician(context.session);
  if (!technician) { mount(root, h('p', { class: 'error' }, t('field.noTechnician'))); return; }
  if (context.id) return renderIntervention(root, context);
  const [{ interventions, siteOf }, refused] = await Promise.all([todaysWork(technician), outbox.rejected()]);
  mount(root,
    h('h1', {}, t('field.today')),
    refused.length ? h('section', { class: 'card refused', id: 'refused' }, h('h2', {}, t('field.refused')),
      h('ul', {}, refused.map((change) => h('li', {}, h('strong', {}, change.label ?? change.path), ` — ${change.reason} `,
        h('button', { type: 'button', onclick: async () => { await outbox.dismissRejected(change.id); await context.reload(); } }, t('field.dismiss')))))) : null,
    interventions.length ? h('ul', { class: 'cards' }, interventions.map((i) => h('li', {},
      h('a', { class: 'card job', href: `#/field/${i.id}`, dataset: { id: i.id } },
        h('div', { class: 'job-head' }, h('strong', {}, time(i.scheduled_start)), ' ', statusBadge(i.status)),
        h('div', { class: 'job-title' }, i.title),
        h('div', { class: 'muted' }, `${i.reference ?? ''} · ${siteOf.get(i.site_id)?.name ?? ''}`),
        h('div', { class: 'muted' }, siteOf.get(i.site_id)?.address ?? ''))))) : h('p', { class: 'muted' }, t('field.nothingToday')));
}

async function renderIntervention(root, { id, submit, reload, toast }) {
  const [detail, checklist, photos, queued] = await Promise.all([
    call('GET', `/v1/interventions/${id}`, { snapshot: true }),
    getJSON(`/v1/interventions/${id}/checklist`, { snapshot: true }),
    getJSON(`/v1/interventions/${id}/photos`, { snapshot: true }),
    outbox.pending(),
  ]);
  const record = detail.data;
  const waiting = new Map(queued.filter((e) => e.path.startsWith(`/v1/interventions/${id}/checklist/`))
    .map((e) => [Number(e.path.split('/').pop()), e.body.value]));
  const queuedSignatures = queued.filter((e) => e.path === `/v1/interventions/${id}/signatures`).length;
  const error = inlineError();

  const answer = (item, value) => submit({
    method: 'PUT', path: `/v1/interventions/${id}/checklist/${item.position}`, body: { value }, label: localized(item),
  }).then(reload);

  const items = checklist.map((item) => {
    const value = waiting.has(item.position) ? waiting.get(item.position) : item.value;
    return h('li', { class: `check ${value === null || value === undefined ? '' : 'answered'}`, dataset: { position: item.position } },
      h('div', {}, h('strong', {}, localized(item)), item.required ? ' *' : '',
        waiting.has(item.position) ? h('span', { class: 'badge waiting' }, t('sync.pending')) : null),
      h('div', { class: 'check-answer' }, answerControl(item, value, (v) => answer(item, v))));
  });

  const pad = signaturePad();
  const signer = h('input', { name: 'signer_name', required: true, autocomplete: 'name', 'aria-label': t('col.signer') });
  const signerRole = h('select', { name: 'signer_role', 'aria-label': t('col.role') },
    ['client', 'technician'].map((r) => h('option', { value: r }, t(`signer.${r}`))));
  const sign = h('form', { class: 'card', id: 'signature-form', onsubmit: async (event) => {
    event.preventDefault();
    if (pad.isEmpty()) { error.show(t('field.signFirst')); return; }
    const where = await position({ timeout: 3000 });
    await submit({
      method: 'POST', path: `/v1/interventions/${id}/signatures`, label: t('intervention.signatures'),
      body: { signer_name: signer.value, signer_role: signerRole.value, strokes: pad.strokes(), ...(where ? { latitude: where.latitude, longitude: where.longitude } : {}) },
    });
    toast(navigator.onLine ? t('field.signed') : t('field.signedOffline'), 'success');
    await reload();
  } },
  h('h2', {}, t('intervention.signatures')),
  queuedSignatures ? h('p', { class: 'badge waiting' }, t('field.signaturesWaiting', { count: queuedSignatures })) : null,
  h('label', {}, h('span', {}, t('col.signer')), signer),
  h('label', {}, h('span', {}, t('col.role')), signerRole),
  pad.element,
  h('div', { class: 'actions' },
    h('button', { type: 'button', onclick: () => pad.clear() }, t('field.clear')),
    h('button', { type: 'submit', class: 'primary' }, t('field.sign'))));

  const moves = nextStatuses(record.status, 'technician').map((to) => h('button', {
    type: 'button', class: to === 'blocked' ? 'danger' : 'primary', disabled: !navigator.onLine, dataset: { move: to },
    onclick: async () => {
      try { await transition(id, to, detail.etag); await reload(); } catch (problem) { error.show(refusal(problem)); }
    },
  }, t(`move.${to}`)));

  mount(root,
    h('p', {}, h('a', { href: '#/field' }, `← ${t('field.today')}`)),
    h('h1', {}, record.title, ' ', statusBadge(record.status)),
    detail.stale ? h('p', { class: 'badge waiting' }, t('field.offlineCopy')) : null,
    h('p', { class: 'muted' }, `${record.reference ?? ''} · ${time(record.scheduled_start)} – ${time(record.scheduled_end)}`),
    record.description ? h('p', {}, record.description) : null,
    h('div', { class: 'actions' }, moves, moves.length && !navigator.onLine ? h('span', { class: 'muted' }, t('field.movesOnline')) : null),
    error,
    h('section', { class: 'card' }, h('h2', {}, t('intervention.checklist')),
      items.length ? h('ol', { class: 'checklist' }, items) : h('p', { class: 'muted' }, t('intervention.noChecklist'))),
    photoSection(id, photos.photos, queued.filter((e) => e.path.startsWith(`/v1/interventions/${id}/photos`)), { submit, reload, toast }),
    sign);
}

/**
 * The intervention's photos (thumbnails through the gateway's signed URLs; those still on the device
 * from their own bytes) and the camera: a photo taken is queued with what the device declares —
 * when, where and how precisely — as the upload's query parameters.
 */
function photoSection(id, stored, waiting, { submit, reload, toast }) {
  const note = h('input', { name: 'note', maxlength: 1000, 'aria-label': t('photo.note'), placeholder: t('photo.note') });
  const camera = h('input', { type: 'file', accept: 'image/*', capture: 'environment', id: 'photo-input', class: 'visually-hidden', onchange: async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    const where = await position({ timeout: 3000 });
    const declared = query({
      captured_at: new Date(file.lastModified || Date.now()).toISOString(), note: note.value,
      ...(where ? { latitude: where.latitude, longitude: where.longitude, accuracy_m: Math.round(where.accuracy ?? 0) } : {}),
    });
    await submit({ method: 'POST', path: `/v1/interventions/${id}/photos${declared}`, body: file, label: t('photo.label') });
    toast(navigator.onLine ? t('photo.sent') : t('photo.kept'), 'success');
    await reload();
  } });
  const thumbnail = (source, caption, badge) => h('li', { class: 'photo' },
    source ? h('img', { src: source, alt: caption || t('photo.label'), loading: 'lazy' }) : h('div', { class: 'photo-placeholder' }, t('photo.processing')),
    h('span', { class: 'muted' }, caption), badge);
  return h('section', { class: 'card', id: 'photos' },
    h('h2', {}, t('photo.title', { count: stored.length + waiting.length })),
    h('ul', { class: 'photos' },
      stored.map((p) => thumbnail(p.urls.thumbnail ?? p.urls.preview ?? p.urls.original, p.note || dateTime(p.created_at),
        p.outside_geofence ? h('span', { class: 'badge warn' }, t('team.outside', { metres: Math.round(p.distance_m ?? 0) })) : null)),
      waiting.map((e) => thumbnail(URL.createObjectURL(e.body), dateTime(e.queuedAt), h('span', { class: 'badge waiting' }, t('sync.pending'))))),
    h('label', {}, h('span', {}, t('photo.note')), note),
    h('label', { class: 'button primary big', for: 'photo-input' }, t('photo.take')), camera);
}

/** The control that answers one checklist item, by its kind. Photo items wait for the photo module. */
function answerControl(item, value, onAnswer) {
  switch (item.kind) {
    case 'boolean':
      return [true, false].map((choice) => h('button', {
        type: 'button', class: value === choice ? 'primary' : '', 'aria-pressed': String(value === choice), dataset: { answer: String(choice) },
        onclick: () => onAnswer(choice),
      }, choice ? t('common.yes') : t('common.no')));
    case 'number':
    case 'text': {
      const input = h(item.kind === 'text' ? 'textarea' : 'input', { type: item.kind === 'number' ? 'number' : null, 'aria-label': localized(item), step: 'any' });
      input.value = value ?? '';
      return [input, h('button', { type: 'button', onclick: () => onAnswer(item.kind === 'number' ? Number(input.value) : input.value) }, t('common.save'))];
    }
    default:
      return h('span', { class: 'muted' }, value ? answerText(value) : t(`field.needs.${item.kind}`));
  }
}
