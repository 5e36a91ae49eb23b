// Building the page: elements from plain values (text is always text, never parsed as HTML).
import { language } from './i18n.js';

/**
 * `h('button', {class: 'primary', onclick: f}, 'Save')`. Attributes starting with `on` become
 * listeners; `dataset` and boolean values are applied as properties.
 */
export const h = (tag, attributes = {}, ...children) => build(document.createElement(tag), attributes, children);

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The same for SVG elements (charts, the map). */
export const svg = (tag, attributes = {}, ...children) => build(document.createElementNS(SVG_NS, tag), attributes, children);

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `element`. */
export function mount(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

const formatters = new Map();
function formatter(options) {
  const key = language() + JSON.stringify(options);
  if (!formatters.has(key)) formatters.set(key, new Intl.DateTimeFormat(language() === 'fr' ? 'fr-FR' : 'en-GB', options));
  return formatters.get(key);
}

/** `12/11/2026 08:30` (or the English form). */
export const dateTime = (iso) => (iso ? formatter({ dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso)) : '—');
export const day = (iso) => (iso ? formatter({ dateStyle: 'medium' }).format(new Date(iso.length === 10 ? `${iso}T00:00:00` : iso)) : '—');
export const time = (iso) => (iso ? formatter({ timeStyle: 'short' }).format(new Date(iso)) : '—');

/** Whether an ISO timestamp falls on the local calendar day of `now`. */
export function isToday(iso, now = new Date()) {
  if (!iso) return false;
  const at = new Date(iso);
  return at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
}

/** The values of a form's named fields, empty ones left out. */
export function formValues(form) {
  return Object.fromEntries([...new FormData(form)].filter(([, value]) => value !== ''));
}
