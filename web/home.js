// home.js - #/home: a billboard, then rows that scroll sideways: continue
// watching, next up, popular in the country, the recommendation rows, new
// on binge, then a row per genre (a kids profile gets more of those), and
// a way to every title (#/browse).

import { api, store } from './api.js';
import { el, show } from './dom.js';
import { artOf, row } from './cards.js';
import { playTarget } from './play_target.js';

const GENRE_ROWS = 3;
const KIDS_GENRE_ROWS = 6;

// The title the billboard shows: the series of what the profile is
// watching, else the first title of the rows that has a backdrop.
function featured(rows) {
  const items = rows.flatMap((r) => r.items);
  const top = (it) => (it.kind === 'episode' ? it.series_id : it.id);
  const watching = rows.find((r) => r.id === 'continue_watching')?.items[0];
  if (watching?.images?.backdrop) return top(watching);
  const art = items.find((it) => it.images?.backdrop);
  return art ? top(art) : items[0] && top(items[0]);
}

async function billboard(id, rows) {
  const t = await api('GET', `/titles/${id}`);
  const target = await playTarget(t, rows).catch(() => null);
  const year = t.first_aired?.slice(0, 4);
  const meta = [year, t.rating?.value, t.kind === 'series' && t.season_count
    ? `${t.season_count} season${t.season_count === 1 ? '' : 's'}` : null, t.genres.slice(0, 3).join(', ')].filter(Boolean);
  return el('section', { class: 'billboard', 'data-billboard': t.id, 'aria-labelledby': 'billboard-title' },
    artOf(t.title, t.images, 1280, 'eager'),
    el('div', { class: 'billboard-info' },
      t.images?.logo
        ? el('h1', { id: 'billboard-title' }, el('img', { class: 'logo', src: `${t.images.logo}&w=480`, alt: t.title }))
        : el('h1', { id: 'billboard-title' }, t.title),
      el('p', { class: 'meta' }, meta.join(' · ')),
      t.synopsis ? el('p', { class: 'synopsis' }, t.synopsis.split('\n\n')[0]) : null,
      el('div', { class: 'actions' },
        target ? el('a', { class: 'button primary', href: target.href, 'data-play': target.resume ? 'resume' : 'play' }, `▶ ${target.label}`) : null,
        el('a', { class: 'button secondary', href: `#/title/${t.id}` }, 'More info'))));
}

export async function viewHome() {
  const kids = store.getItem('profile_kids') === '1';
  const [{ rows }, { items: genres }] = await Promise.all([api('GET', '/home'), api('GET', '/genres')]);
  const shown = rows.filter((r) => r.items.length);
  // A row per genre the profile has titles in, most titles first.
  const genreRows = genres.slice(0, kids ? KIDS_GENRE_ROWS : GENRE_ROWS).map((g) => {
    const slot = el('div', { 'data-genre-row': g.genre });
    api('GET', `/titles?genre=${encodeURIComponent(g.genre)}&limit=20`).then(({ items }) => {
      if (items.length) slot.replaceChildren(row(`genre-${g.genre}`, g.genre, items, { more: `#/browse/all/${encodeURIComponent(g.genre)}` }));
    }).catch(() => {});
    return slot;
  });
  // The rows show at once; the billboard fills its place (kept, so nothing
  // moves) when its title has come.
  const id = featured(shown);
  const slot = id ? el('div', { class: 'billboard-slot' }) : null;
  if (id) {
    billboard(id, rows).then((b) => {
      const autofocused = document.activeElement === document.querySelector('#view a, #view button');
      slot.replaceWith(b);
      if (autofocused) b.querySelector('a')?.focus({ preventScroll: true });
    }).catch(() => slot.remove());
  }
  const order = kids ? ['continue_watching', 'next_up'] : null;
  const before = kids ? shown.filter((r) => order.includes(r.id)) : shown;
  const after = kids ? shown.filter((r) => !order.includes(r.id)) : [];
  show(slot,
    ...before.map((r) => row(r.id, r.title, r.items)),
    ...(kids ? genreRows : []),
    ...after.map((r) => row(r.id, r.title, r.items)),
    ...(kids ? [] : genreRows),
    el('p', { class: 'browse-all' }, el('a', { class: 'button secondary', href: '#/browse' }, 'Browse all titles')));
}
