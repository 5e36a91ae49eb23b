// Interventions with filters on status, priority, site and technician.
import { listAll, query } from '../api.js';
import { byID, filterBar, optionsOf, statusBadge, table } from '../components.js';
import { dateTime, h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { STATUSES } from '../workflow.js';

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

export async function render(root, { params, navigate }) {
  const filters = Object.fromEntries(['status', 'priority', 'site_id', 'assigned_technician_id'].map((k) => [k, params.get(k) ?? '']));
  const [interventions, sites, technicians] = await Promise.all([
    listAll(`/v1/interventions${query({ ...filters, sort: 'scheduled_start' })}`),
    listAll('/v1/sites?sort=name'),
    listAll('/v1/technicians?sort=full_name'),
  ]);
  const siteOf = byID(sites);
  const technicianOf = byID(technicians);
  mount(root,
    h('h1', {}, t('nav.interventions')),
    filterBar([
      { name: 'status', label: t('col.status'), options: STATUSES.map((s) => [s, t(`status.${s}`)]) },
      { name: 'priority', label: t('col.priority'), options: PRIORITIES.map((p) => [p, t(`priority.${p}`)]) },
      { name: 'site_id', label: t('col.site'), options: optionsOf(sites) },
      { name: 'assigned_technician_id', label: t('col.technician'), options: optionsOf(technicians, (r) => r.full_name) },
    ], filters, (chosen) => navigate(`#/interventions${query(chosen)}`)),
    interventionTable(interventions, { siteOf, technicianOf, onOpen: (i) => navigate(`#/intervention/${i.id}`) }));
}

/** The interventions table, shared with the site lead's day. `actions(row)` adds a last column. */
export function interventionTable(interventions, { siteOf, technicianOf, onOpen, actions }) {
  const columns = [
    { label: t('col.reference'), value: (i) => i.reference ?? '—' },
    { label: t('col.title'), value: (i) => i.title },
    { label: t('col.site'), value: (i) => siteOf.get(i.site_id)?.name ?? '—' },
    { label: t('col.technician'), value: (i) => technicianOf.get(i.assigned_technician_id)?.full_name ?? '—' },
    { label: t('col.status'), value: (i) => statusBadge(i.status) },
    { label: t('col.priority'), value: (i) => t(`priority.${i.priority}`) },
    { label: t('col.scheduled'), value: (i) => dateTime(i.scheduled_start) },
  ];
  if (actions) columns.push({ label: '', value: actions });
  return table(columns, interventions, { onOpen, empty: t('interventions.none') });
}
