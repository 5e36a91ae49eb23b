// The live map: sites (their geofence circle or polygon) and each tracker's latest position, drawn
// in SVG on a projected plane (no tile server is reachable), read again every 15 s. A vehicle's
// marker opens its track of the last 24 hours.
import { getJSON, listAll } from '../api.js';
import { byID, table } from '../components.js';
import { dateTime, h, mount, svg } from '../dom.js';
import { t } from '../i18n.js';
import { fit } from '../map-projection.js';

const WIDTH = 960;
const HEIGHT = 560;
const REFRESH_MS = 15_000;
/** Geofence radius assumed when a site declares none (the gateway's clock-in default). */
const DEFAULT_RADIUS_M = 150;
/** Sites too small to see at the map's scale are still drawn this big. */
const SMALLEST_SITE_PX = 7;

export async function render(root) {
  const [sites, vehicles] = await Promise.all([listAll('/v1/sites?sort=name'), listAll('/v1/vehicles')]);
  const vehicleOf = byID(vehicles);
  const located = sites.filter((s) => s.latitude !== null && s.latitude !== undefined);
  const plane = svg('svg', { id: 'live-map', class: 'map', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': t('map.title') });
  const fleet = h('section', { class: 'card', id: 'fleet' });
  const trackInfo = h('p', { class: 'muted', id: 'track-info' });
  let live = [];
  let track = null;

  const name = (position) => vehicleOf.get(position.vehicle_id)?.label ?? position.device_id;
  const showTrack = async (position) => {
    track = await getJSON(`/v1/vehicles/${position.vehicle_id}/track`);
    trackInfo.textContent = t('map.track', { name: name(position), points: track.points.length, recorded: track.recorded_points });
    draw();
  };

  function draw() {
    const points = [...located, ...live, ...(track?.points ?? [])];
    const { project, pixelsPerMetre } = fit(points, { width: WIDTH, height: HEIGHT });
    const site = (s) => {
      const [x, y] = project(s.latitude, s.longitude);
      const polygon = s.geofence?.polygon;
      const shape = polygon
        ? svg('polygon', { points: polygon.map(([lat, lon]) => project(lat, lon).join(',')).join(' ') })
        : svg('circle', { cx: x, cy: y, r: Math.max(SMALLEST_SITE_PX, (s.geofence?.radius_m ?? DEFAULT_RADIUS_M) * pixelsPerMetre) });
      // The site's point stays visible when its geofence is too small to see at this scale.
      return svg('g', { class: `site status-${s.status}`, dataset: { id: s.id } }, svg('title', {}, `${s.code} — ${s.name}`), shape,
        svg('circle', { class: 'site-point', cx: x, cy: y, r: 3 }),
        svg('text', { x: x + SMALLEST_SITE_PX + 4, y: y + 4 }, s.name));
    };
    const vehicle = (p) => {
      const [x, y] = project(p.latitude, p.longitude);
      return svg('g', {
        class: `vehicle${p.vehicle_id ? ' clickable' : ''}`, dataset: { device: p.device_id }, tabindex: p.vehicle_id ? 0 : null,
        onclick: p.vehicle_id ? () => showTrack(p) : null,
        onkeydown: p.vehicle_id ? (event) => { if (event.key === 'Enter') showTrack(p); } : null,
      }, svg('title', {}, `${name(p)} · ${dateTime(new Date(p.fix_time).toISOString())}`),
      svg('circle', { cx: x, cy: y, r: 6 }), svg('text', { x: x + 9, y: y - 8 }, name(p)));
    };
    const path = track?.points.length
      ? svg('polyline', { class: 'track', points: track.points.map((p) => project(p.latitude, p.longitude).join(',')).join(' ') }) : null;
    mount(plane, svg('rect', { class: 'map-ground', width: WIDTH, height: HEIGHT }), located.map(site), path, live.map(vehicle));
    mount(fleet, h('h2', {}, t('map.fleet', { count: live.length })), table([
      { label: t('map.vehicle'), value: name },
      { label: t('map.plate'), value: (p) => vehicleOf.get(p.vehicle_id)?.plate ?? '—' },
      { label: t('map.lastFix'), value: (p) => dateTime(new Date(p.fix_time).toISOString()) },
      { label: t('map.speed'), value: (p) => (p.speed === null || p.speed === undefined ? '—' : `${Math.round(p.speed * 3.6)} km/h`) },
    ], live, { empty: t('map.noVehicle'), onOpen: (p) => p.vehicle_id && showTrack(p) }));
  }

  const refresh = async () => {
    // The live read model spells vehicle ids in capitals (Swift's UUID), the records in lower case.
    live = (await getJSON('/v1/vehicles/live')).vehicles.map((p) => ({ ...p, vehicle_id: p.vehicle_id?.toLowerCase() ?? null }));
    draw();
  };
  await refresh();
  mount(root, h('h1', {}, t('map.title')), h('div', { class: 'card map-card' }, plane, trackInfo), fleet);
  // Read again while the map is on screen; the timer ends itself once another page replaced it.
  const timer = setInterval(() => {
    if (!plane.isConnected) { clearInterval(timer); return; }
    refresh().catch((error) => console.warn('live map', error));
  }, REFRESH_MS);
}
