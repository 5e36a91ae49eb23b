// The app shell: who is signed in, which pages their role has, the hash router, the language
// switch, the offline queue's status and the live notifications (toast + unread badge). Each page
// is a module with `render(root, context)`.
import { call, getJSON } from './api.js';
import { h, mount } from './dom.js';
import { openEventStream } from './event-stream.js';
import { language, setLanguage, t } from './i18n.js';
import * as outbox from './outbox.js';
import { SessionExpired, current, signOut } from './session.js';
import { PAGES, homeOf, mayOpen, menuOf } from './pages/index.js';

const root = document.getElementById('page');

export function toast(message, kind = 'info') {
  const element = document.getElementById('toast');
  mount(element, message);
  element.className = kind;
  element.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { element.hidden = true; }, 4000);
}

/** `#/interventions/ID?x=1` → {name: 'interventions', id: 'ID', params}. */
function parseHash() {
  const [path, search] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, id] = path.split('/');
  return { name, id: id ? decodeURIComponent(id) : null, params: new URLSearchParams(search ?? '') };
}

export const navigate = (hash) => { location.hash = hash; };

async function refreshSyncStatus() {
  const badge = document.getElementById('sync-status');
  const session = await current();
  if (session?.role !== 'technician') { badge.hidden = true; return; }
  const waiting = await outbox.pendingCount();
  badge.hidden = false;
  badge.className = `sync ${waiting ? 'waiting' : 'synced'}`;
  badge.textContent = waiting ? t('sync.waiting', { count: waiting }) : (navigator.onLine ? t('sync.synced') : t('sync.offline'));
}

/** Replays the offline queue now (the page is open and the network is back). */
export async function synchronise() {
  if (navigator.onLine) {
    try {
      const result = await outbox.flush();
      if (result.sent) toast(t('sync.sent', { count: result.sent }), 'success');
      if (result.stoppedBy === 'session') navigate('#/login');
    } catch (error) {
      console.warn('synchronisation failed', error);
    }
  }
  await refreshSyncStatus();
}

/** Queues a change for sending (now if the network allows, otherwise when it is back). */
export async function submit(change) {
  await outbox.enqueue(change);
  const registration = await navigator.serviceWorker?.ready;
  await registration?.sync?.register(outbox.SYNC_TAG).catch(() => {});
  await synchronise();
}

/** The header's unread count, from the inbox. */
async function refreshUnread() {
  const badge = document.getElementById('unread');
  try {
    const { unread } = await getJSON('/v1/notifications/unread-count');
    badge.textContent = unread;
    badge.hidden = unread === 0;
  } catch (error) {
    console.warn('unread count', error);
  }
}

/** The one live stream of the signed-in tenant user (none for operators or when signed out). */
let live = null;

function followNotifications(session) {
  const subject = session?.tenant ? session.subject : null;
  if (live?.subject === subject) return;
  live?.stop();
  live = null;
  const link = document.getElementById('inbox');
  link.hidden = !subject;
  delete link.dataset.live;
  if (!subject) return;
  live = { subject, stop: openEventStream('/v1/notifications/stream', ({ event, data }) => {
    if (event === 'ready') { link.dataset.live = 'on'; refreshUnread(); return; }
    if (event !== 'notification') return;
    let notification;
    try { notification = JSON.parse(data); } catch { return; }
    toast(notification.title, ['high', 'critical'].includes(notification.priority) ? 'error' : 'info');
    refreshUnread();
    if (parseHash().name === 'inbox') route();
  }) };
}

function renderChrome(session) {
  const nav = document.getElementById('navigation');
  const current = parseHash().name;
  mount(nav, session ? menuOf(session.role).map((name) =>
    h('a', { href: `#/${name}`, class: name === current ? 'active' : null }, t(`nav.${name}`))) : []);
  const signOutButton = document.getElementById('sign-out');
  signOutButton.hidden = !session;
  signOutButton.textContent = t('nav.signOut');
  document.getElementById('language').textContent = language() === 'fr' ? 'English' : 'Français';
  document.getElementById('inbox-label').textContent = t('nav.inbox');
  document.documentElement.lang = language();
}

async function route() {
  const session = await current();
  const { name, id, params } = parseHash();
  const open = new Set(['login', 'invitation']);
  if (!session && !open.has(name)) { navigate('#/login'); return; }
  if (session && (!PAGES[name] || (!open.has(name) && !mayOpen(session.role, name)))) {
    navigate(`#/${homeOf(session.role)}`);
    return;
  }
  renderChrome(session);
  followNotifications(session);
  const context = { session, id, params, navigate, toast, submit, refreshUnread, reload: route };
  try {
    mount(root, h('p', { class: 'muted' }, t('common.loading')));
    await PAGES[name].render(root, context);
  } catch (error) {
    if (error instanceof SessionExpired) { await signOut(); navigate('#/login'); return; }
    console.error('page failed', name, error);
    mount(root, h('p', { class: 'error' }, `${t('common.error')}: ${error.message}`));
  }
  await refreshSyncStatus();
}

document.getElementById('language').addEventListener('click', () => { setLanguage(language() === 'fr' ? 'en' : 'fr'); route(); });
document.getElementById('sign-out').addEventListener('click', async () => {
  await call('POST', '/v1/auth/logout').catch(() => {});
  await signOut();
  followNotifications(null);
  navigate('#/login');
});
window.addEventListener('hashchange', route);
window.addEventListener('online', synchronise);
window.addEventListener('offline', refreshSyncStatus);
navigator.serviceWorker?.addEventListener('message', (event) => { if (event.data?.type === 'outbox') refreshSyncStatus(); });

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('sw.js', { type: 'module', scope: './' }).catch((error) => console.warn('service worker', error));
}
route().then(synchronise);
