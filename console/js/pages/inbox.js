// The signed-in user's in-app notifications, newest first; unread ones can be marked read one by
// one or all at once. New ones arrive live (the shell re-renders this page and the header badge).
import { call, getJSON } from '../api.js';
import { h, dateTime, mount } from '../dom.js';
import { t } from '../i18n.js';

export async function render(root, { reload, refreshUnread }) {
  const { items } = await getJSON('/v1/notifications?limit=100');
  const act = (path) => async () => {
    await call('POST', path);
    await refreshUnread();
    await reload();
  };
  const unread = items.filter((n) => !n.read_at).length;
  mount(root,
    h('h1', {}, t('nav.inbox')),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'read-all', disabled: unread === 0, onclick: act('/v1/notifications/read-all') }, t('inbox.readAll'))),
    items.length ? h('ul', { class: 'cards', id: 'notifications' }, items.map((n) => h('li', {
      class: `card notification priority-${n.priority}${n.read_at ? '' : ' unread'}`, dataset: { id: n.id },
    },
    h('div', { class: 'job-head' }, h('strong', {}, n.title), h('span', { class: 'muted' }, dateTime(n.created_at))),
    n.body ? h('p', {}, n.body) : null,
    n.read_at ? null : h('button', { type: 'button', class: 'link', onclick: act(`/v1/notifications/${n.id}/read`) }, t('inbox.markRead')))))
      : h('p', { class: 'muted' }, t('inbox.none')));
}
