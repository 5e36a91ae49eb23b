// The site lead's team and where each member stands on the time clock today (last punch, and
// whether it was inside the site's geofence). Without a team linked to the signed-in user, every
// active technician is shown.
import { getJSON, listAll } from '../api.js';
import { byID, table } from '../components.js';
import { h, isToday, mount, time } from '../dom.js';
import { t } from '../i18n.js';

export async function render(root, { session }) {
  const [mine] = await listAll(`/v1/technicians?user_id=${session.subject}`);
  const members = await listAll(mine?.team_id ? `/v1/technicians?team_id=${mine.team_id}&status=active` : '/v1/technicians?status=active');
  const [entries, sites, teams] = await Promise.all([
    members.length ? getJSON(`/v1/time-clock?technician_id=${members.map((m) => m.id).join(',')}&sort=-at&limit=200`).then((page) => page.items) : [],
    listAll('/v1/sites?sort=name'),
    listAll('/v1/teams?sort=name'),
  ]);
  const lastToday = new Map();
  for (const entry of entries.filter((e) => isToday(e.at))) if (!lastToday.has(entry.technician_id)) lastToday.set(entry.technician_id, entry);
  const siteOf = byID(sites);
  const state = (member) => {
    const entry = lastToday.get(member.id);
    if (!entry) return h('span', { class: 'badge neutral' }, t('team.notClocked'));
    const on = entry.kind === 'in' || entry.kind === 'break_end';
    return h('span', { class: `badge ${on ? 'ok' : 'neutral'}` }, `${t(`clock.kind.${entry.kind}`)} ${time(entry.at)}`);
  };
  mount(root,
    h('h1', {}, mine?.team_id ? `${t('nav.team')} — ${byID(teams).get(mine.team_id)?.name ?? ''}` : t('team.everyone')),
    table([
      { label: t('col.technician'), value: (m) => m.full_name },
      { label: t('team.state'), value: state },
      { label: t('col.site'), value: (m) => siteOf.get(lastToday.get(m.id)?.site_id)?.name ?? '—' },
      { label: t('team.geofence'), value: (m) => {
        const entry = lastToday.get(m.id);
        if (!entry) return '—';
        return entry.outside_geofence
          ? h('span', { class: 'badge warn' }, t('team.outside', { metres: Math.round(entry.distance_m ?? 0) }))
          : h('span', { class: 'badge ok' }, t('team.inside'));
      } },
      { label: t('col.phone'), value: (m) => m.phone ?? '—' },
    ], members, { empty: t('team.none') }));
}
