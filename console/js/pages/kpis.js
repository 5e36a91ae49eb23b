// The manager's and project manager's dashboard: KPI cards (productivity, delays, costs, budget),
// budget against cost to date per project and the cost breakdown as bar charts, and report
// generation: the request is queued (202 + job), the job is polled, the file downloaded.
import { ApiError, call, download, getJSON, listAll, query } from '../api.js';
import { barChart } from '../charts.js';
import { inlineError, optionsOf, table } from '../components.js';
import { formValues, h, mount } from '../dom.js';
import { language, t } from '../i18n.js';
import { refusal } from './intervention.js';

const REPORTS = ['weekly', 'monthly', 'daily_site', 'timesheet', 'invoice'];
const FORMATS = ['pdf', 'xlsx', 'csv'];
const POLL_MS = 2_000;
const HEALTH = { on_track: 'ok', at_risk: 'warn', over_budget: 'danger' };

export async function render(root, { params, navigate }) {
  const siteID = params.get('site_id') ?? '';
  const [kpis, sites] = await Promise.all([getJSON(`/v1/kpis${query({ site_id: siteID })}`), listAll('/v1/sites?sort=name')]);
  const locale = language() === 'fr' ? 'fr-FR' : 'en-GB';
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const ratio = (value) => (value === null || value === undefined ? '—' : percent.format(value));

  /** A card; `data-kpi` names the API field and `data-value` keeps its raw value. */
  const card = (key, label, value, format) => h('div', { class: 'stat', dataset: { kpi: key, value: value ?? '' } },
    h('strong', {}, value === null || value === undefined ? '—' : format(value)), h('span', {}, label));
  const { productivity, delays, costs, consolidated, projects } = kpis;

  const chooser = h('select', { id: 'kpi-site', 'aria-label': t('col.site'), onchange: (event) => navigate(`#/kpis${query({ site_id: event.target.value })}`) },
    h('option', { value: '' }, t('kpis.allSites')),
    optionsOf(sites).map(([value, label]) => h('option', { value, selected: value === siteID }, label)));

  mount(root,
    h('h1', {}, t('nav.kpis')),
    h('div', { class: 'filters' }, h('label', {}, h('span', {}, t('col.site')), chooser),
      h('p', { class: 'muted' }, t('kpis.period', { from: kpis.from, to: kpis.to }))),
    h('div', { class: 'stats', id: 'kpi-cards' },
      card('productivity.interventions_done', t('kpis.done'), productivity.interventions_done, number.format),
      card('productivity.hours_worked', t('kpis.hours'), productivity.hours_worked, number.format),
      card('productivity.interventions_per_technician_day', t('kpis.perDay'), productivity.interventions_per_technician_day, number.format),
      card('delays.late_rate', t('kpis.lateRate'), delays.late_rate, ratio),
      card('delays.milestones_late', t('kpis.milestonesLate'), delays.milestones_late, number.format),
      card('costs.total', t('kpis.costs'), costs.total, money.format),
      card('consolidated.budget', t('kpis.budget'), consolidated.budget, money.format),
      card('consolidated.actual_cost', t('kpis.actual'), consolidated.actual_cost, money.format),
      card('consolidated.over_budget_sites', t('kpis.overBudget'), consolidated.over_budget_sites, number.format)),
    h('div', { class: 'grid two' },
      h('section', { class: 'card' }, barChart(projects.map((p) => ({ label: p.code, values: [p.budget, p.actual_cost] })), {
        id: 'profitability-chart', title: t('kpis.profitability'), format: money.format,
        series: [{ name: t('kpis.budget'), className: 'budget' }, { name: t('kpis.actual'), className: 'actual' }],
      })),
      h('section', { class: 'card' }, barChart([
        { label: t('kpis.labour'), values: [costs.labour] },
        { label: t('kpis.materials'), values: [costs.materials] },
        { label: t('kpis.vehicles'), values: [costs.vehicles] },
      ], { id: 'costs-chart', title: t('kpis.costs'), format: money.format, series: [{ name: t('kpis.costs'), className: 'actual' }] }))),
    h('section', { class: 'card', id: 'projects' }, h('h2', {}, t('kpis.profitability')), table([
      { label: t('col.code'), value: (p) => p.code },
      { label: t('col.name'), value: (p) => p.name },
      { label: t('kpis.budget'), value: (p) => money.format(p.budget) },
      { label: t('kpis.actual'), value: (p) => money.format(p.actual_cost) },
      { label: t('kpis.consumed'), value: (p) => ratio(p.consumed_ratio) },
      { label: t('kpis.progress'), value: (p) => ratio(p.progress) },
      { label: t('kpis.health'), value: (p) => h('span', { class: `badge ${HEALTH[p.health] ?? ''}` }, t(`health.${p.health}`)) },
    ], projects, { empty: t('sites.none') })),
    reportForm(sites, siteID));
}

