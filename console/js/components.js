// Pieces several pages share: filter bars, tables, status badges, inline error lines.
import { h } from './dom.js';
import { t } from './i18n.js';

/** A badge whose text and colour follow an intervention's or a site's status. */
export const statusBadge = (status) => h('span', { class: `badge status-${status}` }, t(`status.${status}`));

/**
 * A filter bar; `fields` are {name, label, options: [[value, label]]}. Calls `onChange(values)`
 * with the non-empty choices whenever one changes.
 */
export function filterBar(fields, values, onChange) {
  const form = h('form', { class: 'filters', onchange: () => onChange(Object.fromEntries([...new FormData(form)].filter(([, v]) => v))) },
    fields.map(({ name, label, options }) => h('label', {}, h('span', {}, label),
      h('select', { name, 'aria-label': label },
        h('option', { value: '' }, t('common.all')),
        options.map(([value, text]) => h('option', { value, selected: values[name] === value }, text))))));
  form.addEventListener('submit', (event) => event.preventDefault());
  return form;
}

/** A table of `rows`; `columns` are {label, value(row) → node|text}; `onOpen(row)` makes rows links. */
export function table(columns, rows, { onOpen, empty = t('common.none'), rowClass } = {}) {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col' }, column.label)))),
    h('tbody', {}, rows.map((row) => h('tr', {
      class: [onOpen ? 'clickable' : '', rowClass?.(row) ?? ''].join(' ').trim() || null,
      tabindex: onOpen ? 0 : null,
      onclick: onOpen ? () => onOpen(row) : null,
      onkeydown: onOpen ? (event) => { if (event.key === 'Enter') onOpen(row); } : null,
    }, columns.map((column) => h('td', { 'data-label': column.label }, column.value(row))))))));
}

/** An error line under a control, empty until `show(message)`. */
export function inlineError() {
  const element = h('p', { class: 'error', role: 'alert', hidden: true });
  element.show = (message) => { element.textContent = message; element.hidden = !message; };
  return element;
}

/** Options for a select from records: [[id, label]]. */
export const optionsOf = (records, label = (r) => r.name) => records.map((r) => [r.id, label(r)]);

/** A map id → record. */
export const byID = (records) => new Map(records.map((r) => [r.id, r]));
