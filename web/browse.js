// browse.js - #/browse/KIND/GENRE: every title the profile may see, by
// kind (all, series, films) and genre, a page of 40 at a time. The next
// page loads as the end comes into view (following the API's next_cursor)
// or from the "More titles" button, so keyboards reach every title too.

import { api } from './api.js';
import { el, show } from './dom.js';
import { card } from './cards.js';

const PAGE = 40;
const KINDS = [['all', 'All'], ['series', 'Series'], ['film', 'Films']];

export async function viewBrowse(kind = 'all', genre = '') {
  if (!KINDS.some(([k]) => k === kind)) kind = 'all';
  const { items: genres } = await api('GET', `/genres${kind === 'all' ? '' : `?kind=${kind}`}`);
  const go = (k, g) => { location.hash = `#/browse/${k}${g ? `/${encodeURIComponent(g)}` : ''}`; };
  const tabs = el('div', { class: 'tabs', role: 'group', 'aria-label': 'Kind' }, KINDS.map(([k, label]) =>
    el('a', { class: `tab${k === kind ? ' current' : ''}`, href: `#/browse/${k}${genre ? `/${encodeURIComponent(genre)}` : ''}`,
      'aria-current': k === kind ? 'page' : null }, label)));
  const select = el('select', { id: 'browse-genre', onchange: () => go(kind, select.value) },
    el('option', { value: '' }, 'All genres'),
    genres.map((g) => el('option', { value: g.genre }, `${g.genre} (${g.titles})`)));
  select.value = genre;
  const grid = el('div', { class: 'cards grid', 'data-row': 'browse' });
  const status = el('p', { class: 'meta', role: 'status', 'aria-live': 'polite' });
  const more = el('button', { class: 'secondary more-titles', hidden: true }, 'More titles');
  let cursor = null;
  let loading = false;
  let done = false;
  const query = () => {
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (kind !== 'all') q.set('kind', kind);
    if (genre) q.set('genre', genre);
    if (cursor) q.set('cursor', cursor);
    return q;
  };
  const loadMore = async () => {
    if (loading || done) return;
    loading = true;
    try {
      const page = await api('GET', `/titles?${query()}`);
      grid.append(...page.items.map(card));
      cursor = page.next_cursor;
      done = !cursor;
      more.hidden = done;
      const n = grid.children.length;
      status.textContent = `${n} title${n === 1 ? '' : 's'}${done ? '' : ', more below'}`;
    } finally {
      loading = false;
    }
  };
  more.addEventListener('click', async () => {
    const first = grid.children.length;
    await loadMore();
    grid.children[first]?.focus(); // the keyboard goes on where the new titles start
  });
  const sentinel = el('div', { class: 'sentinel', 'aria-hidden': 'true' });
  const seen = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) loadMore().catch(() => {});
  }, { rootMargin: '600px' });
  show(el('h1', {}, 'Browse'), el('div', { class: 'browse-bar' }, tabs,
    el('label', { class: 'genre' }, 'Genre ', select)), status, grid, sentinel, more);
  await loadMore();
  seen.observe(sentinel);
}
