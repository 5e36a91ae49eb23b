// Sites with filters on status, type and client; a site opens its planning.
import { listAll, query } from '../api.js';
import { filterBar, statusBadge, table } from '../components.js';
import { day, h, mount } from '../dom.js';
import { t } from '../i18n.js';

const STATUSES = ['planned', 'active', 'suspended', 'completed', 'cancelled'];

export async function render(root, { params, navigate }) {
  const filters = Object.fromEntries(['status', 'site_type', 'client_name'].map((k) => [k, params.get(k) ?? '']));
  const [sites, everySite] = await Promise.all([listAll(`/v1/sites${query(filters)}`), listAll('/v1/sites?sort=name')]);
  const distinct = (key) => [...new Set(everySite.map((s) => s[key]))].sort().map((v) => [v, v]);
  const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  mount(root,
    h('h1', {}, t('nav.sites')),
    filterBar([
      { name: 'status', label: t('col.status'), options: STATUSES.map((s) => [s, t(`status.${s}`)]) },
      { name: 'site_type', label: t('col.siteType'), options: distinct('site_type') },
      { name: 'client_name', label: t('col.client'), options: distinct('client_name') },
    ], filters, (chosen) => navigate(`#/sites${query(chosen)}`)),
    table([
      { label: t('col.code'), value: (s) => s.code },
      { label: t('col.name'), value: (s) => s.name },
      { label: t('col.client'), value: (s) => s.client_name },
      { label: t('col.siteType'), value: (s) => s.site_type },
      { label: t('col.status'), value: (s) => statusBadge(s.status) },
      { label: t('col.dates'), value: (s) => `${day(s.starts_on)} → ${day(s.ends_on)}` },
      { label: t('col.budget'), value: (s) => money.format(Number(s.budget ?? 0)) },
    ], sites, { onOpen: (site) => navigate(`#/planning?site=${site.id}`), empty: t('sites.none') }));
}