/** The report request form and the jobs it started, each polled until its file can be downloaded. */
function reportForm(sites, siteID) {
  const error = inlineError();
  const jobs = h('ul', { class: 'jobs', id: 'report-jobs' });
  const today = new Date().toISOString().slice(0, 10);
  const weekAgo = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
  const select = (name, label, values, prefix) => h('label', {}, h('span', {}, label),
    h('select', { name }, values.map((value) => h('option', { value }, prefix ? t(`${prefix}.${value}`) : value.toUpperCase()))));
  const form = h('form', { class: 'card', id: 'report-form', onsubmit: async (event) => {
    event.preventDefault();
    error.show('');
    try {
      const { data } = await call('POST', '/v1/reports', { body: formValues(form), headers: { 'Idempotency-Key': crypto.randomUUID() } });
      const values = formValues(form);
      jobs.prepend(jobLine(data.id, `${t(`report.${values.report}`)} · ${values.format.toUpperCase()} · ${values.from} → ${values.to}`));
    } catch (problem) {
      error.show(refusal(problem));
    }
  } },
  h('h2', {}, t('kpis.reports')),
  h('div', { class: 'grid two' },
    select('report', t('kpis.report'), REPORTS, 'report'),
    select('format', t('kpis.format'), FORMATS),
    h('label', {}, h('span', {}, t('kpis.from')), h('input', { type: 'date', name: 'from', value: weekAgo, required: true })),
    h('label', {}, h('span', {}, t('kpis.to')), h('input', { type: 'date', name: 'to', value: today, required: true })),
    h('label', {}, h('span', {}, t('col.site')), h('select', { name: 'site_id' }, h('option', { value: '' }, t('kpis.allSites')),
      optionsOf(sites).map(([value, label]) => h('option', { value, selected: value === siteID }, label))))),
  error,
  h('button', { type: 'submit', class: 'primary' }, t('kpis.generate')),
  jobs);
  return form;
}

/** One requested report: its job's status, read again until it succeeded or failed. */
function jobLine(id, label) {
  const status = h('span', { class: 'badge' });
  const action = h('span', {});
  const line = h('li', { dataset: { job: id } }, h('span', {}, label), ' ', status, ' ', action);
  const show = (job) => {
    status.textContent = t(`job.${job.status}`);
    status.className = `badge job-${job.status}`;
    if (job.status === 'failed') mount(action, h('span', { class: 'error' }, typeof job.error === 'string' ? job.error : JSON.stringify(job.error ?? '')));
    if (job.status === 'succeeded') mount(action, h('button', { type: 'button', class: 'primary', onclick: () => save(id) }, t('kpis.download')));
  };
  // Polling stops once the line has left the page (another page was opened).
  const again = () => { if (line.isConnected) setTimeout(poll, POLL_MS); };
  const poll = async () => {
    try {
      const job = await getJSON(`/v1/jobs/${id}`);
      show(job);
      if (job.status === 'queued' || job.status === 'running') again();
    } catch (problem) {
      if (problem instanceof ApiError) mount(action, h('span', { class: 'error' }, refusal(problem)));
      else again();
    }
  };
  show({ status: 'queued' });
  poll();
  return line;
}

/** Downloads a succeeded report (the route needs the bearer token, so no plain link). */
async function save(id) {
  const file = await download(`/v1/reports/${id}/file`);
  const link = h('a', { href: URL.createObjectURL(file), download: `report-${id}.${FORMAT_EXTENSIONS[file.type] ?? 'bin'}` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

const FORMAT_EXTENSIONS = {
  'application/pdf': 'pdf', 'text/csv': 'csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};
